# except clauses are tried in order; the first matching base class wins.
def classify(exc):
    try:
        raise exc
    except ZeroDivisionError:
        return "ZeroDivisionError clause"
    except ArithmeticError:
        return "ArithmeticError clause"
    except LookupError as e:
        return "LookupError clause for " + type(e).__name__
    except Exception as e:
        return "Exception clause for " + type(e).__name__


for exc in [ZeroDivisionError(), OverflowError(), KeyError("k"), IndexError(), ValueError(), RecursionError()]:
    print(classify(exc))
try:
    try:
        raise KeyboardInterrupt
    except Exception:
        print("not caught by Exception")
except BaseException as e:
    print("caught by BaseException:", type(e).__name__)
