# The default parent is the greenlet that created it; parent can be reassigned.
from greenlet import greenlet, getcurrent

main = getcurrent()


def make_child():
    inner = greenlet(lambda: "from inner")
    print("inner's parent is creator:", inner.parent is getcurrent())
    return inner


g = greenlet(make_child)
child = g.switch()
print(g.dead, main.parent is None, g.parent is main)
child.parent = main
print(child.switch())


def a():
    return "a done"


ga = greenlet(a)
try:
    ga.parent = ga
except ValueError as e:
    print("ValueError:", e)
