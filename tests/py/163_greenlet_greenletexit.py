# GreenletExit: thrown by default, and caught silently as a return value.
from greenlet import greenlet, GreenletExit, getcurrent


def waiter():
    try:
        getcurrent().parent.switch("parked")
    except GreenletExit:
        print("waiter got GreenletExit")
        raise
    finally:
        print("waiter finally")


w = greenlet(waiter)
print(w.switch())
result = w.throw()
print("throw() returned", repr(result), w.dead)
print(issubclass(GreenletExit, BaseException), issubclass(GreenletExit, Exception))


def exit_value():
    raise GreenletExit("exit value")


e = greenlet(exit_value)
print(repr(e.switch()))
