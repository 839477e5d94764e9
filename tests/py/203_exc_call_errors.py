# Argument errors when calling functions.
def f(a, b, *, c):
    return a + b + c


def g(x, /, y=1):
    return x + y


calls = [lambda: f(1, 2), lambda: f(1), lambda: f(1, 2, 3), lambda: f(1, 2, c=3, d=4),
         lambda: f(1, 2, c=3, a=9), lambda: g(x=1), lambda: g(), lambda: len(), lambda: len([], []),
         lambda: (lambda: 0)(1), lambda: print(sepp="x"), lambda: int("1", "2", "3")]
for call in calls:
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
