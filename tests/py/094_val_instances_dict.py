# Instance attributes live in __dict__; vars() returns it.
class Box:
    kind = "box"

    def __init__(self, w, h):
        self.w = w
        self.h = h


b = Box(2, 3)
print(vars(b), b.__dict__)
b.color = "red"
print(vars(b))
vars(b)["h"] = 30
print(b.h)
print(b.__class__.__name__, "kind" in vars(b), "kind" in vars(Box))
print(sorted(k for k in vars(Box) if not k.startswith("__")))
