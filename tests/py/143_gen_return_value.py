# A return value in a generator travels in StopIteration.value.
def gen():
    yield 1
    return "the result"


g = gen()
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration value:", e.value, e.args)


def empty():
    return
    yield


try:
    next(empty())
except StopIteration as e:
    print("value of bare return:", e.value)
print(list(gen()))
