# Exceptions thrown into a delegating generator reach the innermost one.
def inner():
    try:
        yield "a"
        yield "b"
    except ValueError:
        print("  inner caught ValueError")
        yield "after ValueError"
    finally:
        print("  inner finally")


def outer():
    try:
        yield from inner()
    finally:
        print("  outer finally")


g = outer()
print(next(g))
print(g.throw(ValueError))
g.close()
print("closed both")
