# slice objects and indices().
s = slice(2, None, 3)
print(s, s.start, s.stop, s.step)
print(list(range(20))[s])
print(slice(1, 10).indices(5), slice(None, None, -1).indices(4))
data = "abcdefghij"
first_half = slice(0, len(data) // 2)
print(data[first_half], data[slice(-3, None)])
