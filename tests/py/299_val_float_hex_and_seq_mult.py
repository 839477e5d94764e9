# float.hex / float.fromhex round trips, and multiplying a sequence by a non-int.
for x in [2.5, -0.0, 0.0, 1.0, 0.1, 5e-324, 1e308, -3.75, float("inf"), float("-inf"), 2.0**-1023]:
    h = x.hex()
    print(h, float.fromhex(h) == x)
print(float.fromhex("0x1.8p1"), float.fromhex("-0X.8"), float.fromhex("inf"), float.fromhex("ff"))
try:
    float.fromhex("0xg")
except ValueError as e:
    print("ValueError:", e)
for a, b in [("ab", 2.5), (2.5, "ab"), ([1], [2]), ("a", "b"), ((1,), None), (b"x", 1.0)]:
    try:
        a * b
    except TypeError as e:
        print("TypeError:", e)
print(format(float("inf"), "e"), format(float("-inf"), ".2%"), f"{float('nan'):G}")
print(range(0, 10, 2) == range(0, 9, 2), range(0) == range(5, 1), range(3, 4) == range(3, 9, 7))
