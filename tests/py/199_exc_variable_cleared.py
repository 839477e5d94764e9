# The name bound by "except ... as e" is deleted at the end of the handler.
e = "before"
try:
    raise ValueError("x")
except ValueError as e:
    print("inside:", e)
try:
    print(e)
except NameError as err:
    print("NameError:", err)
saved = None
try:
    1 / 0
except ZeroDivisionError as exc:
    saved = exc
print("saved:", repr(saved))
