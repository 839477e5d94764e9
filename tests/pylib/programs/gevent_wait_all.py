# gevent.wait() with no arguments waits until the hub has nothing left to do.
import gevent

results = []


def later(n):
    gevent.sleep(0.01 * n)
    results.append(n)


for n in (3, 1, 2):
    gevent.spawn(later, n)
print(gevent.wait())
print(results)
