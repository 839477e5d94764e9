# Builtin types are immutable: setting or deleting their attributes is CPython's TypeError.
for action in (lambda: setattr(str, "upper", 5), lambda: setattr(int, "foo", 5), lambda: delattr(list, "append"),
               lambda: setattr(ValueError, "x", 1), lambda: setattr(object, "y", 2)):
    try:
        action()
    except TypeError as e:
        print("TypeError:", e)
class Mine:
    pass
Mine.x = 1
del Mine.x
print(hasattr(Mine, "x"), "abc".upper())
