s = '%s: %d' % (name, count)
t = '%-10s|%5.2f' % ('a', 1.5)
u = '{} {}'.format(a, b)
v = '{0:>{1}}'.format(x, w)
