# raise with classes, instances, re-raise, and raise ... from.
try:
    raise ValueError
except ValueError as e:
    print(repr(e), e.args)
try:
    raise ValueError("with message", 2)
except ValueError as e:
    print(repr(e), e.args, str(e))
try:
    try:
        raise KeyError("first")
    except KeyError:
        raise
except KeyError as e:
    print("re-raised", e)
try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise RuntimeError("wrapped") from e
except RuntimeError as e:
    print(e, "cause:", repr(e.__cause__), e.__suppress_context__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise RuntimeError("implicit")
except RuntimeError as e:
    print(e, "context:", repr(e.__context__), e.__cause__)
try:
    raise RuntimeError("no context") from None
except RuntimeError as e:
    print(e.__cause__, e.__suppress_context__)
