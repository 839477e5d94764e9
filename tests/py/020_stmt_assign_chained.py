# Chained assignment binds every target to the same object.
a = b = c = []
a.append(1)
print(a, b, c, a is b is c)
x = y = 5
x += 1
print(x, y)
first, second = second, first = 1, 2
print(first, second)
