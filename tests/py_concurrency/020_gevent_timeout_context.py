# gevent.Timeout as a context manager and as an exception.
import gevent
from gevent import Timeout

try:
    with Timeout(0.05):
        gevent.sleep(1)
        print("never")
except Timeout as t:
    print("timed out:", type(t).__name__)
with Timeout(0.05, False):
    gevent.sleep(1)
print("silent timeout passed")
with Timeout(1):
    gevent.sleep(0.01)
print("finished within the timeout")
