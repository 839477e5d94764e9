# type(), __class__, __name__, and class identity.
class Animal:
    def kind(self):
        return type(self).__name__


class Dog(Animal):
    pass


d = Dog()
print(d.kind(), d.__class__ is Dog, type(d) == Animal, Dog.__name__, Dog.__qualname__)
print(Dog.__module__, isinstance(d, Animal), type(d).__mro__[1] is Animal)


class Outer:
    class Inner:
        pass


print(Outer.Inner.__name__, Outer.Inner.__qualname__, Outer.Inner)
