# Arbitrary-size integers.
big = 2 ** 200
print(big)
print(big * big)
print(-big // 3, -big % 7)
print(big >> 190, 1 << 100)
f = 1
for i in range(1, 31):
    f *= i
print(f)
print(len(str(3 ** 500)))
print(int("123456789012345678901234567890") + 1)
print(hex(2 ** 100), bin(2 ** 70)[:12])
print(123456789 ** 3 == 123456789 * 123456789 * 123456789)
print(divmod(10 ** 25, 7 ** 9))
print(-(2 ** 64) & 0xFFFF_FFFF_FFFF_FFFF_FFFF, (2 ** 65) | 1, (2 ** 65) ^ (2 ** 64))
