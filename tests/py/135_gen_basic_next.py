# A generator function runs lazily, one yield at a time.
def count_up(limit):
    print("  start")
    n = 0
    while n < limit:
        print("  yielding", n)
        yield n
        n += 1
    print("  finished")


g = count_up(3)
print("created, nothing ran yet")
print(next(g))
print(next(g))
print(list(g))
print(next(g, "exhausted"))
for v in count_up(2):
    print("for got", v)
