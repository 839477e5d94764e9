# Greenlet.link callbacks run after the greenlet finishes.
import gevent

events = []


def job(n):
    gevent.sleep(0)
    return n


g = gevent.spawn(job, 5)
g.link(lambda finished: events.append(("linked", finished.value)))
g.link_value(lambda finished: events.append(("value", finished.value)))
g.join()
gevent.sleep(0)
print(events)
