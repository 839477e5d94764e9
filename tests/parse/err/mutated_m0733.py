with (a() as x, b() as y)
    pass
with (a(), b()):
    pass
with (a):
    pass
with (
    open_a() as a,
    open_b() as b,
):
    pass
