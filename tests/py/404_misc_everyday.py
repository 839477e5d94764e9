# Everyday Python a learner writes: sys facts, formatting, str/bytes/set/dict work, generators, with, closures.
import sys
print(sys.version_info >= (3, 8), sys.platform, type(sys.argv))
print("%5.2f|%-6s|%x|%r" % (3.14159, "ab", 255, "q"), f"{12345.678:,.2f}", f"{'x':*^7}", f"{42:08b}")
s = "Hello, World"
print(s.center(20, "."), s.swapcase(), s.title(), s.partition(", "), s.rsplit(" ", 1), s.zfill(15), s.casefold())
print(s.encode(), "é".encode("utf-8"), b"abc".hex(), bytes.fromhex("6162"))
print(list(enumerate("ab", start=1)), list(zip("ab", "cd")), dict(zip("ab", range(2))), {x: x * x for x in range(3)})
print({1, 2, 3} & {2, 3, 4}, {1, 2} | {3}, {1, 2} ^ {2, 3}, {1, 2} - {2}, frozenset([1]) <= {1, 2})
print(divmod(-7, 2), -7 // 2, -7 % 2, 2 ** -1, 10 / 4, round(2.675, 2), int("ff", 16), 0o17, 1_000_000)
print(sorted({"b": 1, "a": 2}.items(), key=lambda kv: kv[1]), max("abc", key=ord), min([], default=None))
def gen():
    x = yield 1
    while True:
        x = yield x * 2
g = gen(); print(next(g), g.send(5), g.send(7))
def sub():
    yield 1
    return "done"
def outer():
    r = yield from sub()
    print("sub returned", r)
print(list(outer()))
class Ctx:
    def __enter__(self): print("enter"); return self
    def __exit__(self, t, v, tb): print("exit", t.__name__ if t else None); return True
with Ctx():
    raise ValueError("x")
try:
    try:
        1 / 0
    finally:
        print("finally")
except ZeroDivisionError as e:
    print("caught", e, type(e).__mro__[1].__name__)
def f(*args, sep="-", **kw): return sep.join(map(str, args)) + str(sorted(kw))
print(f(1, 2, *[3], sep="+", **{"z": 1}))
x = 10
def outer2():
    x = 1
    def inner():
        nonlocal x
        x += 1
        return x
    return inner
print(outer2()(), x, [i for i in range(3)], (lambda: x)())
print(isinstance(True, int), type(3) is int, issubclass(bool, int), callable(print), hasattr("", "join"))
print(repr(1e16), repr(1.0e-5), 0.1 + 0.2, float("1e500"), 1e308 * 10, str(10**20))
print("a\tb".expandtabs(4), "x".join(["1", "2"]), "  x ".strip(), "abc"[::-1], "abc"[5:], "Aa".lower() == "aa")
print(list(map(lambda a, b: a + b, [1, 2], [3, 4])), list(filter(None, [0, 1, "", "a"])), any([]), all([]))
print(bin(10), oct(8), hex(-255), ord("€"), chr(8364), ascii("é"), format(0.5, "%"), format(1234, "_"))
a, *rest = [1, 2, 3]; print(a, rest)
print(str(b"x", "ascii"), bytes(3), bytearray(b"ab") + b"c", b"a,b".split(b","), list(b"ab"))
print(globals()["x"], __name__, type(None).__name__, NotImplemented, ..., id(None) == id(None))
