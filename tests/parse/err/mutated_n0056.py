[x for x in y]
[x * 2 for x in range(10) if x % 2 if x > 3]
[(x, y) for x in a for y in b]
{x for x in y}
{k: v for k, v in d.items()}
(x for x in y)
[x for x, in pairs]
[y for x in z for y inx if y]
sum(x for x in y)
[x if x else 0 for x in y]
[x for x i+n a if x or not x]
