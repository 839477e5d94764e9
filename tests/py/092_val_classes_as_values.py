# Classes are values: passed, stored, created dynamically.
class Dog:
    sound = "woof"


class Cat:
    sound = "meow"


def make(kind):
    return kind()


for animal_class in (Dog, Cat):
    print(animal_class.__name__, make(animal_class).sound)
print(type(Dog).__name__, type(int), type(Dog), Dog)
Bird = type("Bird", (object,), {"sound": "tweet"})
print(Bird.__name__, Bird().sound, Bird.__bases__)
print(int, str, list, dict, type, object, BaseException)
print(Dog.__mro__)
