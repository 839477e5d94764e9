# Infinite generators and stopping early.
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


for i, f in enumerate(fib()):
    if i >= 10:
        break
    print(f, end=" ")
print()
g = fib()
print([next(g) for _ in range(90)][-1])
