# Bound methods remember their instance.
class Counter:
    def __init__(self):
        self.n = 0

    def inc(self, by=1):
        self.n += by
        return self.n


c = Counter()
bump = c.inc
bump()
bump(5)
print(c.n, bump.__self__ is c, bump.__func__ is Counter.inc)
print(Counter.inc(c, 10))
methods = [c.inc, Counter().inc]
print([m() for m in methods])
append = [].append
append(1)
print(type(bump).__name__)
upper = "abc".upper
print(upper())
