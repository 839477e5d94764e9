# A round-robin scheduler of generator tasks, as in the lesson's idea of coroutines.
def task(name, steps):
    for i in range(steps):
        print(f"{name} step {i}")
        yield


def run(tasks):
    queue = list(tasks)
    while queue:
        current = queue.pop(0)
        try:
            next(current)
            queue.append(current)
        except StopIteration:
            print("task finished")


run([task("A", 3), task("B", 1), task("C", 2)])
