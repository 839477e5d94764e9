# str.format: positional, numbered, named, attribute and index fields.
print("{} {}".format("a", "b"), "{1} {0} {1}".format("a", "b"))
print("{name} is {age}".format(name="ann", age=30))
print("{0[0]} {0[1]} {d[key]}".format(["x", "y"], d={"key": "v"}))


class P:
    x = 3
    y = 4


print("({p.x}, {p.y})".format(p=P()))
print("{:>6}|{:<6}|{:^6}|".format("r", "l", "c"))
print("{:08.3f} {:+,} {:.2%} {:x}".format(3.14159, 1234567, 0.1234, 3054))
print("{0!r} {0!s} {{literal}}".format("q"))
print("{:{w}.{p}f}".format(2.71828, w=10, p=2))
print("{:,}".format(10 ** 9), "{:_b}".format(255), "{:#b}".format(5))
row = "{:<10}{:>8}"
print(row.format("item", "cost"))
print(row.format("coffee", "3.50"))
