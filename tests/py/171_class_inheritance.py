# Single and multiple inheritance, method resolution order, overriding.
class A:
    def who(self):
        return "A"

    def hello(self):
        return "hello from " + self.who()


class B(A):
    def who(self):
        return "B"


class C(A):
    def who(self):
        return "C"

    def only_c(self):
        return "only in C"


class D(B, C):
    pass


d = D()
print(d.who(), d.hello(), d.only_c())
print([k.__name__ for k in D.__mro__])
print(D.__bases__ == (B, C), issubclass(D, A), B.__base__.__name__)
