# map and filter are lazy iterators.
print(list(map(str, [1, 2, 3])))
print(list(map(lambda a, b: a * b, [1, 2, 3], [4, 5])))
print(list(filter(None, [0, 1, "", "x", None, []])))
print(list(filter(lambda x: x % 2, range(10))))
m = map(lambda x: x * 10, range(3))
print(next(m), list(m), list(m))
print(sum(map(int, "12345")), " ".join(map(str.upper, ["a", "b"])))
print(type(m).__name__, type(filter(None, [])).__name__)
