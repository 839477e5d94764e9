# Tuple and list unpacking, nested targets, starred targets.
a, b = 1, 2
a, b = b, a
print(a, b)
[c, d] = "xy"
print(c, d)
(e, f), g = (3, 4), 5
print(e, f, g)
head, *rest = [1, 2, 3, 4]
print(head, rest)
*init, last = range(4)
print(init, last)
first, *middle, final = "abcde"
print(first, middle, final)
*empty, one = [9]
print(empty, one)
for i, (k, v) in enumerate({"a": 1, "b": 2}.items()):
    print(i, k, v)
