# An exception inside a list comprehension and a lambda.
values = [4, 2, 0, 1]
scale = lambda v: 8 // v
print([scale(v) for v in values])
