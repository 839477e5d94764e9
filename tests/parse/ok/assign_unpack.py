a, b = 1, 2
(c, d) = [3, 4]
[e, f] = g, h = 5, 6
a, *rest = range(5)
*init, last = [1, 2, 3]
first, (second, third) = 1, (2, 3)
x, = [1]
