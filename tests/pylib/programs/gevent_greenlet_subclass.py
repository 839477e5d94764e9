# Subclassing Greenlet: _run is the body; spawn is a classmethod.
import gevent
from gevent import Greenlet


class Countdown(Greenlet):
    def __init__(self, start):
        Greenlet.__init__(self)
        self.start_at = start

    def _run(self):
        for n in range(self.start_at, 0, -1):
            print("count", n)
            gevent.sleep(0)
        return "liftoff"


c = Countdown(3)
c.start()
other = Countdown.spawn(2)
print(c.get(), other.get())
