# A generator that yields after GeneratorExit makes close() raise RuntimeError.
def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield "refuse"


s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError:", e)


def returns_on_close():
    try:
        yield 1
    except GeneratorExit:
        return "ignored return"


r = returns_on_close()
next(r)
print(r.close())
