# Keyword-only parameters, *args and **kwargs.
def f(a, b=2, *args, c, d=4, **kwargs):
    return (a, b, args, c, d, kwargs)


print(f(1, c=3))
print(f(1, 5, 6, 7, c=3, e=9))
print(f(c=0, a=1, z=2))


def only_kw(*, flag=False):
    return flag


print(only_kw(), only_kw(flag=True))


def collect(*args, **kwargs):
    return args, kwargs


print(collect())
print(collect(1, "two", three=3, four=4))


def pos_only(a, b, /, c):
    return a + b + c


print(pos_only(1, 2, c=3))
