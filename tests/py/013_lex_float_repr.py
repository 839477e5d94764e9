# Float repr is CPython's shortest round-trip form.
values = [0.1 * 3, 1.1 * 1.1, 2 ** 0.5, 1 / 7, 9.95, 0.3, 1e-7, 12345.6789e10, 3.0 * 1.1]
for v in values:
    print(repr(v))
print(round(2.5), round(3.5), round(-0.5), round(2.675, 2), round(1.23456, 3))
print(float(10 ** 16), float(2 ** 53 + 1))
print(7.0 // 2, 7.0 % 2, -7.0 // 2, -7.0 % 2)
print(float("1e500"), float("  3.5  "), float("-1_0.5"))
print((0.1).is_integer(), (2.0).is_integer())
print(int(3.99), int(-3.99), int(1e20))
