# sorted and reversed.
print(sorted([5, 2, 9, 1]), sorted("hello"), sorted((3, 1), reverse=True))
print(sorted({"b": 1, "a": 2}), sorted({"b": 1, "a": 2}.items(), key=lambda kv: kv[1]))
print(sorted([-3, 2, -1], key=abs), sorted(["bb", "a", "ccc"], key=len, reverse=True))
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed(range(4))))
r = reversed([1, 2])
print(next(r), next(r))
try:
    next(r)
except StopIteration:
    print("exhausted")
try:
    reversed({1, 2})
except TypeError as e:
    print("TypeError:", e)
