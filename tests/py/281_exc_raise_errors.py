# Misusing raise and except.
try:
    raise 5
except TypeError as e:
    print("TypeError:", e)
try:
    raise
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    try:
        1 / 0
    except 5:
        pass
except TypeError as e:
    print("TypeError:", e)
try:
    raise ValueError("cause must be an exception") from 5
except TypeError as e:
    print("TypeError:", e)
