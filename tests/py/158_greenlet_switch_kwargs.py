# switch() with keyword arguments and multiple values.
from greenlet import greenlet, getcurrent


def child(*args, **kwargs):
    print("child args", args, kwargs)
    reply = parent.switch()
    print("child reply", reply)
    reply = parent.switch(1, 2)
    print("child reply", reply)
    reply = parent.switch(k="v")
    print("child reply", reply)


parent = getcurrent()
c = greenlet(child)
print(repr(c.switch("pos", key="word")))
print(repr(c.switch("one")))
print(repr(c.switch(1, 2, three=3)))
print(repr(c.switch()))
