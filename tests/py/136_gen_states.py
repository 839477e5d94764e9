# Generator states: created, running, suspended, closed, seen through gi_* attributes.
def state(gen):
    if gen.gi_running:
        return "running"
    if gen.gi_frame is None:
        return "closed"
    return "suspended" if gen.gi_suspended else "created"


def gen():
    print("  inside:", state(g))
    yield 1
    yield 2


g = gen()
print(state(g))
next(g)
print(state(g))
g.close()
print(state(g))
print(g.gi_frame is None, g.gi_running, g.gi_suspended)
