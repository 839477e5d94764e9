# bytearray.extend and bytes()/bytearray() from any iterable; int needles; fromhex; reversed; bytes-like comparisons.
ba = bytearray(b"abc")
ba.extend([100, 101]); ba.extend(range(102, 104)); ba.extend(bytearray(b"h")); ba.extend(iter([105]))
print(ba)
print(ba.find(98), ba.count(97), ba.index(99), b"abcb".rfind(98), b"abc".find(b"c", 1), b"hello".count(b"l"))
print(ba.hex(), bytearray.fromhex("41 42"), bytearray(b"x").join([b"a", bytearray(b"b")]), ba[::-1], ba[1:3])
print(bytearray(b"ab") < bytearray(b"b"), bytearray(b"ab") == b"ab", b"ab" == bytearray(b"ab"), hash(b"ab") == hash(b"ab"))
print(ba.replace(b"a", b"A"), ba.startswith(b"ab"), ba.endswith((b"x", b"i")), bytearray(b" x ").strip(), ba.upper().lower())
for bad in [lambda: ba.extend("str"), lambda: ba.extend([256]), lambda: ba.extend(5), lambda: bytearray("x"), lambda: bytearray([1, 300])]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
x = bytearray()
for i in range(3):
    x += bytes([65 + i])
x[0] = 0x7a
print(x, len(x), list(reversed(x)), sorted(x), max(x), sum(x), bytes(x[1:]), x.decode("ascii"))
print(bytearray(range(5)), bytearray(b"abc").isalpha(), bytearray(b"a,b").split(b","), bytearray(b"a b").partition(b" "))
for x in [object(), 5.5, None]:
    try: bytes(x)
    except TypeError as e: print(e)
print(bytes(iter([1,2])), bytearray(x for x in b"ab"), bytes({3:1}))
