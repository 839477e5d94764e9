# str.format edge cases: nested width, sign-aware padding, bools, None, conversions.
print("{:>{}}|{:<{w}}|".format("r", 4, "l", w=3))
print("{:=+8.2f} {:=8d} {: d} {:-d}".format(3.14159, -42, 7, 7))
print("{} {!r} {!s} {!a}".format(None, "é", True, "é"))
print("{:d} {:5} {:<5}|".format(True, True, False))
print("{0:{1}{2}}".format("mid", "^", 9) + "|")
print("{:.0f} {:.0f} {:.0f} {:.0f}".format(0.5, 1.5, 2.5, -0.5))
print("{:g} {:g} {:g} {:.2g}".format(1e6, 1e-4, 123456789, 0.000123))
print("{:n} {:.3} {:10.3e}|".format(1234, 3.14159, 12345.6789))
