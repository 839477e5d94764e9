# %-formatting errors and their messages.
cases = [
    lambda: "%d" % "x",
    lambda: "%s %s" % ("one",),
    lambda: "%s" % ("a", "b"),
    lambda: "%z" % 1,
    lambda: "%(k)s" % {"other": 1},
    lambda: "%d" % None,
]
for case in cases:
    try:
        print(case())
    except (TypeError, ValueError, KeyError) as e:
        print(type(e).__name__ + ":", e)
print("%d" % 3.99, "%s" % 3.99, "%.0f" % 2.5, "%.0f" % 3.5)
print(b"%s and %d" % (b"bytes", 5))
