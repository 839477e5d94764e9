del a[0], b.c, (d, e)
