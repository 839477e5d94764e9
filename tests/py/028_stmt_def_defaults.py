# Default arguments, evaluated once at definition time.
def greet(name, greeting="hello", punct="!"):
    return greeting + ", " + name + punct


print(greet("ann"))
print(greet("bob", "hi"))
print(greet("cy", punct="?"))
print(greet(greeting="yo", name="di"))


def append_to(item, bucket=[]):
    bucket.append(item)
    return bucket


print(append_to(1))
print(append_to(2))
counter = 10


def snapshot(value=counter):
    return value


counter = 20
print(snapshot())
