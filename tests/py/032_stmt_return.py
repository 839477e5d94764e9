# return with no value, one value, several values, and early return.
def nothing():
    return


def implicit():
    x = 1


def pair():
    return 1, 2


def early(n):
    for i in range(n):
        if i == 3:
            return "early at 3"
    return "ran out"


print(nothing(), implicit())
print(pair(), type(pair()).__name__)
print(early(10), early(2))


def nested():
    try:
        return "from try"
    finally:
        print("finally runs before return")


print(nested())
