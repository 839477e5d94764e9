# close() raises GeneratorExit inside the generator; finally blocks run.
def worker():
    try:
        while True:
            yield "working"
    except GeneratorExit:
        print("  GeneratorExit received")
        raise
    finally:
        print("  cleanup")


w = worker()
print(next(w))
w.close()
print("closed")
w.close()
print(next(w, "nothing after close"))
fresh = worker()
fresh.close()
print("closing an unstarted generator runs nothing")
