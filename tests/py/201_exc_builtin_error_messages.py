# Messages of the runtime errors learners meet most.
cases = [
    lambda: 1 + "a",
    lambda: "a" + 1,
    lambda: [] + (),
    lambda: len(5),
    lambda n=5: n(),
    lambda n=5: n[0],
    lambda: [1][5],
    lambda: (1,)[5],
    lambda: "ab"[9],
    lambda: {}["k"],
    lambda: 1 / 0,
    lambda: 1 // 0,
    lambda: 1 % 0,
    lambda: 1.0 / 0,
    lambda: int("x"),
    lambda: [].index(3),
    lambda: undefined_name,
    lambda: iter(5),
    lambda: {[]: 1},
    lambda: 2 ** 10000.0,
    lambda: -1 < "a",
    lambda: sum(1),
    lambda: "x" * 1.5,
    lambda: None + None,
    lambda: "%d" % "s",
    lambda: [1, 2].pop(7),
]
for case in cases:
    try:
        case()
    except Exception as e:
        print(type(e).__name__ + ":", e)
