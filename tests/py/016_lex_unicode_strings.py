# Non-ASCII text in str: length, indexing, encoding.
s = "中文 café ☃"
print(s, len(s))
print(s[0], s[-1], s[3:7])
print(s.encode("utf-8"))
print(len(s.encode()))
print(b"\xe4\xb8\xad".decode("utf-8"))
print(s.upper())
print(repr("→←"), ascii("→←"))
