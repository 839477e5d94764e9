# Format specs for numbers: fill, align, sign, width, grouping, precision, type.
n = 1234.5678
for spec in ["", "f", ".1f", "10.2f", "<10.2f", "^10.2f", "010.2f", "+.3e", ".3g", "g", ",", ",.1f", "%", ".1%"]:
    print(repr(spec), "->", repr(format(n, spec)))
for spec in ["d", "5d", "<5d", "x", "#X", "o", "b", ",d", "_x", "c", "=+8d", "08d"]:
    print(repr(spec), "->", repr(format(65, spec)))
print(format(-0.0, ".1f"), format(1e-10, "f"), format(float("inf"), "f"), format(float("nan"), "10"))
print(format(0.000012345, "g"), format(123456789, "g"), format(1.0, "g"), format(10.0, ".0f"))
