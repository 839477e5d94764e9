# OverflowError on float overflow, and the MemoryError class.
try:
    2.0 ** 5000
except OverflowError as e:
    print("OverflowError:", e)
try:
    float(10 ** 400)
except OverflowError as e:
    print("OverflowError:", e)
try:
    print(int(float("inf")))
except OverflowError as e:
    print("OverflowError:", e)
try:
    raise MemoryError
except MemoryError as e:
    print("MemoryError", repr(e))
