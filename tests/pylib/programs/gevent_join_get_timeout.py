# join(timeout) returns, get(timeout) raises Timeout, get(block=False) too.
import gevent

slow = gevent.spawn(gevent.sleep, 1)
slow.join(timeout=0.01)
print("joined?", slow.dead)
try:
    slow.get(timeout=0.01)
except gevent.Timeout as error:
    print("get timed out", type(error).__name__)
try:
    slow.get(block=False)
except gevent.Timeout:
    print("not ready")
slow.kill()
print(slow.dead, slow.ready())
