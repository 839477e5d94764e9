# __context__ and __cause__ are set when exceptions happen while handling others.
def parse(text):
    try:
        return int(text)
    except ValueError as e:
        raise RuntimeError("parse failed") from e


try:
    parse("x")
except RuntimeError as e:
    print(e, "<-", type(e.__cause__).__name__, e.__cause__)
try:
    try:
        {}["k"]
    except KeyError:
        [][0]
except IndexError as e:
    print(repr(e), "context:", repr(e.__context__), "cause:", e.__cause__)
err = ValueError("tail")
print(err.__context__, err.__cause__, err.__suppress_context__, err.__traceback__)
