# greenlet: switching back and forth between two greenlets.
from greenlet import greenlet


def ping():
    for i in range(3):
        print("ping", i)
        pong_g.switch()
    print("ping done")


def pong():
    for i in range(3):
        print("pong", i)
        ping_g.switch()
    print("pong done")


ping_g = greenlet(ping)
pong_g = greenlet(pong)
ping_g.switch()
print("back in main", ping_g.dead, pong_g.dead)
