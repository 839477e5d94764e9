# eventlet: a GreenPool of 2, imap in order, waitall.
import eventlet


def square(n):
    print("start", n)
    # Distinct end times, so no two green threads finish in the same hub iteration.
    eventlet.sleep({1: 0.05, 2: 0.01, 3: 0.02}[n])
    print("end", n)
    return n * n


pool = eventlet.GreenPool(2)
print(list(pool.imap(square, [1, 2, 3])))
threads = [pool.spawn(square, n) for n in [3, 1]]
pool.waitall()
print([t.wait() for t in threads], pool.running(), pool.free())
