# Conversions between ints, strs and floats, and their errors.
print(int("42"), int("-0042"), int("101", 2), int("7f", 16), int("Z", 36), int(" 9 "))
print(str(42), str(-3.5), float("1e3"), float("-.5"), int(float("1e3")))
for bad in ["abc", "", "1.5", "0x10"]:
    try:
        int(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    int("12", 2)
except ValueError as e:
    print("ValueError:", e)
try:
    float("one")
except ValueError as e:
    print("ValueError:", e)
try:
    int(None)
except TypeError as e:
    print("TypeError:", e)
print(int("١٢"), float("٣.٥"))
