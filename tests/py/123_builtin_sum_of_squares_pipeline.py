# Builtins composed: map, filter, sorted, zip, enumerate, reversed.
nums = [5, 3, 8, 1, 9, 2]
evens = list(filter(lambda n: n % 2 == 0, nums))
squares = list(map(lambda n: n * n, nums))
print(evens, squares)
print(sorted(zip(nums, squares), reverse=True)[:3])
print([i for i, n in enumerate(nums) if n > 4])
print(list(reversed(sorted(nums))), max(enumerate(nums), key=lambda p: p[1]))
print(dict(enumerate("abc")), list(zip(*[(1, 2), (3, 4), (5, 6)])))
