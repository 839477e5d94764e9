# Strings made every way, at lengths around where text stops fitting in the object itself
# (46, 62 and 70 bytes), with multi-byte characters across that edge; then used as dict keys
# made one way and looked up through another.
lengths = [0, 1, 45, 46, 47, 61, 62, 63, 69, 70, 71, 140]
made = {}
for n in lengths:
    a = "x" * n
    b = "".join(["x"] * n)
    c = ("y" + "x" * n)[1:]
    d = ("X" * n).lower()
    e = "x" * (n // 2) + "x" * (n - n // 2)
    f = f"{'x' * n}"
    same = a == b == c == d == e == f
    made[a] = n
    print(n, len(a), same, hash(a) == hash(b) == hash(c) == hash(d) == hash(e) == hash(f))
    print(made.get(b), made.get(c), made.get(d), made.get(e), made.get(f), c in made, d in {a})

for n in [20, 21, 22, 23, 31]:
    s = "é" * n + "€"
    t = s[::-1]
    print(len(s), len(s.encode()), t[0], t[-1], s[n], s[-2:], len(s.upper()), s.upper()[:2])
    print([c for c in s[-3:]], s.split("€"), "€".join([s[:2], s[-2:]]))

n = 12345678901234567
text = str(n) * 5
print(text, len(text), text[::7], text[3:70:9])
print(str(-9223372036854775808) + ":" + str(9223372036854775807))
keys = {str(i) + ":" + "k" * i: i for i in range(0, 80, 9)}
print([keys["%d:%s" % (i, "k" * i)] for i in range(0, 80, 9)])
print(sorted([("w" * 63) + "b", ("w" * 63) + "a", "w" * 62, "w" * 70]) == sorted(["w" * 70, "w" * 62, "w" * 63 + "a", "w" * 63 + "b"]))
print(max("z" * 61, "z" * 62, "z" * 71), min(["q" * 70 + "a", "q" * 70]) == "q" * 70)
try:
    ",".join(["a" * 70, 5])
except TypeError as exc:
    print(exc)
