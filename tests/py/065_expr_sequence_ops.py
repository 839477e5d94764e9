# Operators on lists and tuples.
a = [1, 2]
b = [3]
print(a + b, a * 2, (1,) * 3, [0] * 0)
grid = [[0] * 2] * 2
grid[0][0] = 9
print(grid)
print([1, 2] == [1, 2], [1, 2] != [2, 1], (1, 2) == [1, 2])
print(max([3, 1, 2]), min((3, 1, 2)), sorted((3, 1, 2)))
t = (1, [2, 3])
t[1].append(4)
print(t)
print(list(reversed(a)), a[::-1], a)
