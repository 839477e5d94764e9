# str methods at their edges: splitlines' line boundaries, split/rsplit forms, windows past the end, fill and argument errors.
s = "a\x0bb\x0cc\x1cd\x1de\x1ef\x85g\u2028h\u2029i\r\nj\rk\n"
print(s.splitlines(), s.splitlines(True), b"a\x0bb\r\nc\x85".splitlines(), "".splitlines(), "x\n".splitlines(True))
t = "  one two  three  "
for args in [(), (None,), (None, 1), (" ",), (" ", 2), ("  ",), ("o",), (None, 0), (None, -1)]:
    print(args, t.split(*args), t.rsplit(*args))
print("abc".center(6, "*"), "abc".center(7, "*"), "ab".center(5), "-42".zfill(6), "+x".zfill(4), "a\tbc\td".expandtabs(4), "x\ty".expandtabs())
w = "hello world hello"
print(w.find("o", -5), w.find("o", 5, 8), w.rfind("l", 0, -6), w.count("l", 3), w.count("", 2, 5), w.index("w", 1), w.replace("l", "L", 2), w.replace("", "-", 3))
print(w.startswith(("x", "he"), 0, 4), w.endswith("llo", 0, 5), w.startswith("", 20), w.partition("o"), w.rpartition("o"), w.rpartition("z"))
print("a,b,,c".split(","), "a,b,,c".rsplit(",", 1), "MiXeD".swapcase(), " \t x".lstrip(" "), "xxaxx".strip("x"), "abc".removeprefix("ab"), "abc".removesuffix("x"))
print("{:>{w}}|{!r:^7}|".format("r", "s", w=4), f"{'q'!r:>{5}}", f"{3.14159:{'.'}{2}f}", f"{'x':*^{1 + 4}}")
print("_".join(["a", "b"]), "".join(map(str, range(3))), "ß".lower(), "ﬃ".upper(), "ǈ".swapcase(), "İstanbul".lower(), "ΌΣΟΣ".lower())
for bad in [lambda: "a".center(5, "ab"), lambda: "a".split(""), lambda: "a".join([1]), lambda: "x".zfill("3"), lambda: "a".replace(1, "b"), lambda: "a".startswith(1)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
