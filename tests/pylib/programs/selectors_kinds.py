# SelectSelector, PollSelector and EpollSelector answer alike.
import selectors
import socket

listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(1)
a = socket.create_connection(listener.getsockname())
b, addr = listener.accept()
a.sendall(b"ready")

for kind in (selectors.SelectSelector, selectors.PollSelector, selectors.EpollSelector):
    with kind() as sel:
        sel.register(b, selectors.EVENT_READ | selectors.EVENT_WRITE, kind.__name__)
        sel.register(a, selectors.EVENT_READ)
        events = sel.select(0)
        print(kind.__name__, [(key.data, mask) for key, mask in events if key.fileobj is b])
        print(len(sel.get_map()), sel.get_key(a).events)
        sel.unregister(a)
        try:
            sel.unregister(a)
        except KeyError:
            print("KeyError")
print(selectors.DefaultSelector is selectors.EpollSelector)
for s in (a, b, listener):
    s.close()
