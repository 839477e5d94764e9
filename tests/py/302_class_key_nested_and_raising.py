# Key methods that use dicts themselves, keys stored from a generator, and an __eq__ that raises.
class K:
    reg = {}
    def __init__(s, v): s.v = v
    def __hash__(s):
        return hash(s.v)
    def __eq__(s, o):
        # nested key operations inside __eq__
        inner = {K2(s.v): 1}
        return isinstance(o, K) and K2(o.v) in inner
class K2:
    def __init__(s, v): s.v = v
    def __hash__(s): return s.v
    def __eq__(s, o): return s.v == o.v
def gen():
    d = {}
    for i in range(4):
        d[K(i % 2)] = i
        yield len(d)
print(list(gen()))
class Boom:
    def __hash__(s): return 1
    def __eq__(s, o): raise RuntimeError("boom")
d = {Boom(): 1}
def look():
    return d[Boom()]
look()
