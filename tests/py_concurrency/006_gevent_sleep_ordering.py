# Distinct sleep durations decide the order greenlets wake in.
import gevent


def sleeper(name, seconds):
    print(name, "sleeps", seconds)
    gevent.sleep(seconds)
    print(name, "woke")


gevent.joinall([
    gevent.spawn(sleeper, "slow", 0.3),
    gevent.spawn(sleeper, "fast", 0.05),
    gevent.spawn(sleeper, "medium", 0.15),
])
print("all done")
