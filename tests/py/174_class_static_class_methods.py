# @staticmethod and @classmethod.
class Temperature:
    scale = "C"

    def __init__(self, degrees):
        self.degrees = degrees

    @classmethod
    def from_fahrenheit(cls, f):
        return cls(round((f - 32) * 5 / 9, 1))

    @staticmethod
    def is_freezing(degrees):
        return degrees <= 0

    @classmethod
    def describe(cls):
        return cls.__name__ + " in " + cls.scale


class Kelvin(Temperature):
    scale = "K"


t = Temperature.from_fahrenheit(212)
print(type(t).__name__, t.degrees)
print(Temperature.is_freezing(-1), t.is_freezing(5))
print(Temperature.describe(), Kelvin.describe(), Kelvin(3).describe())
print(type(Kelvin.from_fahrenheit(32)).__name__)
