变量 = 1
naïve = 2
print(变量 + naïve)
