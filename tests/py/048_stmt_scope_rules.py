# LEGB name resolution and shadowing.
x = "global"


def outer():
    x = "enclosing"

    def inner():
        return x
    return inner()


def local():
    x = "local"
    return x


def builtin_shadow():
    len = lambda s: "shadowed"
    return len("abc")


print(outer(), local(), x)
print(builtin_shadow(), len("abc"))


class K:
    x = "class body"

    def method(self):
        return x


print(K().method(), K.x)
