# lambda expressions.
square = lambda x: x * x
print(square(7))
add = lambda a, b=10: a + b
print(add(1), add(1, 2))
print(sorted(["ccc", "a", "bb"], key=lambda s: len(s)))
print(list(map(lambda x: x + 1, [1, 2, 3])))
make_adder = lambda n: lambda x: x + n
print(make_adder(5)(10))
print((lambda *a, **k: (a, k))(1, z=2))
print((lambda: "no args")())
print(square.__name__)
