# Greenlets start in spawn order, only when the spawner waits; sleep(0) yields in turn.
import gevent


def worker(name, rounds):
    for i in range(rounds):
        print(name, i)
        gevent.sleep(0)
    return name.upper()


a = gevent.spawn(worker, "a", 3)
b = gevent.spawn(worker, "b", 2)
print("spawned", a.dead, b.dead, a.ready())
gevent.joinall([a, b])
print(a.value, b.value, a.successful(), b.dead)
