# min, max and sum with keys, defaults and start values.
print(min(3, 1, 2), max(3, 1, 2), min([4, 5]), max("hello"))
print(min(["bb", "a", "ccc"], key=len), max(["bb", "a", "ccc"], key=len))
print(min([], default="empty"), max((), default=None))
print(max([1, 3, 3], key=lambda x: -x), max([(1, "b"), (1, "c")]))
print(sum([1, 2, 3]), sum([1, 2], 10), sum([0.5, 0.25]), sum([[1], [2]], []), sum(range(0)))
try:
    min([])
except ValueError as e:
    print("ValueError:", e)
try:
    sum(["a", "b"], "")
except TypeError as e:
    print("TypeError:", e)
