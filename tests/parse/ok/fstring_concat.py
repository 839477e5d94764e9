a = 'a' f'{b}' 'c'
b = f'{x}' f'{y}'
c = ('start '
     f'{mid} '
     'end')
d = f'a' 'b'
e = rf'\d{x}'
f = fr'{x}\n'
