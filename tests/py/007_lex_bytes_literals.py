# Bytes literals and their repr.
b = b"hello\x00\xff\n"
print(b)
print(len(b), b[0], b[-2])
print(B'single' + b"double")
print(b'''triple''')
print(repr(b"'"), repr(b'"'), repr(b"\t\r\\"))
print(b"abc"[1:], list(b"ab"))
print(bytes([104, 105]))
