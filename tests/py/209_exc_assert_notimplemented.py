# AssertionError and NotImplementedError in abstract-style code.
class Shape:
    def area(self):
        raise NotImplementedError("subclasses must implement area")


class Square(Shape):
    def __init__(self, s):
        assert s > 0, "side must be positive"
        self.s = s

    def area(self):
        return self.s ** 2


print(Square(3).area())
try:
    Shape().area()
except NotImplementedError as e:
    print("NotImplementedError:", e)
try:
    Square(-1)
except AssertionError as e:
    print("AssertionError:", e)
print(issubclass(NotImplementedError, RuntimeError), NotImplemented is not NotImplementedError)
