# Every string prefix, in either case and order.
print(u"unicode prefix", U"upper U")
print(r"\raw", R"\RAW", br"\braw", Rb"\Rb", bR"\bR", rB"\rB")
print(f"{1}", F"{2}", fr"\{3}", rf"\{4}", Rf"\{5}", fR"\{6}")
print(type(u"").__name__, type(b"").__name__, type(rb"").__name__)
print(len(b"\\n"), len(rb"\n"), len(r"\""), r"\"")
