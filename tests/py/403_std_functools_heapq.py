# functools and heapq.
import functools
import heapq
from functools import partial, reduce, wraps, lru_cache, total_ordering, cmp_to_key
print(reduce(lambda a, b: a + b, [1, 2, 3, 4]), reduce(lambda a, b: a * b, [], 1))
try:
    reduce(lambda a, b: a, [])
except TypeError as e:
    print("TypeError:", e)
def power(base, exp):
    return base ** exp
square = partial(power, exp=2)
print(square(5), partial(power, 2)(10), square.func is power, square.args, square.keywords)
def logged(f):
    @wraps(f)
    def inner(*args):
        print("calling", f.__name__)
        return f(*args)
    return inner
@logged
def add(a, b):
    "Add two numbers."
    return a + b
print(add(1, 2), add.__name__, add.__doc__, add.__wrapped__ is not None)
@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), fib.cache_info())
@lru_cache(maxsize=2)
def sq(x):
    print("computing", x)
    return x * x
print(sq(1), sq(2), sq(1), sq(3), sq(2), sq.cache_info())
@functools.cache
def fact(n):
    return 1 if n == 0 else n * fact(n - 1)
print(fact(20), fact.cache_info().hits)
@total_ordering
class Version:
    def __init__(self, n):
        self.n = n
    def __eq__(self, other):
        return self.n == other.n
    def __lt__(self, other):
        return self.n < other.n
print(Version(1) < Version(2), Version(2) <= Version(2), Version(3) > Version(2), Version(1) >= Version(2))
print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)))
h = []
for x in [5, 1, 8, 3, 9, 2]:
    heapq.heappush(h, x)
print(h, heapq.heappop(h), h, heapq.heappushpop(h, 0), heapq.heapreplace(h, 7), h)
data = [9, 4, 7, 1, 8, 2]
heapq.heapify(data)
print(data, [heapq.heappop(data) for _ in range(len(data))])
print(heapq.nlargest(2, [1, 5, 3]), heapq.nsmallest(2, ["bb", "a", "ccc"], key=len), list(heapq.merge([1, 4, 7], [2, 5], [3])))
tasks = []
heapq.heappush(tasks, (2, "write"))
heapq.heappush(tasks, (1, "read"))
heapq.heappush(tasks, (3, "close"))
print([heapq.heappop(tasks)[1] for _ in range(3)])
try:
    heapq.heappop([])
except IndexError as e:
    print("IndexError:", e)
