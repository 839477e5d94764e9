# Tuples: immutable, hashable, with count and index.
t = (1, 2, 2, 3)
print(t, len(t), t.count(2), t.index(3), t[1:], t + (4,), t * 2)
print(tuple(), tuple([1]), tuple("ab"), (1,) == tuple([1]))
try:
    t[0] = 5
except TypeError as e:
    print("TypeError:", e)
d = {(1, 2): "point"}
print(d[(1, 2)], d[1, 2])
a, b = t[:2]
print(a, b)
print(hash((1, 2)) == hash((1, 2)), (1, 2) < (1, 3), max([(1, "b"), (1, "a")]))
single = 1,
print(single, type(single).__name__)
