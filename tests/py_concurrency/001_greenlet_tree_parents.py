# A tree of greenlets: each finished child returns to its parent, which resumes.
from greenlet import greenlet, getcurrent


def leaf(name):
    print("leaf", name, "runs; parent finished?", getcurrent().parent.dead)
    return name.upper()


def branch(name, leaves):
    results = []
    for leaf_name in leaves:
        child = greenlet(leaf)
        results.append(child.switch(leaf_name))
    print("branch", name, "collected", results)
    return name + ":" + "".join(results)


root_results = []
for name, leaves in [("left", ["a", "b"]), ("right", ["c"])]:
    root_results.append(greenlet(branch).switch(name, leaves))
print(root_results)
