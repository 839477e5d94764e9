# __getitem__ alone makes an object iterable (old sequence protocol), with slices.
class Squares:
    def __init__(self, n):
        self.n = n

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self.n))]
        if index < 0:
            index += self.n
        if not 0 <= index < self.n:
            raise IndexError("Squares index out of range")
        return index * index

    def __len__(self):
        return self.n


s = Squares(5)
print(list(s), s[2], s[-1], s[1:4], s[::2], 9 in s, 10 in s)
for v in s:
    print(v, end=" ")
print()
