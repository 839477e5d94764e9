a = r'\n'
b = R'\d+'
c = r"a\"b"
d = r'''raw
\triple'''
e = rb'\x00'
f = Rb'x'
g = bR'y'
h = BR'z'
