# dict methods; insertion order is kept.
d = {"b": 2, "a": 1}
d["c"] = 3
print(d, list(d), list(d.keys()), list(d.values()), list(d.items()))
print(d.get("a"), d.get("z"), d.get("z", 0), "a" in d, 1 in d)
print(d.pop("b"), d.pop("zz", "fallback"), d)
print(d.setdefault("a", 100), d.setdefault("n", []), d)
d.update({"a": 10}, extra=5)
d.update([("pair", 1)])
print(d)
print(d.popitem(), d)
copy = d.copy()
copy.clear()
print(copy, len(d))
print(dict.fromkeys("ab", 0), dict(a=1, b=2), dict([("x", 1)]), dict(zip("ab", [1, 2])))
d["a"] = "updated keeps position"
print(d)
