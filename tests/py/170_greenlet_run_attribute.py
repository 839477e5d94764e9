# A greenlet subclass with run() as a method, and the run attribute.
from greenlet import greenlet


class Worker(greenlet):
    def __init__(self, name):
        super().__init__()
        self.name = name

    def run(self, value):
        print(self.name, "running with", value)
        return value * 2


w = Worker("w1")
print(w.switch(21))
print(w.dead, w.name)
g = greenlet()
g.run = lambda: "assigned run"
print(g.switch())
