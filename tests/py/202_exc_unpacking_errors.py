# Unpacking errors.
for source in ([1, 2, 3], [1], (), "abcd"):
    try:
        a, b = source
        print("unpacked", a, b)
    except ValueError as e:
        print("ValueError:", e)
try:
    a, *b, c = [1]
except ValueError as e:
    print("ValueError:", e)
try:
    x, y = 5
except TypeError as e:
    print("TypeError:", e)
