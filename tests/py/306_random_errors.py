# The errors random raises, with CPython 3.11's messages.
import random

tries = [
    lambda: random.choice([]),
    lambda: random.choice(""),
    lambda: random.randrange(0),
    lambda: random.randrange(5, 5),
    lambda: random.randrange(1, 10, 0),
    lambda: random.randrange(10, 1, 2),
    lambda: random.getrandbits(-1),
    lambda: random.sample([1, 2], 3),
    lambda: random.sample({1, 2}, 1),
    lambda: random.shuffle((1, 2)),
    lambda: random.choices("ab", [1], k=2),
    lambda: random.choices("ab", [0, 0]),
    lambda: random.choices("ab", [1, 2], cum_weights=[1, 2]),
    lambda: random.choices("ab", 2),
    lambda: random.seed([1]),
    lambda: random.randint(1, 0),
]
for t in tries:
    try:
        t()
    except (IndexError, ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    random.expovariate(0)
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
for t in [lambda: random.choice({1, 2}), lambda: random.choice(set()), lambda: random.choice(5),
          lambda: random.sample("ab", 1, counts=[1]), lambda: random.sample("ab", 1, counts=[0, 0]),
          lambda: random.sample("ab", 4, counts=[1, 2])]:
    try:
        t()
    except (IndexError, ValueError, TypeError) as e:
        print(type(e).__name__, e)
