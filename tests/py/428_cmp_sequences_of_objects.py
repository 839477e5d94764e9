# Ordering lists and tuples of objects item by item through their __eq__/__lt__ (and reflected __gt__),
# in operators, sorted, min/max and heapq.
class S:
    """Compares silently (the sort's own sequence of comparisons is CPython's business)."""
    def __init__(self, x):
        self.x = x
    def __lt__(self, other):
        return self.x < other.x
    def __eq__(self, other):
        return self.x == other.x
    def __repr__(self):
        return 'S(%d)' % self.x
class V:
    def __init__(self, x):
        self.x = x
    def __lt__(self, other):
        print('lt', self.x, other.x)
        return self.x < other.x
    def __eq__(self, other):
        print('eq', self.x, other.x)
        return self.x == other.x
    def __repr__(self):
        return 'V(%d)' % self.x
class Only:
    def __init__(self, x):
        self.x = x
    def __gt__(self, other):
        return self.x > other.x
    def __repr__(self):
        return 'O(%d)' % self.x
print((V(1), 1) < (V(1), 2))
print((V(1),) <= (V(1), 0), [V(2)] > [V(1), V(5)], (1, V(3)) >= (1, V(3)))
print(sorted([(S(2), 1), (S(1), 2), (S(2), 0)]))
print(sorted([Only(3), Only(1), Only(2)]))
print(min([(Only(3),), (Only(1),)]), max([[S(1), 2], [S(1), 3]]))
try:
    sorted([(V(1),), [V(2)]])
except TypeError as e:
    print('TypeError', e)
try:
    (V(1), object()) < (V(1), object())
except TypeError as e:
    print('TypeError', e)
class N:
    pass
try:
    sorted([(N(),), (N(),)])
except TypeError as e:
    print('TypeError', e)
print(sorted([((1, S(2)), 'a'), ((1, S(1)), 'b')]))
import heapq
h = []
for t in [(S(3), 'c'), (S(1), 'a'), (S(2), 'b'), (S(1), 'Z')]:
    heapq.heappush(h, t)
print([heapq.heappop(h) for _ in range(4)])
