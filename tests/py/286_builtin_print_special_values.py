# print of special values and nested containers with strings that need escaping.
print(None, True, ..., NotImplemented)
print(["it's", 'say "x"', "tab\t", "nl\n", "back\\slash"])
print(("single",), [()], [[]], {"k": ("v",)})
print(b"\x00bytes\xff", bytearray(b"\x7f"))
print(-0.0, 1e-320, float("-nan"))
