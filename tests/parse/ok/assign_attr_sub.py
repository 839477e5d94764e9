obj.attr = 1
obj.a.b = 2
d['k'] = 3
m[1][2] = 4
f().x = 5
a[1:2] = [9]
