# GreenPool.spawn and waitall; sleeps decide the order of completion.
import eventlet

pool = eventlet.GreenPool()
order = []


def job(name, delay):
    eventlet.sleep(delay)
    order.append(name)


for name, delay in [("c", 0.15), ("a", 0.05), ("b", 0.1)]:
    pool.spawn(job, name, delay)
pool.waitall()
print(order, pool.running())
