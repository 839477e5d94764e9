# Evaluation order: left to right, assignment right side first.
def v(label, value=None):
    print("  eval", label)
    return label if value is None else value


result = v("left", 1) + v("right", 2) * v("mult", 3)
print(result)
d = {}
d[v("key")] = v("value")
print(d)
x = [v("a", 1), v("b", 2)][v("index", 0)]
print(x)
print(v("cond", True) and v("then", "t") or v("else", "e"))
