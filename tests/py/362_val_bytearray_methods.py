# bytearray as a mutable sequence (insert, remove, pop, slices, del) and the bytes methods it shares.
ba = bytearray(b"abc")
alias = ba
ba += b"de"
print(ba, alias is ba)
ba.insert(0, 120); ba.insert(-1, 121); ba.insert(100, 122)
print(ba)
ba.remove(ord("y")); ba.reverse(); print(ba)
c = ba.copy(); c.append(0); print(ba, c, c is ba)
ba[1:3] = b"XYZW"; print(ba)
del ba[0]; print(ba)
del ba[::2]; print(ba)
ba[0:0] = bytearray(b"<<"); print(ba, ba[1], ba[-2:], ba.pop(0), ba.pop())
for bad in [lambda: ba.append(256), lambda: ba.append("a"), lambda: ba.remove(200), lambda: bytearray().pop(), lambda: ba.pop(99)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
print(b"\xffab\xfe".upper(), b"a\xe9b".split(b"\xe9"), b" \xa0x ".strip(), bytearray(b"x,y").split(b","))
print(b"hello world".title(), b"Ab".swapcase(), b"abc".center(7, b"*"), b"5".zfill(3), bytearray(b"a\xffb").find(b"b"))
print(b"k=v".partition(b"="), bytearray(b"  pad ").rstrip(), b"x\ny".splitlines(), b"12".isdigit(), b"\xe9".isalpha())
print(bytearray(b"ab") * 2, bytearray(b"ab") + b"c", b"ab" + bytearray(b"c"), b"b" in bytearray(b"abc"), 98 in bytearray(b"abc"))
print(list(bytearray(b"hi")), bytearray(b"hi") == bytearray(b"hi"), len(bytearray(b"\x00\xff")))
