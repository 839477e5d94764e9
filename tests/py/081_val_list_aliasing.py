# Lists are mutable and shared by reference.
a = [1, 2, 3]
b = a
c = a[:]
d = list(a)
a.append(4)
print(a, b, c, d)


def mutate(items):
    items.append("added")
    items = ["rebound"]
    return items


x = []
print(mutate(x), x)
nested = [[0]] * 3
nested[0].append(1)
print(nested)
fresh = [[0] for _ in range(3)]
fresh[0].append(1)
print(fresh)
