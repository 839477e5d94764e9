# Generators and greenlets together: a greenlet drives a generator and switches mid-loop.
from greenlet import greenlet


def numbers():
    for i in range(4):
        yield i


def consumer():
    for n in numbers():
        print("consumer got", n)
        if n % 2:
            main.switch(n)
    return "consumer done"


main = greenlet.getcurrent()
c = greenlet(consumer)
while not c.dead:
    print("main received", c.switch())
