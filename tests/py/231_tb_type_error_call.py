# An uncaught TypeError from a call with a missing argument.
def greet(name, greeting):
    return greeting + ", " + name


print(greet("ann", "hi"))
print(greet("bob"))
