# When the failing expression is the whole line, no carets are shown.
def fail():
    raise NotImplementedError("todo")


fail()
