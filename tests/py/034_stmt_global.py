# global declarations.
counter = 0


def bump():
    global counter
    counter += 1


def create():
    global created
    created = "made inside a function"


bump()
bump()
create()
print(counter, created)


def read_only():
    return counter * 10


print(read_only())
