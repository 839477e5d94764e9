# ord and chr.
print(ord("a"), ord("A"), ord("0"), ord(" "), ord("é"), ord("中"), ord("\U0001F600"))
print(chr(97), chr(65), chr(0x4e2d), repr(chr(0)), repr(chr(10)), chr(8364))
print("".join(chr(ord("a") + i) for i in range(5)))
try:
    ord("ab")
except TypeError as e:
    print("TypeError:", e)
try:
    chr(-1)
except ValueError as e:
    print("ValueError:", e)
