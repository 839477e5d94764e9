def f(a, b=lambda x: x + 1, *, c=[1, 2], **kw):
    return a
