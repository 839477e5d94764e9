# An exception in a with block passes through __exit__ and is reported.
class Guard:
    def __enter__(self):
        print("enter")
        return self

    def __exit__(self, *exc):
        print("exit sees", exc[0].__name__)
        return False


with Guard():
    [].pop()
