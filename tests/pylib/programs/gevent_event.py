# Event: waiters wake in the order they began to wait, after the setter yields.
import gevent
from gevent.event import Event, AsyncResult

ready = Event()


def waiter(n):
    print("waiting", n)
    result = ready.wait()
    print("woken", n, result)


def setter():
    print("setting")
    ready.set()
    print("set, not yet switched")


gevent.joinall([gevent.spawn(waiter, 1), gevent.spawn(waiter, 2), gevent.spawn(setter)])
print(ready.is_set(), ready.wait(0.1))
ready.clear()
print(ready.wait(0.05))

result = AsyncResult()
gevent.spawn(lambda: result.set(42))
print(result.get(), result.ready(), result.successful())
failed = AsyncResult()
gevent.spawn(lambda: failed.set_exception(ValueError("bad")))
try:
    failed.get()
except ValueError as error:
    print("raised", error)
