# Attribute access, setting, and chains.
class Node:
    def __init__(self, value, next_node=None):
        self.value = value
        self.next = next_node


chain = Node(1, Node(2, Node(3)))
print(chain.value, chain.next.value, chain.next.next.value, chain.next.next.next)
chain.next.value = 20
print(chain.next.value)
chain.extra = "dynamic"
print(chain.extra, getattr(chain, "extra"), getattr(chain, "missing", "default"))
print("abc".upper().lower().title())
print((1).real, 2.5.imag if hasattr(2.5, "imag") else None)
