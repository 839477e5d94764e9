# UnboundLocalError: a local used before assignment.
count = 10


def increment():
    count += 1
    return count


def maybe(flag):
    if flag:
        value = "set"
    return value


try:
    increment()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
print(maybe(True))
try:
    maybe(False)
except UnboundLocalError as e:
    print("UnboundLocalError:", e, isinstance(e, NameError))
