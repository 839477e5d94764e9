def f():
    return [x for x in (yield)]

def g():
    return [lambda: (yield) for x in y]
