# A generator cannot be resumed while it is already running.
def gen():
    yield next(g)


g = gen()
try:
    next(g)
except ValueError as e:
    print("ValueError:", e)


def sender():
    yield me.send(None)


me = sender()
try:
    next(me)
except ValueError as e:
    print("ValueError:", e)
