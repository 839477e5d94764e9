# range objects.
r = range(10)
print(r, range(1, 10, 2), range(5, 0, -1))
print(list(range(5)), list(range(2, 8, 3)), list(range(5, 0, -2)), list(range(0)))
print(len(range(0, 100, 7)), range(10)[3], range(10)[-1], range(10)[2:5])
print(5 in r, 10 in r, r.index(4), r.count(3))
print(range(0, 10, 2) == range(0, 9, 2), r.start, r.stop, r.step)
print(sum(range(1, 101)), max(range(7)), list(reversed(range(3))))
try:
    range(1, 2, 0)
except ValueError as e:
    print("ValueError:", e)
