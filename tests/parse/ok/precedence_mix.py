x = not a or b and c
y = a + b * c ** d if e else f
z = -a ** -b
w = a < b | c
v = (a, b) == (c, d)
u = a if not b else -c
t = [a, b][c](d)
