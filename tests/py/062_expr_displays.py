# list, tuple, dict and set displays, with unpacking.
print([], [1], [1, 2, ], (), (1,), (1, 2), {}, {"a": 1}, {1}, set())
a = [1, 2]
b = (3, 4)
print([*a, *b, 5], (*a, *b), {*a, *b})
d1 = {"x": 1, "y": 2}
d2 = {"y": 20, "z": 30}
print({**d1, **d2}, {**d1, "x": 100}, {"x": 100, **d1})
print({1: "a", 1.0: "b", True: "c"})
print(type(()).__name__, type((1)).__name__, type((1,)).__name__)
nested = {"list": [1, {"inner": (2, 3)}], "none": None, "bool": False}
print(nested)
