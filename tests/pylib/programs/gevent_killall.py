# killall and Group.kill end sleeping greenlets; a custom exception is raised in them.
import gevent
from gevent.pool import Group


class Stop(Exception):
    pass


def sleeper(n):
    try:
        gevent.sleep(10)
    except Stop:
        print("stopped", n)
        return "stopped"


greenlets = [gevent.spawn(sleeper, n) for n in range(3)]
gevent.sleep(0)
gevent.killall(greenlets, Stop)
print([g.value for g in greenlets])

group = Group()
for n in range(2):
    group.spawn(gevent.sleep, 10)
gevent.sleep(0)
group.kill()
print(len(group))
