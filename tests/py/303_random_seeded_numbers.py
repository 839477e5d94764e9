# random seeded with an int: CPython's MT19937 numbers, exactly.
import random

random.seed(42)
print(random.random(), random.randint(1, 6))
print([random.randint(1, 6) for _ in range(20)])
print(random.getrandbits(0), random.getrandbits(1), random.getrandbits(31), random.getrandbits(32))
print(random.getrandbits(33), random.getrandbits(64), random.getrandbits(200))
print(random.randrange(10), random.randrange(3, 50), random.randrange(3, 50, 7))
print(random.randrange(100, 0, -3), random.randrange(-20, -10), random.randrange(2**40))
print(random.uniform(1, 5), random.uniform(2.5, -2.5))
for seed in (0, 1, -1, 2**32, 2**64 + 7, -(10**30), True):
    random.seed(seed)
    print(seed, random.random(), random.randrange(1000))
random.seed(1.5)
print(random.random())
random.seed(-2.25)
print(random.random())
print(random.randrange(10**30), random.randint(-10**25, 10**25), random.randrange(2**64), random.randrange(2**63, 2**65, 3))
print(random.randrange(10**20, -10**20, -7), random.randint(2**63 - 5, 2**63 + 5), random.randrange(5))
