# Suspended generators are closed when the program lets go of them, and at exit.
class Resource:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print("open", self.name)
        return self

    def __exit__(self, *exc):
        print("close", self.name, exc[0].__name__ if exc[0] else None)
        return False


def reader(name):
    with Resource(name):
        yield 1
        yield 2


def catcher():
    try:
        yield "x"
    except GeneratorExit:
        print("caught GeneratorExit")
        raise


def inner():
    try:
        yield "inner"
    finally:
        print("inner finalized")


def outer():
    try:
        yield from inner()
    finally:
        print("outer finalized")


def plain():
    yield 1
    yield 2


r = reader("file")
print(next(r))
r = None
print("after r")
c = catcher()
next(c)
del c
print("after c")
o = outer()
next(o)
o = None
print("after outer")
p = plain()
next(p)
p = None
print("after plain")


def use():
    g = reader("in use")
    for item in g:
        print("item", item)
        return item


print(use())
first = reader("first at exit")
next(first)
last = reader("second at exit")
next(last)
print("end")
