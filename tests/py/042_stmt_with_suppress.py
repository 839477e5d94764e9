# __exit__ returning True suppresses the exception.
class Suppress:
    def __init__(self, *types):
        self.types = types

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None and issubclass(exc_type, self.types):
            print("suppressed", exc_type.__name__, exc)
            return True
        return None


with Suppress(KeyError):
    {}["missing"]
print("after the with")
try:
    with Suppress(KeyError):
        raise IndexError("not suppressed")
except IndexError as e:
    print("escaped", e)


def inside_function():
    with Suppress(ZeroDivisionError):
        return 1 / 0
    return "fell through"


print(inside_function())
