# str predicates and case mappings as CPython's Unicode tables say: isdecimal/isdigit/isnumeric, isalpha, isprintable, titlecase.
samples = ["123", "١٢٣", "²", "½", "一二", "Ⅻ", "12a", "", " ", "\x1c", "\x85", "\u3000", "𝟘", "③", "⁴", "abc", "Abc", "ǅ", "ß", "İ"]
for s in samples:
    print(ascii(s), s.isdecimal(), s.isdigit(), s.isnumeric(), s.isspace(), s.isalpha(), s.isalnum(), s.isupper(), s.islower(), s.istitle(), s.isprintable() if hasattr(s, "isprintable") else None)
print("a\x1cb\x1dc d\u3000e\x85f".split(), ascii(" \x1c x \x1f ".strip()), "a\x1cb".split(None, 1), ascii("\x1fz".lstrip()))
print(b"a\x1cb c\x85d".split(), b" \x0bx\x0c ".strip(), b"\x1cx".strip(), b"12".isdigit(), b"a1".isalnum(), b" \t".isspace())
print("ß".upper(), "ǅ".lower(), "ǆ".title(), "İ".lower(), len("İ".lower()), "ﬁ".upper(), "straße".casefold(), "ΣΑΣ".lower())
print("hello world".title(), "they're bill's".title(), "ǆa".capitalize(), "aBc".swapcase(), "ﬀ".capitalize())
chars = [0x7f, 0x80, 0x85, 0xa0, 0xad, 0xe9, 0x378, 0x600, 0x61c, 0x200b, 0x200d, 0x2028, 0x2060, 0x2066, 0x3000, 0xe000, 0xfeff, 0xfff9, 0xfffe, 0x1f600, 0x1f3fb, 0xe0001, 0xf0000, 0x10ffff, 0x110bd, 0x1d173, 0x4e00, 0xa0000]
print(repr("".join(chr(c) for c in chars)))
print([repr(chr(c)) for c in range(0x2000, 0x2070)])
print(ascii("é\u200b"), repr(b"\x85".decode("latin-1")), [c.isprintable() for c in "a\n\u00a0\u2028é"])
