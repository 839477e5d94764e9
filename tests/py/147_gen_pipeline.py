# A pipeline of generators, lazily pulling values through stages.
def numbers():
    n = 0
    while True:
        yield n
        n += 1


def evens(source):
    for n in source:
        if n % 2 == 0:
            yield n


def squared(source):
    for n in source:
        yield n * n


def take(source, count):
    for _ in range(count):
        yield next(source)


print(list(take(squared(evens(numbers())), 5)))
print(sum(take(numbers(), 100)))
