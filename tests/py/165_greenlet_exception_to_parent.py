# An uncaught exception in a greenlet propagates to its parent.
from greenlet import greenlet


def broken():
    raise RuntimeError("failure inside greenlet")


def middle():
    try:
        child.switch()
    except RuntimeError as e:
        print("middle caught:", e)
        return "middle recovered"


mid = greenlet(middle)
child = greenlet(broken, mid)
print(mid.switch())
g = greenlet(broken)
try:
    g.switch()
except RuntimeError as e:
    print("main caught:", e, g.dead)
