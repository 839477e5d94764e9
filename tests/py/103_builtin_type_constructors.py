# Calling the type constructors.
print(int(), float(), str(), bool(), list(), tuple(), dict(), set(), frozenset(), bytes())
print(int("5"), int(5.7), float("2.5"), str(3), bool(0), bool([0]))
print(list("ab"), list((1, 2)), list({"k": 1}), list(range(3)))
print(tuple([1, 2]), dict(a=1), dict([(1, 2)]), set([1, 1, 2]), frozenset("aa"))
print(bytes(2), bytes([1, 2]), bytes("ab", "ascii"), bytearray(b"x"))
print(type(1)(7), type("s")(8), type([])("ab"))
