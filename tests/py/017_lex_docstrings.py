"""Module docstring: a string expression statement."""


def f():
    """Function docstring."""
    return 1


class C:
    """Class docstring."""


print(f.__doc__)
print(C.__doc__)
print(__doc__)
print(f())
