# try / except with tuples, as, else and finally.
def attempt(value):
    try:
        result = 10 // value
    except ZeroDivisionError:
        print("  zero division")
    except (TypeError, ValueError) as e:
        print("  bad type:", type(e).__name__)
    else:
        print("  result", result)
    finally:
        print("  finally for", repr(value))


for v in (2, 0, "x"):
    attempt(v)
try:
    [][1]
except Exception as err:
    print("caught", type(err).__name__, err)
try:
    raise KeyError("k")
except LookupError as e:
    print("LookupError catches", repr(e))
try:
    pass
except Exception:
    print("never")
else:
    print("no exception: else runs")
