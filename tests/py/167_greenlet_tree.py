# A tree of greenlets: each child reports to its parent when it finishes.
from greenlet import greenlet, getcurrent

log = []


def node(name, children):
    log.append("enter " + name)
    results = []
    for child_name, grandchildren in children:
        child = greenlet(node)
        results.append(child.switch(child_name, grandchildren))
    log.append("leave " + name)
    return name + "(" + ",".join(results) + ")"


root = greenlet(node)
print(root.switch("root", [("a", [("a1", []), ("a2", [])]), ("b", [])]))
print(log)
