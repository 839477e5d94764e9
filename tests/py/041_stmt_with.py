# with statements: one item, several items, as targets, exceptions.
class Resource:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()

    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None)
        return False


with Resource("a") as value:
    print("inside", value)
with Resource("x") as x, Resource("y") as y:
    print("inside both", x, y)
with Resource("no-as"):
    print("no target")
try:
    with Resource("boom"):
        raise ValueError("inside with")
except ValueError as e:
    print("propagated", e)
