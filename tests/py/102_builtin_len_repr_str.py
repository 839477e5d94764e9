# len, repr and str.
print(len("abc"), len([1, 2]), len((1,)), len({"a": 1}), len({1, 2, 3}), len(range(10)), len(b"xy"))
print(repr("it's"), repr('say "hi"'), repr("both ' and \""), repr(1.0), repr([1, "a"]))
print(str("x"), str(1), str(None), str([None]), str(b"x"))


class Both:
    def __repr__(self):
        return "Both()"

    def __str__(self):
        return "both as str"


class OnlyRepr:
    def __repr__(self):
        return "OnlyRepr!"


print(repr(Both()), str(Both()), Both(), [Both()])
print(str(OnlyRepr()), OnlyRepr())
print(len([[1, 2], [3]]), len(""))
