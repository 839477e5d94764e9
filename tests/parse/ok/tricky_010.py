x = f'{a:{b}.{c}f} and {d!r:>{e}}'
