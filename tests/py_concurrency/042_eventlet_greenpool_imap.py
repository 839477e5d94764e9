# eventlet.GreenPool.imap returns results in input order.
import eventlet


def slow_square(n):
    eventlet.sleep(0.01 * (5 - n))
    return n * n


pool = eventlet.GreenPool(3)
print(list(pool.imap(slow_square, range(5))))
print(pool.size, pool.free(), pool.running())
