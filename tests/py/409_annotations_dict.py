# Module and class annotations are stored in __annotations__ (what dataclasses read).
x: int = 5
y: "str"
class P:
    a: int
    b: str = "b"
    if True:
        c: list = []
    d = 4
    def f(self):
        z: int = 1
        return z
print(__annotations__, P.__annotations__, P.b, P().f(), x)
