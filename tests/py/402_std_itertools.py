# itertools: the iterator building blocks.
import itertools
from itertools import count, cycle, repeat, accumulate, chain, islice, groupby, product, permutations
from itertools import combinations, combinations_with_replacement, zip_longest, tee, starmap, pairwise
print(list(islice(count(10, 5), 4)), list(islice(cycle("ab"), 5)), list(repeat("x", 3)))
print(list(accumulate([1, 2, 3, 4])), list(accumulate([1, 2, 3], lambda a, b: a * b)), list(accumulate([1, 2], initial=100)))
print(list(chain("ab", [1, 2])), list(chain.from_iterable([[1], [2, 3]])), list(itertools.compress("abcd", [1, 0, 1, 0])))
print(list(itertools.dropwhile(lambda x: x < 3, [1, 2, 3, 1])), list(itertools.takewhile(lambda x: x < 3, [1, 2, 3, 1])))
print(list(itertools.filterfalse(lambda x: x % 2, range(6))), list(islice(range(10), 2, 8, 3)), list(islice("abc", None)))
print([(k, list(g)) for k, g in groupby("aaabccdd")], [k for k, _ in groupby([1, 1, 2, 1])])
print([(k, len(list(g))) for k, g in groupby(sorted(["apple", "avocado", "banana", "blueberry", "cherry"]), key=lambda w: w[0])])
print(list(product("ab", [1, 2])), list(product([0, 1], repeat=2)))
print(list(permutations("abc", 2)), len(list(permutations(range(5)))))
print(list(combinations("abcd", 2)), list(combinations_with_replacement("ab", 2)), list(combinations([], 0)))
print(list(zip_longest("abc", [1], fillvalue="-")), list(starmap(pow, [(2, 3), (3, 2)])), list(pairwise("abcd")))
a, b = tee(iter([1, 2, 3]))
print(next(a), list(b), list(a))
try:
    list(islice([1], -1))
except ValueError as e:
    print("ValueError:", e)
