# class statement: attributes, methods, instances.
class Point:
    dims = 2

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm1(self):
        return abs(self.x) + abs(self.y)


p = Point(3, -4)
print(p.x, p.y, p.norm1(), p.dims, Point.dims)
p.dims = 3
print(p.dims, Point.dims)
print(type(p).__name__, Point.__name__)
print(isinstance(p, Point), type(p) is Point)
print(Point.norm1(p))
