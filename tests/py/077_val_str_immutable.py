# Strings are immutable sequences of code points.
s = "hello"
try:
    s[0] = "H"
except TypeError as e:
    print("TypeError:", e)
t = s
s += " world"
print(s, t)
print(list("abc"), tuple("ab"), sorted("cab"), "".join(reversed("abc")))
for i, ch in enumerate("hi"):
    print(i, ch, ord(ch))
print(str(123), str(1.5), str([1, "a"]), str(("x",)), str(b"b"))
print("a" * 3 == "aaa", "abc"[1], "abc"[-1:], min("hello"), max("hello"))
