# Errors from greenlet misuse.
from greenlet import greenlet

try:
    greenlet(42).switch()
except TypeError as e:
    print("TypeError:", e)
g = greenlet(lambda: 1)
print(g.switch())
try:
    greenlet(lambda: 1, parent="not a greenlet")
except TypeError as e:
    print("TypeError:", e)
try:
    greenlet.getcurrent().parent = greenlet(lambda: None)
except AttributeError as e:
    print("AttributeError:", e)
print("ok")
