# None and bool values.
print(None, repr(None), type(None).__name__, str(None))
print(True, False, repr(True), type(True).__name__)
print(isinstance(True, int), True == 1, False == 0, True is not False)
print(int(True), str(False), bool(None), bool(2), bool("False"))
print(True + 1, -True, ~False, True / 2)
print(hash(True), hash(False), hash(None) == hash(None))
print(None == False, None is not False)
