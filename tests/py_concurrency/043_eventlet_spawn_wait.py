# eventlet.spawn returns a GreenThread whose wait() gives the result; spawn_n returns nothing useful.
import eventlet

results = []


def add(a, b):
    eventlet.sleep(0)
    return a + b


gt = eventlet.spawn(add, 2, 3)
eventlet.spawn_n(lambda: results.append("spawn_n ran"))
print(gt.wait())
eventlet.sleep(0)
print(results)


def boom():
    raise ValueError("from a green thread")


try:
    eventlet.spawn(boom).wait()
except ValueError as e:
    print("wait() re-raised:", e)
