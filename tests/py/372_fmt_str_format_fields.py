# str.format field syntax: indexes, attributes, conversions, nested specs and their limits, escapes, format_map.
class P:
    x = 3
    def __repr__(self):
        return "P()"
    def __str__(self):
        return "p!"
cases = ["{}", "{0}{1}{0}", "{0!r:^10}|", "{0:}", "{{}}{}", "}}{{", "{0[0]}", "{1[k]}", "{2.x}", "{2!s}{2!r}{2!a}", "{2:>5}", "{:{}}", "{:{}.{}}", "{0:{1}}",
         "{:%}", "{:,}", "{:_}", "{:e}", "{!r}", "{0.real.imag}", "{1[k]!r:>6}", "{k}", "{ }", "{0!}", "{0!rr}", "{0:{}}", "{a[b]}", "{0[}", "{0]}", "{0.}", "{0..x}", "{00}", "{-1}", "{0[-1]}", "{1[k][0]}", "{:\n}", "{:}}}", "{:{{}}}", "{:{:{}}}", "{0:{1}{2}}", "é{}é", "{:ü^5}", "{:=^+7}", "{!s:0>3}"]
for c in cases:
    try:
        r = c.format(1234.5, {"k": "val"}, P(), 4, 5, 6, k="kw", a={"b": 7})
    except Exception as e:
        r = "%s: %s" % (type(e).__name__, e)
    print(repr(c), repr(r))
print("{x}-{y!r}".format_map({"x": 1, "y": "z"}))
try:
    "{x}".format_map({})
except KeyError as e:
    print("KeyError", e)
