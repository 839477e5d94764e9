# finally runs on break, continue and return; a return in finally wins.
for i in range(3):
    try:
        if i == 0:
            continue
        if i == 2:
            break
        print("body", i)
    finally:
        print("finally", i)


def f():
    try:
        return "try"
    finally:
        return "finally"


print(f())


def g():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"


print(g())
x = 0
try:
    try:
        raise KeyError("inner")
    finally:
        x = 1
except KeyError as e:
    print("outer caught", e, x)
