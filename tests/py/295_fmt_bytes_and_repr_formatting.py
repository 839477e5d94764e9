# Formatting bytes and reprs: %r, !r, and ascii() with non-ASCII text.
name = "café ☃"
print("%r" % name, f"{name!r}", "{!r}".format(name))
print(ascii(name), f"{name!a}", "%a" % name)
print(repr(b"caf\xc3\xa9"), b"%b and %s" % (b"raw", b"str"), b"%x %03d" % (255, 7))
print(str(b"x"), repr("\x7f\x80\u200b"))
