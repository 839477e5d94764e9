# Calls with * and ** unpacking.
def show(a, b, c=0, *rest, **named):
    print(a, b, c, rest, named)


args = [1, 2]
show(*args)
show(*args, 3, 4)
show(*[1], *(2, 3))
kwargs = {"c": 30, "x": 1}
show(1, 2, **kwargs)
show(*range(2), **{"y": 2}, **{"z": 3})
print(*"abc", sep="-")
print(max(*[3, 9, 2]))
