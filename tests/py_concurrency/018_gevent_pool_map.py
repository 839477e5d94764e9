# gevent.pool.Pool: map keeps input order; at most size greenlets run at once.
import gevent
from gevent.pool import Pool

pool = Pool(2)
running = []
peak = [0]


def square(n):
    running.append(n)
    peak[0] = max(peak[0], len(running))
    gevent.sleep(0.01 * (3 - n % 3))
    running.remove(n)
    return n * n


print(pool.map(square, range(6)))
print("peak concurrency", peak[0])
