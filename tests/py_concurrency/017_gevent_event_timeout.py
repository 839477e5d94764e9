# Event.wait with a timeout returns False when nobody sets it; AsyncResult carries a value.
import gevent
from gevent.event import Event, AsyncResult

never = Event()
print("wait returned", never.wait(timeout=0.05))
result = AsyncResult()


def compute():
    gevent.sleep(0.01)
    result.set(6 * 7)


gevent.spawn(compute)
print("async result", result.get())
print(result.ready(), result.successful())
