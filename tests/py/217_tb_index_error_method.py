# An uncaught IndexError inside a method called from a loop.
class Stack:
    def __init__(self):
        self.items = []

    def push(self, item):
        self.items.append(item)

    def pop(self):
        return self.items.pop()


s = Stack()
s.push(1)
for _ in range(2):
    print("popped", s.pop())
