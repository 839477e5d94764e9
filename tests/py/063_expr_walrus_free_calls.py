# Calls: positional, keyword, defaults, and evaluation order of arguments.
def trace(label, value):
    print("  arg", label)
    return value


def f(a, b, c=0, *, d=0):
    return a * 1000 + b * 100 + c * 10 + d


print(f(trace("a", 1), trace("b", 2), d=trace("d", 4), c=trace("c", 3)))
print(f(1, 2), f(1, b=2), f(b=1, a=2))
print(f(*[1, 2], **{"c": 3, "d": 4}))
print((lambda *a: a)(*range(3), *"xy"))
