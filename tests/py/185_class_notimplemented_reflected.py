# NotImplemented lets Python try the reflected operation.
class Meters:
    def __init__(self, v):
        self.v = v

    def __add__(self, other):
        if isinstance(other, Meters):
            return Meters(self.v + other.v)
        if isinstance(other, (int, float)):
            return Meters(self.v + other)
        return NotImplemented

    def __radd__(self, other):
        print("  __radd__ called with", other)
        return self + other

    def __eq__(self, other):
        print("  __eq__ called")
        return NotImplemented

    def __repr__(self):
        return f"Meters({self.v})"


print(Meters(2) + Meters(3), Meters(2) + 1, 5 + Meters(1))
print(Meters(1) == Meters(1))
try:
    "text" + Meters(1)
except TypeError as e:
    print("TypeError:", e)
