# bytearray: a mutable bytes.
ba = bytearray(b"hello")
ba[0] = ord("j")
print(ba, len(ba), bytes(ba))
ba.extend(b" world")
ba.append(33)
print(ba)
del ba[0:6]
print(ba, ba.decode())
ba2 = bytearray(3)
print(ba2, bytearray([1, 2, 3]), bytearray("abc", "ascii"))
ba2 += b"xy"
print(ba2, ba2 == b"\x00\x00\x00xy", ba2.pop(), ba2)
print(bytearray(b"abc").upper(), bytearray(b"a b").split())
