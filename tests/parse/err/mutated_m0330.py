f = lambda: 0
g = lambda x: x * 2
h = lambda x, y=1, *a, z, **k: (x, y, a, z, k)
key = sorted(xs, key=lambda p: p[1])
lambda *:, a: a
nested = lambda x: lambda y: x + y
