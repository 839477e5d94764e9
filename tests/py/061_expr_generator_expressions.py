# Generator expressions are lazy and single-use.
gen = (x * 2 for x in range(4))
print(next(gen), next(gen))
print(list(gen), list(gen))
print(sum(x for x in range(101)))
print(max(len(w) for w in ["a", "abc", "ab"]))
print(any(x > 3 for x in [1, 5]), all(x > 3 for x in [1, 5]))


def noisy(n):
    print("  producing", n)
    return n


lazy = (noisy(i) for i in range(3))
print("created")
for v in lazy:
    print("got", v)
print(type(lazy).__name__)
print(", ".join(str(i) for i in range(3)))
