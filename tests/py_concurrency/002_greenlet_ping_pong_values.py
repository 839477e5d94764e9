# Two greenlets pass a counter back and forth with switch(value).
from greenlet import greenlet


def make_player(name, rounds):
    def run(value):
        for _ in range(rounds):
            print(name, "got", value)
            other = pong if name == "ping" else ping
            value = other.switch(value + 1)
        return name + " finished at " + str(value)
    return run


ping = greenlet(make_player("ping", 3))
pong = greenlet(make_player("pong", 3))
print(ping.switch(0))
print(ping.dead, pong.dead)
