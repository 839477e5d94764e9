# collections: deque, defaultdict, OrderedDict, Counter, namedtuple.
from collections import deque, defaultdict, OrderedDict, Counter, namedtuple
import collections

d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
print(d, len(d), d[0], d[-1], d.popleft(), d.pop(), d)
d.extend([5, 6])
d.extendleft([-1, -2])
d.rotate(2)
print(d, 5 in d, list(reversed(d)), d.count(2), d.index(2))
d.rotate(-3)
print(d)
ring = deque(maxlen=3)
for i in range(6):
    ring.append(i)
print(ring, ring.maxlen, deque(), bool(deque()), deque("abc") == deque(["a", "b", "c"]))
q = deque()
for i in range(100):
    q.append(i)
total = 0
while q:
    total += q.popleft()
print(total, q)
try:
    q.pop()
except IndexError as e:
    print("IndexError:", e)

words = "the cat and the hat and the bat".split()
groups = defaultdict(list)
for w in words:
    groups[len(w)].append(w)
print(groups, groups[3], len(groups), 9 in groups)
counts = defaultdict(int)
for w in words:
    counts[w] += 1
print(sorted(counts.items()), counts["zebra"], dict(counts))
try:
    defaultdict()["x"]
except KeyError as e:
    print("KeyError:", e)

c = Counter(words)
print(c, c.most_common(2), c["the"], c["zebra"], c.total())
c.update(["cat", "cat"])
c.subtract({"the": 2})
print(c.most_common(3), sorted(c.elements())[:4])
print(Counter("abracadabra").most_common(3), Counter(a=3, b=1) + Counter(a=1, c=2), Counter(a=3) - Counter(a=5))

o = OrderedDict()
o["b"] = 1
o["a"] = 2
o["c"] = 3
o.move_to_end("b")
print(o, list(o), o.popitem(), o.popitem(last=False), o)
o["z"] = 0
o.move_to_end("z", last=False)
print(o, OrderedDict())

Point = namedtuple("Point", ["x", "y"])
p = Point(1, y=2)
print(p, p.x, p[1], p == (1, 2), len(p), list(p), Point._fields, hash(p) == hash((1, 2)))
x, y = p
print(x + y, p._asdict(), p._replace(x=10), Point._make([5, 6]), Point.__name__)
Emp = namedtuple("Emp", "name, age dept", defaults=["none"])
print(Emp("ann", 30), Emp("bob", 40, "ops").dept, sorted([Point(2, 1), Point(1, 5)]))
try:
    p.x = 5
except AttributeError as e:
    print("AttributeError")
try:
    Point(1)
except TypeError as e:
    print("TypeError:", e)
try:
    namedtuple("Bad", ["x", "x"])
except ValueError as e:
    print("ValueError:", e)
print(collections.deque is deque)
print(dict(Counter("aab")), {**defaultdict(int, x=1), "y": 2})
base = {"k": 0}
base.update(Counter(k=5, j=1))
print(base, dict(OrderedDict(a=1)))
