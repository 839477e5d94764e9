# Escape sequences in str literals, and how repr shows them.
s = "tab\there\nnewline\\backslash\x41\101\u00e9\N{BULLET}"
print(s)
print(repr(s))
print(repr("\0\a\b\f\v\r"))
print(len("\x00\x7f\u1234"))
print("line one\
 continued")
print(repr("\u4e2d\u6587"), "\u4e2d\u6587")
print(ord("\n"), ord("\t"), ord("\\"))
print(repr("unknown \q escape kept"))
