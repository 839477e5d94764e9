# throw() raises an exception at the paused yield.
def resilient():
    while True:
        try:
            value = yield
            print("  value", value)
        except ValueError as e:
            print("  handled ValueError:", e)
            yield "recovered"


g = resilient()
next(g)
g.send(1)
print(g.throw(ValueError("bad input")))
next(g)
g.send(2)
try:
    g.throw(KeyError("unhandled"))
except KeyError as e:
    print("propagated", repr(e))
print(next(g, "closed after the exception"))
