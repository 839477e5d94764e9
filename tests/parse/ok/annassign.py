x: int
y: int = 5
self_attr: 'str' = 'a'
obj.a: int = 1
d['k']: list = []
z: dict[str, int] = {}
