# Three chained exceptions: a cause, then a context.
def parse(s):
    try:
        return int(s)
    except ValueError as e:
        raise TypeError("bad type") from e


try:
    parse("x")
except TypeError:
    missing = {}["key"]
