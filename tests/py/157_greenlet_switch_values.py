# switch() passes values both ways: arguments start run(), later switches return them.
from greenlet import greenlet


def worker(a, b):
    print("worker started with", a, b)
    got = main.switch(a + b)
    print("worker got", got)
    got2 = main.switch("second")
    print("worker got", got2)
    return "worker result"


main = greenlet.getcurrent()
w = greenlet(worker)
print("main got", w.switch(1, 2))
print("main got", w.switch("hello"))
print("main got", w.switch(x=1))
print(w.dead)
