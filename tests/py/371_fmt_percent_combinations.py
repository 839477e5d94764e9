# printf-style % formatting: 300 seeded directives (flags, *, precision, every type) with CPython's errors, mappings, bytes.
import random
random.seed(11)
vals = [0, 7, -42, 255, 2**40, True, 3.0, -0.0, 2.5, 1234.5678, 1e-7, 1e22, float("inf"), float("nan"), "abc", "é", None, [1, "a"], (1,), b"xy"]
flags = ["", "-", "+", " ", "#", "0", "-0", "+0", "#0", "- "]
widths = ["", "1", "6", "12", "*"]
precs = ["", ".0", ".2", ".5", ".*"]
convs = "diouxXeEfFgGcrsa%"
out = []
for _ in range(300):
    v = random.choice(vals)
    spec = "%" + random.choice(flags) + random.choice(widths) + random.choice(precs) + random.choice(convs)
    args = []
    if "*" in spec.split(".")[0]:
        args.append(random.choice([5, -5, 0]))
    if ".*" in spec:
        args.append(random.choice([0, 3]))
    args.append(v)
    try:
        r = spec % tuple(args) if len(args) > 1 or isinstance(v, tuple) else spec % (v,)
    except Exception as e:
        r = type(e).__name__ + ": " + str(e)
    out.append("%r %r %r" % (spec, args, r))
print("\n".join(out))
for fmt, a in [("%(a)s-%(b)05.1f", {"a": 1, "b": 2.25}), ("%s %s", (1,)), ("%s", (1, 2)), ("%d", "x"), ("%z", 1), ("%", ()), ("100%%", ()), ("%(x)s", 5), ("%c", 1114112), ("%c", "ab"), ("%x", 1.5), ("%.3s|%-6r|", ("abcdef", "q")), (b"%s %d %x", (b"hi", 3, 255)), (b"%r", (b"a",))]:
    try:
        print(repr(fmt % a))
    except Exception as e:
        print(type(e).__name__, e)
