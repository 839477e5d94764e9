# getstate/setstate replay, independent Random instances, str/bytes seeds (SHA-512), gauss.
import random

random.seed("hello")
print(random.random(), random.randint(0, 99))
for s in ["", "héllo ✓", "x" * 300, b"bytes", bytearray(b"ba")]:
    random.seed(s)
    print(repr(s)[:12], random.random())
state = random.getstate()
print(state[0], len(state[1]), state[2])
first = [random.random() for _ in range(700)]
random.setstate(state)
print(first == [random.random() for _ in range(700)])
a = random.Random(7)
b = random.Random(7)
print(a.random() == b.random(), a.randint(0, 100), b.choice("xyz"))
a.seed(8)
print(a.random(), b.random())
random.seed(5)
print(random.gauss(), random.gauss(10, 2), random.gauss(mu=1.0, sigma=0.5))
g = random.Random(3)
g.gauss()
saved = g.getstate()
print(saved[2] is not None, g.gauss() == (g.setstate(saved) or g.gauss()))
random.seed(11)
print(random.randbytes(0), random.randbytes(3), random.randbytes(9).hex())
print(random.triangular(), random.triangular(1, 3), random.triangular(0, 10, 8), random.triangular(2, 2, 2))
print(random.expovariate(1.5), random.expovariate(-2))
class Dice(random.Random):
    def roll(self):
        return self.randint(1, 6)
d = Dice(99)
print([d.roll() for _ in range(8)], isinstance(d, random.Random))
