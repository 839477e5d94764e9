# __setattr__/__delattr__ hooks and object.__setattr__/__delattr__, with and without a live __dict__.
class Guarded:
    def __init__(self):
        object.__setattr__(self, "x", 1)
    def __setattr__(self, name, value):
        print("set", name, value)
        object.__setattr__(self, name, value * 10)
    def __delattr__(self, name):
        print("del", name)
        if name == "x":
            raise AttributeError("x is guarded")
        object.__delattr__(self, name)
g = Guarded()
g.y = 2
print(g.x, g.y, vars(g))
del g.y
try:
    del g.x
except AttributeError as e:
    print("AttributeError:", e)
print(vars(g))
class A:
    pass
a = A()
d = vars(a)
object.__setattr__(a, "x", 1)
print(a.x, d)
object.__delattr__(a, "x")
print(d, hasattr(a, "x"))
try:
    object.__delattr__(a, "nope")
except AttributeError as e:
    print("AttributeError:", e)
from dataclasses import dataclass, FrozenInstanceError
@dataclass(frozen=True)
class P:
    x: int
p = P(1)
for action in (lambda: setattr(p, "x", 2), lambda: delattr(p, "x")):
    try:
        action()
    except FrozenInstanceError as e:
        print("FrozenInstanceError:", e)
