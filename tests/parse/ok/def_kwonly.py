def f(*, a, b=2):
    pass

def g(a, /, b, *, c):
    pass

def h(a, b=1, /, c=2):
    pass
