# UnicodeDecodeError when bytes are not valid in the encoding.
try:
    b"\xff\xfe".decode("utf-8")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError:", e)
    print(e.encoding, e.start, e.end, e.reason)
try:
    "é".encode("ascii")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError:", e)
print(b"caf\xc3\xa9".decode("utf-8"), b"\xff".decode("utf-8", "replace"), b"\xffok".decode("utf-8", "ignore"))
print(isinstance(UnicodeDecodeError("utf-8", b"", 0, 1, "x"), ValueError))
