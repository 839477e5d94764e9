# enumerate and zip.
for i, ch in enumerate("abc"):
    print(i, ch)
print(list(enumerate(["x", "y"], start=10)))
print(list(zip([1, 2, 3], "ab")), list(zip()), list(zip([1], [2], [3])))
names = ["ann", "bob"]
ages = [30, 40]
print(dict(zip(names, ages)))
pairs = [(1, "a"), (2, "b")]
nums, letters = zip(*pairs)
print(nums, letters)
e = enumerate("xy")
print(next(e), next(e))
print(type(e).__name__, type(zip()).__name__)
