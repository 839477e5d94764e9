# Iterating dicts, and changing one during iteration.
scores = {"ann": 3, "bob": 5, "cy": 1}
for name in scores:
    print(name, scores[name])
for name, score in sorted(scores.items(), key=lambda kv: kv[1]):
    print(score, name)
del scores["bob"]
scores["bob"] = 6
print(list(scores))
try:
    for k in scores:
        scores[k + "!"] = 0
except RuntimeError as e:
    print("RuntimeError:", e)
keys = scores.keys()
scores["late"] = 1
print("late" in keys, len(keys))
print({1: "a"} == {1: "a"}, {"a": 1, "b": 2} == {"b": 2, "a": 1})
