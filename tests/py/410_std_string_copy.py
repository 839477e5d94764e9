# string constants and Template; copy and deepcopy.
import copy
import string
print(string.ascii_letters, string.digits, string.hexdigits, string.punctuation, repr(string.whitespace))
print(string.capwords("hello   wide world"), string.capwords("a-b-c", "-"), len(string.printable))
t = string.Template("$who likes ${what}s, $$5")
print(t.substitute(who="ann", what="apple"), t.safe_substitute({"who": "bob"}), t.template)
try:
    t.substitute(who="x")
except KeyError as e:
    print("KeyError:", e)
try:
    string.Template("bad $ here").substitute()
except ValueError as e:
    print("ValueError:", e)
class Node:
    def __init__(self, value, children=()):
        self.value = value
        self.children = list(children)
tree = Node(1, [Node(2), Node(3)])
shallow = copy.copy(tree)
deep = copy.deepcopy(tree)
tree.children[0].value = 20
print(shallow.children[0].value, deep.children[0].value, shallow is not tree, shallow.children is tree.children)
data = {"a": [1, [2, 3]], "t": (1, [4])}
d2 = copy.deepcopy(data)
data["a"][1].append(99)
data["t"][1].append(5)
print(d2, copy.copy(data) == data, copy.copy(data) is not data)
loop = []
loop.append(loop)
c = copy.deepcopy(loop)
print(c[0] is c, c is not loop, copy.deepcopy((1, 2)) == (1, 2), copy.copy(5), copy.deepcopy("s"))
class Custom:
    def __init__(self):
        self.n = 1
    def __copy__(self):
        print("custom copy")
        c = Custom()
        c.n = self.n + 1
        return c
print(copy.copy(Custom()).n)
