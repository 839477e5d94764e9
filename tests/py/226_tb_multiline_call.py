# A traceback through a call that spans several lines.
def divide(a, b):
    return a // b


result = divide(
    10,
    0,
)
