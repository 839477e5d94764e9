# A finished greenlet returns its value to its parent.
from greenlet import greenlet, getcurrent


def leaf():
    print("leaf runs, parent is middle:", getcurrent().parent is middle_g)
    return "leaf value"


def middle():
    result = leaf_g.switch()
    print("middle received", result)
    return "middle value"


middle_g = greenlet(middle)
leaf_g = greenlet(leaf, middle_g)
print("main received", middle_g.switch())
print(leaf_g.dead, middle_g.dead)
