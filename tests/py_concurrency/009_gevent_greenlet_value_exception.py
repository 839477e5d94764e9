# Greenlet value, exception, ready, successful, get and join.
import gevent


def ok():
    gevent.sleep(0)
    return 42


def fails():
    gevent.sleep(0)
    raise ValueError("task failed")


good = gevent.spawn(ok)
bad = gevent.spawn(fails)
print(good.ready(), bad.ready())
good.join()
bad.join()
print(good.ready(), good.successful(), good.value, good.exception)
print(bad.ready(), bad.successful(), bad.value, repr(bad.exception))
print(good.get())
try:
    bad.get()
except ValueError as e:
    print("get() re-raised:", e)
