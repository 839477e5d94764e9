# Calling a class with the wrong arguments.
class Pair:
    def __init__(self, a, b):
        self.a, self.b = a, b


for call in [lambda: Pair(1), lambda: Pair(1, 2, 3), lambda: Pair(1, c=2), lambda: Pair(1, 2, a=3)]:
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)


class NoInit:
    pass


try:
    NoInit(1)
except TypeError as e:
    print("TypeError:", e)


class ReturnsValue:
    def __init__(self):
        return 5


try:
    ReturnsValue()
except TypeError as e:
    print("TypeError:", e)
