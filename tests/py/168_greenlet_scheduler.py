# A tiny cooperative scheduler on greenlets, like a hub.
from greenlet import greenlet, getcurrent

ready = []


def spawn(func, *args):
    g = greenlet(func, parent=hub)
    ready.append((g, args))
    return g


def yield_now():
    ready.append((getcurrent(), ()))
    hub.switch()


def run_hub():
    while ready:
        g, args = ready.pop(0)
        g.switch(*args)
    return "hub idle"


def task(name, steps):
    for i in range(steps):
        print(name, i)
        yield_now()
    print(name, "done")


hub = greenlet(run_hub)
spawn(task, "A", 2)
spawn(task, "B", 3)
print(hub.switch())
