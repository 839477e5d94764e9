# format() on str, int, bool, float, None and more with one spec each: results and CPython's errors.
values = [0, 7, -42, 1234567, 2**70, True, 3.0, -0.0, 2.5, 1234.5678, 1e-7, 1e22, float("inf"), float("nan"), "abc", "", None]
specs = ["", "5", "<6", "^7", ">8", "=9", "*^9", "0>5", "+", "-", " ", "#", "05", "010.3f", ",", "_", ",.2f", "_x", "#x", "#o", "#b", "X", "c", "d", "n",
         ".3", ".0", "e", ".2E", "g", ".3g", "#g", "#.3g", "G", "%", ".1%", "s", ".2s", "10.2s", "+.3e", "=+10.2f", ",d", ".2", "#.0f", "#.0e", "x<+#012_.3f"]
for v in values:
    row = []
    for sp in specs:
        try:
            row.append(format(v, sp))
        except Exception as e:
            row.append("%s: %s" % (type(e).__name__, e))
    print(repr(v))
    for sp, r in zip(specs, row):
        print("   %r -> %r" % (sp, r))
