# Class attributes are shared; instance attributes shadow them.
class Counter:
    instances = 0
    shared_list = []

    def __init__(self):
        Counter.instances += 1
        self.shared_list.append(Counter.instances)


a = Counter()
b = Counter()
print(Counter.instances, a.instances, b.shared_list, a.shared_list is b.shared_list)
a.instances = 100
print(a.instances, b.instances, Counter.instances)
del a.instances
print(a.instances)
Counter.new_attr = "added later"
print(b.new_attr)
