# Switching to a dead greenlet goes to its parent; a dead greenlet is falsy.
from greenlet import greenlet


def quick():
    return "quick result"


q = greenlet(quick)
print(q.switch(), q.dead, bool(q))
print(repr(q.switch("ignored?")))
print(repr(q.switch()))
unstarted = greenlet(quick)
print(unstarted.dead, bool(unstarted))
