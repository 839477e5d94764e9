# A greenlet waiting on an Event nobody sets: joinall with a timeout returns without it.
import gevent
from gevent.event import Event

never_set = Event()
waiter = gevent.spawn(never_set.wait)
done = gevent.joinall([waiter], timeout=0.05)
print("finished:", len(done), "waiter ready:", waiter.ready())
waiter.kill()
print("killed:", waiter.dead)
