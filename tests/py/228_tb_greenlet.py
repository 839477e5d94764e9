# An uncaught exception in a greenlet propagates to the main greenlet's traceback.
from greenlet import greenlet


def worker():
    print("worker running")
    raise KeyError("from the greenlet")


g = greenlet(worker)
g.switch()
