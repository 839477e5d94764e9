# str methods: strip, replace, padding and alignment.
print(repr("  pad  ".strip()), repr("  pad  ".lstrip()), repr("  pad  ".rstrip()))
print("xxhixx".strip("x"), "www.example.com".lstrip("w."), "file.txt.bak".rstrip(".bak"))
print("aaa".replace("a", "b"), "aaa".replace("a", "b", 2), "abc".replace("", "-"))
print("[" + "7".zfill(3) + "]", "-7".zfill(4), "abc".center(9, "*"), "abc".ljust(5, "."), "abc".rjust(5))
print("prefix_name".removeprefix("prefix_"), "name.py".removesuffix(".py"))
print("Hello".encode(), "héllo".encode("utf-8"), "abc".encode("ascii"))
print("{} and {}".format("a", "b"), "%d%%" % 50)
