# Sending a non-None value to a just-started generator is a TypeError.
def gen():
    x = yield 1
    print("got", x)
    yield 2


g = gen()
try:
    g.send("too early")
except TypeError as e:
    print("TypeError:", e)
print(g.send(None))
print(g.send("now fine"))
