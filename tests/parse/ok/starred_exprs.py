print(*args)
a = *b, c
for x in *a, *b:
    pass
return_values = [*range(3)]
