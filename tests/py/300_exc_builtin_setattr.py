# Assigning attributes of builtin values (the message depends on the name), and float() of a huge int.
for obj, n in [(5, "real"), (5, "bit_length"), (5, "foo"), (2.0, "imag"), ("s", "upper"), ("s", "zz"), ([], "append"), (None, "x"), (True, "numerator")]:
    try:
        setattr(obj, n, 1)
    except AttributeError as e:
        print(e)
try:
    float(10 ** 400)
except OverflowError as e:
    print("OverflowError:", e)
print(float(10 ** 300) > 0)
