# Floats inside containers use repr; str of a float is its repr.
values = [0.1, 1/3, 2.0, 1e-7, 1e16, 123.456, -0.0]
print(values)
print(tuple(values[:3]), {"pi": 3.141592653589793})
print(str(0.1), repr(0.1), "%s" % 0.1, "%r" % 0.1, f"{0.1}", "{}".format(0.1))
print(str(1e16), str(1e15), str(12345678901234567890.0))
