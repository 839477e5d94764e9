# int methods and conversions.
n = 1000
print(n.bit_length(), (-255).bit_length(), (0).bit_length())
print(n.to_bytes(2, "big"), n.to_bytes(4, "little"), (-1).to_bytes(2, "big", signed=True))
print(int.from_bytes(b"\x03\xe8", "big"), int.from_bytes(b"\xff\xff", "little", signed=True))
print(str(n), repr(n), int("-0"), abs(-n))
print((17).__add__(1), n.real, n.numerator, n.denominator)
print(pow(3, 4), pow(3, 4, 5), pow(2, -1), pow(-2, 3))
print((10).conjugate(), int(12.9), int("  7\n"))
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5))
