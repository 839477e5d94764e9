# obj.__dict__ and vars(obj) are the live attribute dict; vars(Cls) is a read-only mappingproxy.
class Box:
    kind = "box"

    def __init__(self, w):
        self.w = w

    def area(self):
        return self.w * 2


b = Box(2)
d = b.__dict__
d["h"] = 3
print(b.h, d is vars(b), d is b.__dict__, type(d).__name__)
b.x = 9
print(d, "x" in d, len(d))
del b.w
print(d, hasattr(b, "w"))
del d["x"]
print(hasattr(b, "x"), b.area.__name__)
d["area"] = "shadowed"
print(b.area)
b.__dict__ = {"w": 5}
print(b.w, b.area(), vars(b))
try:
    b.__dict__ = 5
except TypeError as e:
    print("TypeError", e)
mp = vars(Box)
print(type(mp).__name__, "kind" in mp, mp["kind"], "area" in mp, "w" in mp)
Box.extra = 1
print("extra" in mp, mp.get("extra"), mp.get("nope", "dflt"), sorted(k for k in mp.keys() if not k.startswith("_")))
try:
    mp["kind"] = "crate"
except TypeError as e:
    print("TypeError", e)
try:
    del mp["kind"]
except TypeError as e:
    print("TypeError", e)
try:
    mp["missing"]
except KeyError as e:
    print("KeyError", e)
print(Box.__dict__["kind"], [k for k in Box.__dict__ if k == "kind"], len(mp) > 2)
for k, v in mp.items():
    if k == "kind":
        print(k, v)
e = ValueError("x")
e.note = 1
print(e.__dict__, vars(e))
print([n for n in dir(b) if not n.startswith("_")])
b.__dict__["zz"] = 1
print([n for n in dir(b) if not n.startswith("_")])
