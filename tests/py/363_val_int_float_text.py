# int() and float() text: underscores, prefixes and base 0, Unicode digits and spaces, specials.
cases = ["42", " -0042 ", "1_000", "1__0", "_1", "1_", "0x_1f", "0b101", "0o17", "010", "000", "0", "+7", "- 7", "١٢", "\u3000 ٣\u2003", "12\u00a0", "\x1c5\x1f", "½", "٣.٥", "𝟙𝟚", "1e3", "", " ", "0x"]
for s in cases:
    for base in (10, 0, 16):
        try:
            r = int(s, base)
        except ValueError as e:
            r = "ValueError: %s" % e
        print(repr(s), base, r)
for s in ["1.5", "-.5", "1_0.5", "1__0", "1_.5", "._5", "inf", "-Infinity", "nan", "+NaN", "infin", "in", "1e5", "1E-2", "٣.٥", " 2.5 ", "1.5e", "e5", "0x10", "1_e5", "١e١"]:
    try:
        r = float(s)
    except ValueError as e:
        r = "ValueError: %s" % e
    print(repr(s), r)
for b in (1, 37, -1):
    try:
        int("1", b)
    except ValueError as e:
        print(e)
print(int(b"12"), int(bytearray(b" 7 ")), int(b"ff", 16), float(b"1.5"), float(bytearray(b" -2e3 ")))
for bad in [lambda: int(b"x1"), lambda: int(b"\xff"), lambda: float(b"nope"), lambda: int(b"12", 1), lambda: float(b"\xff1")]:
    try:
        bad()
    except ValueError as e:
        print("ValueError:", e)
