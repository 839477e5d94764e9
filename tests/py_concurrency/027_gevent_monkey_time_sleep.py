# patch_time: time.sleep yields to other greenlets instead of blocking the process.
from gevent import monkey
monkey.patch_all()
import time
import gevent

order = []


def napper(name, seconds):
    time.sleep(seconds)
    order.append(name)


gevent.joinall([gevent.spawn(napper, "long", 0.2), gevent.spawn(napper, "short", 0.05)])
print(order)
print(monkey.is_module_patched("time"), monkey.is_module_patched("socket"))
