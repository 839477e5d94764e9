# throw() into a generator that has not started, and throw with a class.
def gen():
    print("never runs")
    yield


g = gen()
try:
    g.throw(RuntimeError("thrown before start"))
except RuntimeError as e:
    print("RuntimeError:", e)
print(next(g, "exhausted"))


def catcher():
    try:
        yield 1
    except IndexError:
        yield "caught IndexError class"


c = catcher()
next(c)
print(c.throw(IndexError))
