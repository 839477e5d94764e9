x = not -y
z = -y ** 2
w = (-y) ** 2
v = ~-+x
