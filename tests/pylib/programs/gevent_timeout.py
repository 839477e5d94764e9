# Timeout as a context manager, as an exception, silent, and with_timeout.
import gevent
from gevent import Timeout

try:
    with Timeout(0.05):
        gevent.sleep(1)
    print("not reached")
except Timeout as error:
    print("timed out:", error)

with Timeout(0.05, False):
    gevent.sleep(1)
print("silent timeout passed")

try:
    with Timeout(0.05, ValueError("custom")):
        gevent.sleep(1)
except ValueError as error:
    print("custom:", error)

print(gevent.with_timeout(0.05, gevent.sleep, 1, timeout_value="default"))
try:
    gevent.with_timeout(0.05, gevent.sleep, 1)
except Timeout as error:
    print("with_timeout raised", type(error).__name__)

with Timeout(1):
    gevent.sleep(0.01)
print("fast enough")
print(str(Timeout(2)), str(Timeout(1)), str(Timeout(0.5, False)))
