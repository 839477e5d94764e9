print(len(x)

z = 1
