# Codecs: utf-8/ascii/latin-1 with error handlers, and UnicodeDecodeError/UnicodeEncodeError attributes.
cases = [b"\xff\xfe", b"a\xe4\xb8x", b"ab\xe4\xb8", b"ok\xc0\xaf", b"caf\xc3\xa9"]
for b in cases:
    for errors in ("strict", "replace", "ignore", "backslashreplace"):
        try:
            print(repr(b.decode("utf-8", errors)))
        except UnicodeDecodeError as e:
            print("UnicodeDecodeError:", e, "|", e.encoding, e.object, e.start, e.end, e.reason, e.args)
for enc in ("ascii", "latin-1", "UTF8", "Latin1"):
    for s in ["plain", "café", "€uro", "aé€b"]:
        for errors in ("strict", "replace", "ignore", "backslashreplace", "xmlcharrefreplace"):
            try:
                print(enc, errors, s.encode(enc, errors))
            except UnicodeEncodeError as e:
                print("UnicodeEncodeError:", e, "|", e.encoding, e.object, e.start, e.end, e.reason)
    try:
        print(b"caf\xe9".decode(enc))
    except UnicodeDecodeError as e:
        print("UnicodeDecodeError:", e)
print(str(b"\xe9t\xe9", "latin-1"), bytes("\xe9", "latin-1"), bytearray("é", "utf-8"), str(b"x\xff", "ascii", "replace"))
print(b"abc".decode(errors="bogus"), "x".encode(encoding="ascii"))
for bad in [lambda: b"\xff".decode("utf-8", "bogus"), lambda: b"x".decode("klingon"), lambda: "x".encode(5),
            lambda: str(5, "utf-8"), lambda: UnicodeDecodeError("x"), lambda: UnicodeDecodeError(1, b"", 0, 1, "r"),
            lambda: UnicodeEncodeError("ascii", b"x", 0, 1, "r")]:
    try:
        bad()
    except (LookupError, TypeError) as e:
        print(type(e).__name__, e)
e = UnicodeDecodeError("utf-8", b"\x00\x01", 0, 2, "why")
print(e, repr(e.object), isinstance(e, ValueError), isinstance(e, UnicodeError))
e = UnicodeEncodeError("ascii", "xé", 1, 2, "nope")
print(e, e.object, e.start, e.end)
e.reason = "changed"
print(e)
try:
    raise UnicodeDecodeError("ascii", b"\x80", 0, 1, "ordinal not in range(128)")
except ValueError as e:
    print(type(e).__name__, e)
