# Timers fire in order of their deadlines, not of their spawning.
import gevent


def nap(name, seconds):
    gevent.sleep(seconds)
    print("woke", name)
    return seconds


greenlets = [gevent.spawn(nap, n, s) for n, s in [("c", 0.3), ("a", 0.1), ("b", 0.2)]]
done = gevent.joinall(greenlets)
print([g.value for g in done])
print([g.value for g in greenlets])
