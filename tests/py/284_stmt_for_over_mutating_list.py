# Iterating a list while changing it, and the safe way.
items = [1, 2, 3, 4]
for x in items:
    if x == 2:
        items.remove(x)
print(items)
items = [1, 2, 3, 4]
for x in items[:]:
    if x % 2 == 0:
        items.remove(x)
print(items)
growing = [1]
for x in growing:
    if len(growing) < 5:
        growing.append(x * 2)
print(growing)
