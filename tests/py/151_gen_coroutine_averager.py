# A coroutine-style generator that keeps a running average.
def averager():
    total = 0.0
    count = 0
    average = None
    while True:
        term = yield average
        if term is None:
            break
        total += term
        count += 1
        average = total / count
    return (count, average)


avg = averager()
next(avg)
for value in [10, 30, 5, 7.5]:
    print(avg.send(value))
try:
    avg.send(None)
except StopIteration as e:
    print("result", e.value)
