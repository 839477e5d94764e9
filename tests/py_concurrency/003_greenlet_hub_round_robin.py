# A hub greenlet that runs tasks round robin, as gevent's hub does with callbacks.
from greenlet import greenlet, getcurrent

run_queue = []


def hub_loop():
    while run_queue:
        task, value = run_queue.pop(0)
        task.switch(value)
    return "hub: nothing left to run"


hub = greenlet(hub_loop)


def spawn(func, *args):
    g = greenlet(lambda *_: func(*args), parent=hub)
    run_queue.append((g, None))


def cooperative_yield(value=None):
    run_queue.append((getcurrent(), value))
    return hub.switch()


def worker(name, steps):
    for step in range(steps):
        print(f"{name}: step {step}")
        cooperative_yield()
    print(f"{name}: done")


spawn(worker, "A", 3)
spawn(worker, "B", 1)
spawn(worker, "C", 2)
print(hub.switch())
