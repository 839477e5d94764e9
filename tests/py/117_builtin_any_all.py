# any and all short-circuit.
print(any([]), all([]), any([0, "", None]), all([1, "x", [0]]))
print(any(x > 2 for x in [1, 2, 3]), all(x > 0 for x in [1, -1]))


def check(v):
    print("  checked", v)
    return v


print(any(check(v) for v in [0, 1, 2]))
print(all(check(v) for v in [1, 0, 2]))
