# iter and next, with a default, and the sentinel form.
it = iter([1, 2])
print(next(it), next(it), next(it, "done"))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", e.args)
s = iter("ab")
print(list(s), list(s))
data = [3, 2, 1, 0, 5]
pos = [0]


def read():
    value = data[pos[0]]
    pos[0] += 1
    return value


print(list(iter(read, 0)))
d = iter({"a": 1, "b": 2})
print(next(d), next(d))
print(iter(it) is it)
try:
    iter(5)
except TypeError as e:
    print("TypeError:", e)
