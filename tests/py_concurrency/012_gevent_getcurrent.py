# gevent.getcurrent() inside spawned greenlets is the Greenlet object itself.
import gevent

seen = {}


def who(name):
    seen[name] = gevent.getcurrent()
    return name


jobs = {name: gevent.spawn(who, name) for name in ("p", "q")}
gevent.joinall(list(jobs.values()))
print([seen[n] is jobs[n] for n in ("p", "q")])
print(isinstance(gevent.getcurrent(), gevent.Greenlet))
