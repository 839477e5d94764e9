# Timeout raising a custom exception, and gevent.with_timeout.
import gevent
from gevent import Timeout


class TooSlow(Exception):
    pass


try:
    with Timeout(0.02, TooSlow("the task was too slow")):
        gevent.sleep(0.5)
except TooSlow as e:
    print("TooSlow:", e)
print(gevent.with_timeout(0.02, gevent.sleep, 0.5, timeout_value="default value"))
print(issubclass(Timeout, BaseException), issubclass(Timeout, Exception))
