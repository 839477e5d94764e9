for i in range(10):
    print(i)
else:
    print('done')
for k, v in d.items():
    pass
for (a, b) in pairs: pass
for x, *y in z:
    continue
for i in 1, 2, 3:
    pass
