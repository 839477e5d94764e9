# A generator suspended in a try is closed as soon as the function lets go of it by a plain store or
# by discarding it, in the middle of simple int work (no call in between).
def g(name):
    try:
        yield 1
    finally:
        print("closed", name)


def main():
    x = g("x")
    next(x)
    x = 5
    print("after store", x + 1)
    y = g("y")
    next(y)
    y
    y = None
    print("after discard")
    total = 0
    for i in range(3):
        z = g(i)
        next(z)
        total += i
    print("total", total)


main()
