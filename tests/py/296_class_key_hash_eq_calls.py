# Dict and set keys call a Python __hash__ and __eq__, in CPython's order.
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __eq__(self, other):
        print("  eq", self, other)
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)

    def __hash__(self):
        print("  hash", self)
        return hash((self.x, self.y))

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


print("store")
d = {Point(1, 2): "a"}
print("lookup")
print(d[Point(1, 2)])
print("replace")
d[Point(1, 2)] = "b"
print(d, len(d))
print("get")
print(d.get(Point(1, 2)), d.get(Point(9, 9), "missing"))
print("in")
print(Point(1, 2) in d, Point(3, 4) in d)
print("set")
s = {Point(0, 0), Point(0, 0)}
print(len(s))
s.add(Point(0, 0))
print(len(s), Point(0, 0) in s)
print("del")
del d[Point(1, 2)]
print(d)
print("count")
counts = {}
for i in range(4):
    p = Point(i % 2, 0)
    counts[p] = counts.get(p, 0) + 1
print(sorted(counts.values()))
print("comprehension")
print(len({Point(i % 2, 0) for i in range(4)}), len({Point(i % 2, 0): i for i in range(4)}))
