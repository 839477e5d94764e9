def f():
    for i in x:
        if i:
            y = = 2
