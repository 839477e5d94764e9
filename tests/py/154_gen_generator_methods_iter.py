# Generators are their own iterators; a class-based iterator for comparison.
def gen():
    yield from (1, 2)


g = gen()
print(iter(g) is g, hasattr(g, "__next__"), hasattr(g, "send"), type(g).__name__)
print(g.__next__(), next(g))


class Countdown:
    def __init__(self, start):
        self.current = start

    def __iter__(self):
        return self

    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1


print(list(Countdown(3)), list(zip(Countdown(2), gen())))
