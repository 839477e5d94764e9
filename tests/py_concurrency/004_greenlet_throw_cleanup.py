# Killing parked greenlets with GreenletExit runs their cleanup; the order is the kill order.
from greenlet import greenlet, getcurrent, GreenletExit

main = getcurrent()


def server(name):
    try:
        while True:
            request = main.switch("parked " + name)
            print(name, "served", request)
    except GreenletExit:
        print(name, "cleanup")
        return name + " exited"


workers = [greenlet(server) for _ in range(3)]
for i, w in enumerate(workers):
    print(w.switch("w" + str(i)))
print(workers[1].switch("request-1"))
for w in reversed(workers):
    print(w.throw())
print([w.dead for w in workers])
