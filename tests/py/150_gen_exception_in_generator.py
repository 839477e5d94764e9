# An exception raised in a generator propagates to the caller and finishes it.
def faulty():
    yield 1
    raise ValueError("inside the generator")
    yield 2


g = faulty()
print(next(g))
try:
    next(g)
except ValueError as e:
    print("ValueError:", e)
print(next(g, "finished"))


def guarded():
    for x in [1, 0, 2]:
        try:
            yield 10 // x
        except ZeroDivisionError:
            yield "div by zero"


print(list(guarded()))
