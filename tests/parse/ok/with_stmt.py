with open_thing() as f:
    pass
with a() as x, b() as y:
    pass
with lock:
    pass
with c() as (p, q):
    pass
with d() as obj.attr, e():
    pass
