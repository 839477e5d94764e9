def gen():
    yield
    yield 1
    x = yield
    y = yield 2
    yield 1, 2
    z = yield from other()
    yield from range(3)
    w = (yield)
    return x

def g2():
    data = yield from sub()
    print((yield))
    await_ = yield x, y
