# A Pool of 2: at most two run at once; map keeps the input order.
import gevent
from gevent.pool import Pool, Group

running = []


def job(n):
    running.append(n)
    print("start", n, "running", len(running))
    # Distinct end times (1 last), so no two greenlets finish in the same loop iteration.
    gevent.sleep({1: 0.05, 2: 0.01, 3: 0.02}[n])
    running.remove(n)
    print("end", n)
    return n * n


pool = Pool(2)
print(pool.map(job, [1, 2, 3]))
print(len(pool), pool.free_count())

for n in [1, 2, 3]:
    pool.spawn(job, n)
print("spawned all; full:", pool.full())
pool.join()
print("joined", len(pool))

group = Group()
group.spawn(gevent.sleep, 0.01)
group.spawn(gevent.sleep, 0.02)
print(len(group))
group.join()
print(len(group))
print(list(Pool(3).imap(job, [3, 1])))
