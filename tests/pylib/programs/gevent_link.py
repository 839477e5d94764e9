# Links run after a greenlet finishes; link() in a new greenlet, rawlink() in the hub.
import gevent


def work(x):
    gevent.sleep(0.01)
    return x + 1


g = gevent.spawn(work, 1)
g.link(lambda source: print("linked, value", source.value))
g.rawlink(lambda source: print("rawlinked, dead", source.dead))
g.link_value(lambda source: print("value link", source.value))
g.link_exception(lambda source: print("never: exception link"))
g.join()
gevent.sleep(0.01)
print("done", g.value)
