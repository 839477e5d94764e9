# A gevent.Greenlet subclass with _run, started explicitly.
import gevent


class Countdown(gevent.Greenlet):
    def __init__(self, name, n):
        super().__init__()
        self.name = name
        self.n = n

    def _run(self):
        for i in range(self.n, 0, -1):
            print(self.name, i)
            gevent.sleep(0)
        return self.name + " liftoff"


a = Countdown("a", 3)
b = Countdown("b", 2)
print(a.started, a.ready())
a.start()
b.start()
gevent.joinall([a, b])
print(a.value, b.value, a.successful())
