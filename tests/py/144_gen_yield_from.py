# yield from delegates iteration, send and throw, and returns the subgenerator's value.
def inner():
    a = yield "inner 1"
    print("  inner got", a)
    b = yield "inner 2"
    print("  inner got", b)
    return a + b


def outer():
    result = yield from inner()
    print("  inner returned", result)
    yield from range(2)
    yield from "xy"
    return "outer done"


g = outer()
print(next(g))
print(g.send(10))
print(g.send(20))
print(list(g))
