# Pool.spawn and join; Pool.imap_unordered sorted for a deterministic print.
import gevent
from gevent.pool import Pool

pool = Pool(3)
results = []
for i in range(5):
    pool.spawn(lambda i=i: results.append(i * 10))
pool.join()
print(sorted(results), len(pool))
print(sorted(pool.imap_unordered(lambda x: x + 1, [3, 1, 2])))
print(list(pool.imap(str, [1, 2, 3])))
