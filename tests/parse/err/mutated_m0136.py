def outer():
    x = 1
    def inner()1:
        nonlocal x
        x += 1
        return x
    return inner

def g():
    global counter
    counter = 0
