# A failing greenlet keeps its exception; get() re-raises it; joinall(raise_error=True) too.
import gevent


def fail():
    raise KeyError("missing")


def ok():
    return "fine"


bad = gevent.spawn(fail)
good = gevent.spawn(ok)
gevent.joinall([bad, good])
print(bad.successful(), repr(bad.exception), bad.value)
print(good.successful(), good.exception, good.value)
try:
    bad.get()
except KeyError as error:
    print("get raised", repr(error))
try:
    gevent.joinall([gevent.spawn(fail)], raise_error=True)
except KeyError as error:
    print("joinall raised", repr(error))
