# A table printed with enumerate, zip and str methods.
header = ["name", "qty", "price"]
rows = [["apple", 3, 0.5], ["kiwi", 12, 0.25], ["melon", 1, 3.0]]
print(" | ".join(h.ljust(6) for h in header))
for i, (name, qty, price) in enumerate(rows, 1):
    print(f"{i}. {name:<6} | {qty:>4} | {price:6.2f}")
total = sum(q * p for _, q, p in rows)
print("total:", total)
