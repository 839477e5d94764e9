# Methods defined outside a class, and class-level counters with classmethods.
def describe(self):
    return f"{type(self).__name__} with {self.n}"


class Holder:
    created = 0
    describe = describe

    def __init__(self, n):
        self.n = n
        type(self).created += 1

    @classmethod
    def count(cls):
        return cls.created


class SubHolder(Holder):
    created = 0


print(Holder(1).describe(), SubHolder(2).describe())
SubHolder(3)
print(Holder.count(), SubHolder.count())
