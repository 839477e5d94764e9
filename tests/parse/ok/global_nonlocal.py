x = 0
def f():
    global x, y
    x = 1
def g():
    a = 1
    def h():
        nonlocal a
        a = 2
    h()
