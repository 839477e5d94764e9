# hex, oct and bin.
for n in (0, 1, 10, 255, -255, 2 ** 40):
    print(hex(n), oct(n), bin(n))
print(int(hex(1234), 16), int(oct(1234), 8), int(bin(1234), 2))
try:
    hex(1.5)
except TypeError as e:
    print("TypeError:", e)
