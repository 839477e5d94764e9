assert x
assert x > 0, 'positive'
del x
del a, b
del d['k'], obj.attr
del (c, d)
del [e, f]
del g,
