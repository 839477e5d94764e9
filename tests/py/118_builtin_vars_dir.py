# vars and dir (filtered to non-dunder names, which are deterministic).
class Shape:
    sides = 0

    def area(self):
        return 0


class Square(Shape):
    sides = 4

    def __init__(self, side):
        self.side = side

    def area(self):
        return self.side ** 2


sq = Square(3)
print(vars(sq))
print([n for n in dir(sq) if not n.startswith("__")])
print([n for n in dir(Square) if not n.startswith("_")])
print([n for n in dir([]) if not n.startswith("_")])
print([n for n in dir("") if not n.startswith("_")][:10])
x = 1
print("x" in dir(), "sq" in dir())
