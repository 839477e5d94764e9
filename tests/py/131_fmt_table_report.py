# A formatted report mixing %, format() and f-strings.
items = [("widget", 4, 3.5), ("gadget", 10, 12.25), ("doohickey", 1, 100.0)]
print("%-10s %5s %10s" % ("item", "qty", "total"))
print("-" * 27)
grand = 0
for name, qty, price in items:
    total = qty * price
    grand += total
    print("%-10s %5d %10.2f" % (name, qty, total))
print("-" * 27)
print("{:<10} {:>5} {:>10.2f}".format("sum", sum(q for _, q, _ in items), grand))
print(f"{'avg':<10} {'':>5} {grand / len(items):>10.3f}")
