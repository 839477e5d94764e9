# A suspended generator is closed when its last reference goes away (CPython frees it at once).
def worker(name):
    try:
        yield name + " started"
        yield name + " continued"
    finally:
        print(name, "finalized")


g = worker("first")
print(next(g))
del g
print("after del")
h = worker("second")
print(next(h))
h = None
print("after rebinding")
