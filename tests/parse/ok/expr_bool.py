a and b
a or b
a and b and c
a or b or c
a and b or c and d
not a and not b
not not a
x = a or (b and c)
