# f-strings: expressions, nesting quotes, doubled braces.
name = "world"
n = 42
items = [1, 2, 3]
print(f"hello {name}!")
print(f'{n + 1} {n * 2}')
print(F"{items[0]} {items[-1]} {len(items)}")
print(f"{{literal braces}} {n}")
print(f"{'nested' + ' quotes'}")
print(f"{name.upper()}{name[::-1]}")
print(f"""triple {n}
second line {n // 5}""")
print(rf"raw \n {n}")
print(f"{n}" f"{n}" "plain")
d = {"key": "value"}
print(f"{d['key']}")
