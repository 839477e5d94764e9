# Exception args, str and repr for zero, one and several arguments.
for exc in [Exception(), Exception("one"), Exception("a", 2), ValueError(""), KeyError("key"),
            KeyError("a", "b"), IndexError(3), RuntimeError(None), OSError("plain")]:
    print(repr(exc), "|", str(exc), "|", exc.args)
e = ValueError("x")
e.args = ("changed",)
print(e)
