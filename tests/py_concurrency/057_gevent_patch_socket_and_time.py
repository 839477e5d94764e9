# patch_socket and patch_time one by one; the patched modules are gevent's.
from gevent import monkey
print(monkey.is_module_patched("socket"), monkey.is_module_patched("time"))
monkey.patch_socket()
print(monkey.is_module_patched("socket"), monkey.is_module_patched("time"))
monkey.patch_time()
print(monkey.is_module_patched("socket"), monkey.is_module_patched("time"))
import socket
import time
import gevent

order = []
gevent.joinall([
    gevent.spawn(lambda: (time.sleep(0.1), order.append("slept 0.1"))),
    gevent.spawn(lambda: (time.sleep(0.02), order.append("slept 0.02"))),
])
print(order)
s = socket.socket()
print(s.gettimeout(), isinstance(s, socket.socket))
s.close()
