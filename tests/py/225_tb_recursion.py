# An uncaught RecursionError: the repeated frames are summarised.
def countdown(n):
    return countdown(n - 1)


print("start")
countdown(10)
