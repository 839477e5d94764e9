# str methods: split, join, partition, splitlines.
print("a,b,,c".split(","), "a b  c".split(), "  lead trail  ".split())
print("a,b,c".split(",", 1), "a,b,c".rsplit(",", 1), "".split(), "".split(","))
print("-".join(["x", "y", "z"]), "".join(("a", "b")), ", ".join(str(i) for i in range(3)))
print("key=value=x".partition("="), "key=value=x".rpartition("="), "novalue".partition("="))
print("one\ntwo\r\nthree\n".splitlines(), "l1\nl2\n".splitlines(True))
print("a\tb".expandtabs(4), "x".join("abc"))
