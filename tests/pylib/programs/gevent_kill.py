# kill() raises GreenletExit in the greenlet; its value is the GreenletExit.
import gevent
from greenlet import GreenletExit


def sleeper():
    try:
        gevent.sleep(10)
    except GreenletExit:
        print("sleeper got GreenletExit")
        raise
    finally:
        print("sleeper cleans up")


g = gevent.spawn(sleeper)
gevent.sleep(0.01)
g.kill()
print(g.dead, g.successful(), type(g.value).__name__)

never = gevent.spawn(print, "never printed")
never.kill()
print(never.dead, type(never.value).__name__)

h = gevent.spawn(gevent.sleep, 10)
gevent.sleep(0)
gevent.kill(h)
h.join()
print(h.dead)
