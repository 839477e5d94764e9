# Integer literals in every base, with underscores.
print(0, 17, 1_000_000)
print(0x1F, 0XfF, 0o17, 0O7, 0b1010, 0B11)
print(0x_dead_beef, 0b_1111_0000)
print(00, 0_0)
print(-0x10, +0o10, ~0b1)
print(type(10**30), 10**30)
