# set methods (ints only, so iteration order is deterministic).
s = {3, 1, 2}
s.add(4)
s.add(1)
print(s, len(s), 2 in s)
s.discard(10)
s.remove(3)
print(s)
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(a | b, a & b, a - b, a ^ b)
print(a.union(b), a.intersection(b), a.difference(b), a.symmetric_difference(b))
print({1, 2} <= a, {1, 2} < a, a >= {1}, a.issubset(b), a.isdisjoint({9}))
a.update([10, 11])
a.intersection_update({1, 10, 99})
print(a)
print(sorted(set("mississippi")), set(), set([]))
try:
    s.remove(99)
except KeyError as e:
    print("KeyError:", e)
print(s.pop() in {1, 2, 4}, len(s))
