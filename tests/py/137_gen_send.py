# send() resumes the generator and becomes the value of the yield expression.
def echo():
    received = None
    while True:
        received = yield "echo: " + repr(received)


e = echo()
print(next(e))
print(e.send("hello"))
print(e.send(42))
print(next(e))
print(e.send([1, 2]))
