# Sorting strings, tuples and mixed keys; sort is stable.
names = ["bob", "Ann", "cy", "ann", "Bob"]
print(sorted(names))
print(sorted(names, key=str.lower))
print(sorted(names, key=len))
print(sorted(names, key=lambda s: (len(s), s), reverse=True))
pairs = [(2, "b"), (1, "z"), (2, "a"), (1, "a")]
print(sorted(pairs), sorted(pairs, key=lambda p: p[0]))
try:
    sorted([1, "a"])
except TypeError as e:
    print("TypeError:", e)
