# __format__ in format(), f-strings and str.format; field names, nested specs and their errors.
class M:
    def __format__(self, spec):
        print("called", repr(spec))
        return "M<" + spec + ">"
class S:
    def __str__(self):
        return "S!"
print(f"{M()}", f"{M()!s}" if False else "", "{} {:x} {!r:>3}".format(M(), M(), 5))
print("{0.real} {1[1]} {2[k]} {d[a]}".format(3, [1, 2], {"k": "v"}, d={"a": 9}))
print("{:{}{}}|".format("a", ">", 4))
print("{} {}".format(S(), M()))
print(format(S()), "{!s:>5}".format(S()))
for bad in ["{", "}", "{0!x}", "{!}", "{0}{}", "{}{0}", "{5}", "{k}", "{:{}}", "{0.}", "{0[}"]:
    try:
        print("{!r} ->".format(bad), repr(bad.format(1, 2)))
    except Exception as e:
        print(bad, type(e).__name__, e)
try:
    format(S(), "10")
except TypeError as e:
    print("TypeError", e)
class Bad:
    def __format__(self, spec):
        return 5
try:
    "{}".format(Bad())
except TypeError as e:
    print("TypeError", e)
try:
    format(Bad())
except TypeError as e:
    print("TypeError", e)
print("{:>{w}.{p}f}|".format(3.14159, w=8, p=2))
print("{0:{1}}{0!r:{1}}".format("x", 4) + "|")
