# id (only compared, never printed), type and callable.
a = [1]
b = a
c = [1]
print(id(a) == id(b), id(a) == id(c), type(id(a)).__name__)
print(type(1), type("s"), type(None), type(print).__name__, type(len).__name__)
print(type(1) is int, type(True) is bool, type(type) is type)


class K:
    def __call__(self):
        return "called"


print(callable(K), callable(K()), callable(len), callable(1), callable(lambda: 0), K()())
