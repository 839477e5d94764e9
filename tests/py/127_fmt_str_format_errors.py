# str.format errors.
cases = [
    lambda: "{} {}".format(1),
    lambda: "{name}".format(),
    lambda: "{0} {}".format(1, 2),
    lambda: "{:d}".format("x"),
    lambda: "{".format(1),
    lambda: "{:.2f}".format("s"),
]
for case in cases:
    try:
        print(case())
    except (IndexError, KeyError, ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
