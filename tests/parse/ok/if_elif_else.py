if a:
    pass
elif b:
    x = 1
elif c:
    x = 2
else:
    x = 3
if x: y = 1
if y:
    if z:
        pass
    else:
        pass
