# RecursionError is raised at the recursion limit and can be caught.
import sys

print(sys.getrecursionlimit())


def forever(n):
    return forever(n + 1)


try:
    forever(0)
except RecursionError as e:
    print("RecursionError:", e)


def deep(n):
    return n if n == 0 else deep(n - 1)


print(deep(990))
