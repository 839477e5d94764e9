# Dict keys: hashable values of several types.
d = {}
d[1] = "int"
d[1.0] = "float replaces int key"
d["1"] = "str"
d[(1, 2)] = "tuple"
d[None] = "none"
d[frozenset([1])] = "frozenset"
d[True] = "True is 1"
print(d)
try:
    d[[1]] = "list"
except TypeError as e:
    print("TypeError:", e)
try:
    d["missing"]
except KeyError as e:
    print("KeyError:", e, repr(e))
try:
    d[(3, 4)]
except KeyError as e:
    print("KeyError:", e)
