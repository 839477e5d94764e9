# Functions are values: attributes, passing, storing.
def greet(name, punctuation="!"):
    """Say hello."""
    return "hello " + name + punctuation


print(greet.__name__, greet.__doc__, greet.__defaults__)
say = greet
print(say("ann"), say is greet)
ops = {"add": lambda a, b: a + b, "mul": lambda a, b: a * b}
print(ops["add"](2, 3), ops["mul"](2, 3))
print(callable(greet), callable("greet"), type(greet).__name__)
print(list(map(greet, ["a", "b"])))
greet.custom = "attached"
print(greet.custom)
