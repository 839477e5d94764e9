# An exception's text calls the user __repr__/__str__ of its args (KeyError shows repr(key)).
class P:
    def __init__(s, x): s.x = x
    def __repr__(s): return f"P({s.x})"
    def __str__(s): return f"point {s.x}"
try:
    {}[P(5)]
except KeyError as e:
    print("KeyError", e, repr(e), e.args, str(e))
    print(f"{e}", "%s" % e, [e])
e = ValueError(P(1), 2)
print(e, repr(e))
print(ValueError(P(3)))
d = {P(1): 1}
try:
    d[P(2)]
except KeyError as err:
    print(err)
