# choice, shuffle, sample and choices draw as CPython 3.11's random.py does.
import random

random.seed(2024)
print(random.choice("abcdef"), random.choice([1, 2, 3]), random.choice((None, True)))
print(random.choice(range(1000)), random.choice(range(10, 0, -3)), random.choice(b"xyz"))
deck = list(range(20))
random.shuffle(deck)
print(deck)
words = ["alpha", "beta", "gamma"]
random.shuffle(words)
print(words)
print(random.sample(range(100), 10))
print(random.sample("hello world", 4))
print(random.sample(range(10**6), 3))
print(random.sample(list(range(50)), 30))
print(random.sample([1, 2, 3], 0), random.sample((7,), k=1))
# Between 21 + 3k and 21 + 4 ** ceil(log(3k, 4)): CPython draws from a pool, not a set.
print(random.sample(range(60), 10), random.sample(range(200), 40))
print(random.choices("abc", k=5))
print(random.choices([1, 2, 3], [10, 1, 1], k=6))
print(random.choices("xyz", cum_weights=[1, 2.5, 3], k=4))
print(random.choices(range(4), weights=[0, 0, 1, 0], k=3), random.choices([5]))
print(random.sample(["red", "blue"], counts=[4, 2], k=5), random.sample("ab", 3, counts=[2, 5]))
