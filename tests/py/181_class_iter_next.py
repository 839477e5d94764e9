# __iter__ and __next__: a class-based iterator and an iterable that returns a generator.
class Range2:
    def __init__(self, stop):
        self.stop = stop

    def __iter__(self):
        return Range2Iterator(self.stop)


class Range2Iterator:
    def __init__(self, stop):
        self.i = 0
        self.stop = stop

    def __iter__(self):
        return self

    def __next__(self):
        if self.i >= self.stop:
            raise StopIteration
        self.i += 2
        return self.i - 2


class Words:
    def __init__(self, text):
        self.text = text

    def __iter__(self):
        yield from self.text.split()


r = Range2(7)
print(list(r), list(r), sum(r))
print(list(Words("a bb ccc")), sorted(Words("b a")))
it = iter(Range2(3))
print(next(it), next(it), next(it, "end"))
