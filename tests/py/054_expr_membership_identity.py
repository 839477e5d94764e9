# in, not in, is, is not.
print(2 in [1, 2, 3], 4 not in (1, 2), "ell" in "hello", "z" in "hello")
print("a" in {"a": 1}, 1 in {"a": 1}, 3 in {1, 2, 3}, 5 in range(0, 10, 5))
print(b"lo" in b"hello", 104 in b"hello")
a = [1]
b = a
c = [1]
print(a is b, a is c, a == c, a is not c)
print(None is None, type(None) is type(None))
print(not 2 in [1], (not 2) in [False])
