# struct: binary records, as network protocols frame them (length prefixes, headers).
import struct
print(struct.pack("!IH", 1, 2), struct.calcsize("<iq"), struct.calcsize("iq"), struct.calcsize("@bi"), struct.calcsize("@ib"))
print(struct.unpack("<hHbBc?", struct.pack("<hHbBc?", -2, 65535, -1, 255, b"x", True)))
print(struct.pack("5s3p", b"hello world", b"ab"), struct.pack("d", 1.5), struct.pack(">f", 0.1), struct.unpack(">f", struct.pack(">f", 0.1)))
print(struct.unpack("@bi", struct.pack("@bi", 1, 2)), struct.pack("@bi", 1, 2), struct.pack("=bi", 1, 2), struct.pack(">q", -2))
print(struct.unpack("<Q", b"\xff" * 8), struct.unpack("!i", b"\xff\xff\xff\xfe"), struct.unpack(b"<2H", b"\x01\x00\x02\x00"))
message = "héllo".encode()
frame = struct.pack("!I", len(message)) + message
(length,) = struct.unpack("!I", frame[:4])
print(length, frame[4:4 + length].decode(), struct.unpack_from("!H", b"\x00\x01\x02", 1))
record = struct.Struct("!HI")
print(record.format, record.size, record.pack(1, 2), record.unpack(b"\x00\x01\x00\x00\x00\x02"))
buf = bytearray(8)
struct.pack_into("<HH", buf, 2, 7, 9)
print(buf, list(struct.iter_unpack("<H", b"\x01\x00\x02\x00")), struct.error.__mro__[1].__name__)
for fmt, v in [("<h", 70000), ("<H", -1), ("<b", 200), ("<B", 256), ("<i", 2**31), ("<I", 2**32), ("<q", 2**63),
               ("<Q", -1), ("!I", -1), ("@i", 2**31), ("@I", -1), ("@l", 2**63), ("<l", 2**31), ("<c", b"ab"),
               ("<c", 1), ("<s", 1), ("<f", 1e300), ("<i", 1.5), ("<d", "x"), ("z", 1), ("<n", 1)]:
    try:
        print(fmt, struct.pack(fmt, v))
    except (struct.error, OverflowError) as e:
        print(fmt, type(e).__name__, e)
for call in [lambda: struct.unpack("<2I", b"12345"), lambda: struct.pack("<2c", b"a"), lambda: struct.pack("<I", 1, 2),
             lambda: struct.unpack_from("!I", b"\x00\x01", 0), lambda: struct.pack_into("<I", bytearray(2), 0, 1)]:
    try:
        call()
    except struct.error as e:
        print("struct.error:", e)
