# __str__ and __repr__, and where each is used.
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __repr__(self):
        return f"Point({self.x!r}, {self.y!r})"

    def __str__(self):
        return f"({self.x}, {self.y})"


p = Point(1, "two")
print(p)
print(str(p), repr(p))
print([p, p])
print(f"{p} {p!r}")
print("%s %r" % (p, p))


class OnlyStr:
    def __str__(self):
        return "only str"


print(OnlyStr(), str(OnlyStr()), repr(OnlyStr()).startswith("<__main__.OnlyStr object at "))
