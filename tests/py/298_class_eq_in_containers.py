# Lists, tuples and dicts compare their items with a Python __eq__; tuple keys holding instances too.
class K:
    def __init__(self, v):
        self.v = v

    def __hash__(self):
        return self.v % 3

    def __eq__(self, other):
        print("  eq", self.v, getattr(other, "v", other))
        return isinstance(other, K) and self.v == other.v


ks = [K(i) for i in range(5)] + [K(1), K(4)]
print(len(set(k for k in ks)), len(set(ks)), len(frozenset(ks)), len(dict.fromkeys(ks)))
s = set(ks)
s.discard(K(4))
s.remove(K(3))
print(len(s), len(s & {K(1), K(100)}), len(s - {K(1)}), len(s | {K(100)}))
d = dict.fromkeys(ks, 0)
print(d.pop(K(2)), d.setdefault(K(2), 9), len(d))
print(K(3) in [K(3)], [K(1), K(2)].index(K(2)), [K(1), K(1)].count(K(1)))
print([K(1), K(2)] == [K(1), K(2)], (K(1),) != (K(1),), {1: K(2)} == {1: K(2)}, [K(1)] == [K(2)])
print({(K(1), 2): "t"}[(K(1), 2)])
items = [K(1), K(2), K(3)]
items.remove(K(2))
print([k.v for k in items])
