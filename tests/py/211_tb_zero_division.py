# An uncaught ZeroDivisionError deep in calls: the traceback with carets.
def ratio(a, b):
    return a / b


def report(values):
    total = sum(values)
    return ratio(total, len(values) - 3)


print("computing")
print(report([1, 2, 3]))
