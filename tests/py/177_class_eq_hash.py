# __eq__ and __hash__: value objects in sets and dict keys.
class Card:
    def __init__(self, rank, suit):
        self.rank, self.suit = rank, suit

    def __eq__(self, other):
        if not isinstance(other, Card):
            return NotImplemented
        return (self.rank, self.suit) == (other.rank, other.suit)

    def __hash__(self):
        return hash((self.rank, self.suit))

    def __repr__(self):
        return f"Card({self.rank}, {self.suit!r})"


a, b, c = Card(10, "h"), Card(10, "h"), Card(2, "s")
print(a == b, a is b, a != c, a == "card", len({a, b, c}))
counts = {a: 1}
counts[b] = counts.get(b, 0) + 1
print(counts)


class EqOnly:
    def __eq__(self, other):
        return True


try:
    hash(EqOnly())
except TypeError as e:
    print("TypeError:", e)
print(EqOnly() == 5, EqOnly() != 5)
