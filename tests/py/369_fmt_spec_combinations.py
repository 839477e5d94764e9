# The format-spec mini-language on ints and floats: 300 seeded combinations of fill, align, sign, z, #, 0, width, grouping, precision, type.
import random
random.seed(7)
vals = [0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 9.995, 0.125, 1e-5, 1.25e-4, 99999.5, 123456.789, 1e15, 1e16, 1.7976931348623157e308, 5e-324, 3.14159, -1234.5678, 0.1, 100.0, 1e100]
ints = [0, 1, -1, 9, 10, 99, 1000, -123456789, 2**64, 255]
fills = ["", "*<", "*>", "*^", "*=", "<", ">", "^", "=", "0="]
signs = ["", "+", "-", " "]
flags = ["", "z", "#", "z#"]
zero = ["", "0"]
widths = ["", "1", "8", "15"]
groups = ["", ",", "_"]
precs = ["", ".0", ".1", ".3", ".10"]
ftypes = ["", "e", "E", "f", "F", "g", "G", "n", "%"]
itypes = ["", "b", "d", "o", "x", "X", "n", "c", "e", "f", "g", "%"]
out = []
for _ in range(300):
    if random.random() < 0.6:
        v = random.choice(vals); ty = random.choice(ftypes)
    else:
        v = random.choice(ints); ty = random.choice(itypes)
    spec = random.choice(fills) + random.choice(signs) + random.choice(flags) + random.choice(zero) + random.choice(widths) + random.choice(groups) + random.choice(precs) + ty
    try:
        r = format(v, spec)
    except Exception as e:
        r = type(e).__name__ + ": " + str(e)
    out.append("%r %r %r" % (v, spec, r))
print("\n".join(out))
