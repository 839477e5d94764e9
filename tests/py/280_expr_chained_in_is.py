# Chained membership and identity tests, and comparison operator mixing.
a = [1, 2]
print(1 in a in [a], 3 not in a in [a], a is a is not None)
print(1 < 2 > 0 != 5 == 5, 2 < 1 > 0)
x = 5
print(1 <= x <= 10 < 11, not 1 <= x <= 3)
print((1 < 2) == True, 1 < 2 == True)
