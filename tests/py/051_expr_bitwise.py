# Bitwise operators and their precedence.
a, b = 0b1100, 0b1010
print(a & b, a | b, a ^ b, ~a, a << 2, a >> 2)
print(bin(a & b), bin(a | b), bin(a ^ b))
print(-1 >> 5, -16 >> 2, 1 << 64)
print(1 | 2 ^ 3 & 4, (1 | 2) ^ 3 & 4)
print(1 + 2 << 3, 1 + (2 << 3))
print(~0, ~-1, ~True)
print(True & False, True | False, True ^ True)
