# yield as an expression inside larger expressions.
def doubler():
    total = 0
    while True:
        received = (yield total) or 0
        total += received * 2


g = doubler()
print(next(g))
print(g.send(5))
print(g.send(1))
print(next(g))


def pairs():
    x = yield
    y = yield
    print("got", x, y)
    yield x + y


p = pairs()
next(p)
p.send(3)
print(p.send(4))
