def f(self, (a, b)):
    pass
