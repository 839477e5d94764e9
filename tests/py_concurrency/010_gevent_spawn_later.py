# spawn_later starts a greenlet after a delay; order follows the delays.
import gevent

order = []
a = gevent.spawn_later(0.2, order.append, "later")
b = gevent.spawn_later(0.05, order.append, "sooner")
c = gevent.spawn(order.append, "now")
gevent.joinall([a, b, c])
print(order)
