# throw() raises an exception inside a suspended greenlet.
from greenlet import greenlet, getcurrent


def worker():
    try:
        getcurrent().parent.switch("waiting")
    except ValueError as e:
        print("worker caught", repr(e))
        return "handled"


w = greenlet(worker)
print(w.switch())
print(w.throw(ValueError("stop waiting")))
print(w.dead)


def fragile():
    getcurrent().parent.switch()


f = greenlet(fragile)
f.switch()
try:
    f.throw(KeyError("escapes to parent"))
except KeyError as e:
    print("main caught", repr(e), f.dead)
