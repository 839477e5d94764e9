# eventlet.sleep(0) yields to other green threads.
import eventlet

log = []


def worker(name, n):
    for i in range(n):
        log.append(name + str(i))
        eventlet.sleep(0)


threads = [eventlet.spawn(worker, "a", 2), eventlet.spawn(worker, "b", 3)]
for t in threads:
    t.wait()
print(log)
