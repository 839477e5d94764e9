# getcurrent() is the running greenlet; the main greenlet exists from the start.
from greenlet import greenlet, getcurrent

main = getcurrent()
print(isinstance(main, greenlet), main.dead, bool(main))


def show():
    me = getcurrent()
    print("inside:", me is g, me is not main, me.parent is main)
    return me


g = greenlet(show)
print(bool(g), g.dead)
returned = g.switch()
print(returned is g, g.dead, bool(g))
print(getcurrent() is main)
