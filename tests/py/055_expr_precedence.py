# Operator precedence across the whole table.
print(2 + 3 * 4 ** 2, -2 ** 2, (-2) ** 2)
print(not True or True, not (True or True))
print(1 + 2 == 3 and 4 > 3, 1 | 2 == 3)
print(3 - 2 - 1, 2 ** 2 ** 3, 100 / 10 / 5, 100 // 10 % 3)
print(1 if 0 else 2 if 0 else 3)
print(5 & 3 | 8, 5 & (3 | 8), 1 << 2 + 1)
print(-3 % 5, -(3 % 5), 2 * -3 ** 2)
print([1, 2] + [3] * 2, "a" + "b" * 3)
x = 4
print(x > 2 and x < 10 or x == 0, not x > 2)
print(lambda: 0 if True else 1) if False else print("lambda binds loosest")
