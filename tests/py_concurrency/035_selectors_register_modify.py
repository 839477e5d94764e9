# SelectorKey fields, modify, get_key and unregister errors.
import selectors
import socket

sel = selectors.DefaultSelector()
a, b = socket.socket(), socket.socket()
key = sel.register(a, selectors.EVENT_READ, data="payload")
print(key.fileobj is a, key.fd == a.fileno(), key.events == selectors.EVENT_READ, key.data)
key2 = sel.modify(a, selectors.EVENT_READ | selectors.EVENT_WRITE, data="changed")
print(key2.events == 3, key2.data, sel.get_key(a).data)
try:
    sel.get_key(b)
except KeyError as e:
    print("KeyError for an unregistered socket:", type(e).__name__)
try:
    sel.register(a, selectors.EVENT_READ)
except KeyError as e:
    print("KeyError registering twice")
sel.unregister(a)
print(len(sel.get_map()), selectors.EVENT_READ, selectors.EVENT_WRITE)
try:
    sel.register(b, 0)
except ValueError as e:
    print("ValueError:", e)
sel.close()
a.close()
b.close()
