# %-formatting edge cases: %u, %i, flags together, tuples as values, bools and None.
print("%u %i %5.1f%% %-+6d|" % (7, -3, 99.5, 42))
print("%s" % ((1, 2),), "%s %s" % (True, None), "%d" % True, "%.3s" % "abcdef")
print("%x" % 255, "%#06x" % 255, "%o" % -8, "%e" % 0, "%g" % 1e-5, "%G" % 1e-20)
print("%5s|%-5s|%05.1f|% 05d" % ("ab", "ab", 2.25, 42))
print("%(a)s-%(a)r-%(b)05.2f" % {"a": "x", "b": 3.14159})
print("%c" % 0x263A, "%r" % b"bytes", "%s" % b"bytes")
