# Single, double and triple quotes, and adjacent literal concatenation.
a = 'single'
b = "double"
c = '''triple
single'''
d = """triple "double" with 'quotes'"""
e = 'it\'s' " and \"quoted\""
print(a, b)
print(c)
print(d)
print(e)
print("con" 'cat' """ena""" '''tion''')
print(repr(c), repr(d))
print(repr("'"), repr('"'), repr("'\""))
