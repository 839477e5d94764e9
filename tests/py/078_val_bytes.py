# bytes: indexing, methods, decoding.
b = b"Hello, bytes"
print(b[0], b[:5], b[-5:], len(b), b.upper(), b.lower())
print(b.split(b", "), b.find(b"bytes"), b.startswith(b"He"), b.replace(b"l", b"L"))
print(b.decode(), b.decode("ascii"), bytes(3), bytes([65, 66]), bytes("é", "utf-8"))
print(b"ab" + b"cd", b"ab" * 2, b"a" < b"b", b"x" in b"xyz")
print(b.hex(), bytes.fromhex("48 69"), b"  x ".strip(), b",".join([b"a", b"b"]))
print(list(b"\x00\x01\xff"), b"\x00\x01\xff")
print(repr(b"\n\t\\'\""), b"abc".count(b"b"), b"a,b".split(b","))
try:
    b[0] = 1
except TypeError as e:
    print("TypeError:", e)
