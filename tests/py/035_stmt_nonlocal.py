# nonlocal declarations and closures that rebind.
def make_counter():
    count = 0

    def increment():
        nonlocal count
        count += 1
        return count
    return increment


c1 = make_counter()
c2 = make_counter()
print(c1(), c1(), c1(), c2())


def outer():
    x = "outer"

    def middle():
        def inner():
            nonlocal x
            x = "changed by inner"
        inner()
    middle()
    return x


print(outer())
