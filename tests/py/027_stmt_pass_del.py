# pass, and del of names, items, slices and attributes.
def nothing():
    pass


class Empty:
    pass


print(nothing())
x = 1
del x
try:
    print(x)
except NameError as e:
    print("NameError:", e)
items = [0, 1, 2, 3, 4, 5]
del items[0]
del items[1:3]
print(items)
d = {"a": 1, "b": 2}
del d["a"]
print(d)
o = Empty()
o.attr = 1
del o.attr
print(hasattr(o, "attr"))
a, b = 1, 2
del a, b
print("deleted both")
