# Functions defined inside functions and returned.
def compose(f, g):
    def composed(x):
        return f(g(x))
    return composed


def inc(x):
    return x + 1


def double(x):
    return x * 2


print(compose(inc, double)(5), compose(double, inc)(5))


def fib_memo():
    memo = {0: 0, 1: 1}

    def fib(n):
        if n not in memo:
            memo[n] = fib(n - 1) + fib(n - 2)
        return memo[n]
    return fib


print(fib_memo()(80))
print(compose.__name__, compose(inc, inc).__name__)
