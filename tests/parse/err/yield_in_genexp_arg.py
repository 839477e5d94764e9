def f():
    return sum((yield) for x in y)
