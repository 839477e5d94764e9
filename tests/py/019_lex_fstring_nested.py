# f-strings nested in f-strings and in expressions.
rows = [("apple", 1.5), ("kiwi", 12.25)]
for name, price in rows:
    print(f"{name:<8}|{f'{price:.2f}':>8}|")
print(f"{', '.join(f'<{n}>' for n, _ in rows)}")
print(f"{'yes' if rows else 'no'}")
print(f"{len(rows) * 2:03d}")
print(f"{ {'a': 1}['a'] }")
print(f"{(lambda v: v * 2)(21)}")
