# float methods and special values.
x = 2.5
print(x.is_integer(), (3.0).is_integer(), x.as_integer_ratio())
print(x.hex(), float.fromhex("0x1.8p1"))
inf = float("inf")
nan = float("nan")
print(inf, -inf, nan, inf > 1e308, inf - inf, nan != nan)
print(float("Infinity"), float("-iNF"), float("nan") is nan)
print(int(x), round(x), round(3.5), round(x, 1), round(2.345, 2))
print(1.0 / 3, 2.0 ** 64, 1e100)
print(abs(-0.0), -0.0 == 0.0, str(-0.0))
print(max(1.5, 2), min(-1, -1.5), sum([0.1] * 10))
print(float(7), float("3"), float(" -2.50 "))
