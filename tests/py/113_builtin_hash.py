# hash of ints, floats, bools, None; equal values hash equal.
print(hash(0), hash(1), hash(-1), hash(-2), hash(2 ** 61 - 1), hash(2 ** 61), hash(10 ** 20))
print(hash(1.0) == hash(1), hash(True) == hash(1), hash(0.5), hash(-0.0))
print(hash("abc") == hash("abc"), hash((1, 2)) == hash((1, 2)), hash(frozenset([1])) == hash(frozenset([1])))
try:
    hash([1])
except TypeError as e:
    print("TypeError:", e)
try:
    hash({})
except TypeError as e:
    print("TypeError:", e)
