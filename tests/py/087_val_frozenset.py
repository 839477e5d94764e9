# frozenset: immutable and hashable.
fs = frozenset([1, 2, 3])
print(fs, len(fs), 2 in fs, frozenset())
print(fs | {4}, fs & {1, 9}, type(fs | {4}).__name__, type({4} | fs).__name__)
d = {fs: "frozen key"}
print(d[frozenset([3, 2, 1])])
print(fs == {1, 2, 3}, hash(fs) == hash(frozenset([1, 2, 3])))
try:
    fs.add(4)
except AttributeError as e:
    print("AttributeError:", e)
try:
    {{1}}
except TypeError as e:
    print("TypeError:", e)
