# Instances of int and str subclasses keep their class; a Python __new__ runs, then __init__; __init_subclass__.
class A:
    def __new__(cls, *a, **k):
        print("new", a, k)
        return super().__new__(cls)
    def __init__(self, x, y=0):
        print("init", x, y)
print(type(A(1, y=2)).__name__)
class F(int):
    def __repr__(self):
        return "F(" + str(int(self)) + ")"
x = F(3)
print(type(x).__name__, x + 1, repr(x), x == 3, hash(x) == hash(3), {3: "three"}[x], isinstance(x, int))
print(x * 2, 2 ** x, -x, x < 4, sorted([F(5), 1, x]), int(x), float(x), bool(F(0)), bool(x), [10, 20, 30, 40][x])
print("%d %s %r" % (x, x, x), f"{x}", str(x), format(x, "03d"), x.bit_length(), abs(F(-2)), type(abs(F(-2))).__name__)
class G(int):
    def __add__(self, other):
        return "custom add"
print(G(1) + 5, 5 + G(1), G(2) * 3)
class S(str):
    def shout(self):
        return self.upper() + "!"
s = S("hi")
print(type(s).__name__, s.shout(), s + " there", s == "hi", {"hi": 1}[s], len(s), repr(s), str(s), type(str(s)).__name__)
class Base:
    def __init_subclass__(cls, tag="none", **kw):
        print("subclass", cls.__name__, tag)
class Child(Base, tag="x"):
    pass
class Grand(Child):
    pass
print(Grand.__mro__[1].__name__)
y = F(10)
print(hex(y), oct(y), bin(y), chr(F(65)), round(y), divmod(y, 3), pow(y, 2), list(range(F(2))), y // 3, y % 3, y / 4)
print(max(F(1), F(7)), min([F(4), 2]), sum([F(1), F(2)]), "ab" * F(2), [0] * F(2), y >> 1, y & 3, ~y, y.real, str(y) + "!")
print(f"{y:>5}|{y:x}", "{}".format(y), "{!r}".format(y), sorted({y: 1, 2: 3}), 10 in {y}, y in [10], [y].index(10))
class Tagged(int):
    def __init__(self, value):
        self.tag = "tag" + str(value)


t = Tagged(5)
print(t, t.tag, t + 1, repr(t), type(t).__name__)


class Name(str):
    def __init__(self, text):
        self.length = len(text)

    def __repr__(self):
        return "Name!"


n = Name("abc")
print(n, n.length, n.upper(), str(n), repr(n), f"{n}", "%s" % n, [n])
