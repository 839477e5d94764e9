# int / float mixing, bool as int, and conversions in expressions.
print(1 + True, 1.5 + True, 10 * False)
print(7 // 2.0, 7 % 2.5, divmod(7, 2.0), divmod(-7, 2))
print(3 / 4 * 4, 0.1 * 10, 1e10 + 1)
print(10 ** 20 / 10 ** 10, 10 ** 20 // 10 ** 10)
print(2 ** 62 + 2 ** 62, 2 ** 63 * 2)
print(int(True), float(False), int("-12"), int(" 42 "), int("0x1f", 16), int("ff", 16), int("z", 36))
print(int("0b101", 0), int("0o17", 0), int("1_000"), float("1_0.25"))
print(round(3.14159, 2), round(1234, -2), round(-1.5), round(0.5))
