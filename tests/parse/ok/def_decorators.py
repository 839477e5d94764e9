@staticmethod
def f():
    pass

@a.b.c
@d(1, 2)
def g(x):
    return x

@property
def h(self): return self._h
