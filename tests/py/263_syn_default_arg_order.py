# SyntaxError: a non-default argument after a default one.
def f(a=1, b):
    return a + b
