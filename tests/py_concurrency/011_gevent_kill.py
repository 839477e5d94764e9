# gevent.kill and Greenlet.kill raise GreenletExit in the target; finally blocks run.
import gevent


def forever(name):
    try:
        while True:
            gevent.sleep(0.05)
    finally:
        print(name, "finally ran")


g1 = gevent.spawn(forever, "g1")
g2 = gevent.spawn(forever, "g2")
gevent.sleep(0.01)
g1.kill()
print("g1 dead:", g1.dead, type(g1.value).__name__, g1.successful())
gevent.kill(g2)
print("g2 dead right after gevent.kill:", g2.dead)
g2.join()
print("g2 dead after join:", g2.dead)
