# object() and super().
o = object()
print(type(o).__name__, isinstance(o, object), o == o, o != object())


class Base:
    def __init__(self, name):
        self.name = name

    def describe(self):
        return "Base(" + self.name + ")"


class Child(Base):
    def __init__(self, name, extra):
        super().__init__(name)
        self.extra = extra

    def describe(self):
        return "Child of " + super().describe() + " with " + self.extra


print(Child("c", "x").describe())


class Explicit(Base):
    def describe(self):
        return super(Explicit, self).describe().lower()


print(Explicit("E").describe())
