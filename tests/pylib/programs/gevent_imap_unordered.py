# Pool.imap keeps input order; imap_unordered yields as they finish.
import gevent
from gevent.pool import Pool


def wait_and_return(seconds):
    gevent.sleep(seconds)
    return seconds


pool = Pool(3)
print(list(pool.imap(wait_and_return, [0.03, 0.01, 0.02])))
print(list(pool.imap_unordered(wait_and_return, [0.03, 0.01, 0.02])))
print(pool.apply(wait_and_return, (0.01,)))
