# isinstance and issubclass, with tuples and inheritance.
class Animal:
    pass


class Dog(Animal):
    pass


d = Dog()
print(isinstance(d, Dog), isinstance(d, Animal), isinstance(d, object), isinstance(d, int))
print(isinstance(3, (str, int)), isinstance("s", (list, tuple)), isinstance(True, int))
print(issubclass(Dog, Animal), issubclass(Animal, Dog), issubclass(Dog, (int, Animal)), issubclass(int, object))
print(issubclass(bool, int), issubclass(KeyError, LookupError), issubclass(ConnectionRefusedError, OSError))
print(isinstance(None, type(None)), isinstance(int, type), isinstance(Dog, type))
try:
    isinstance(d, "Dog")
except TypeError as e:
    print("TypeError:", e)
