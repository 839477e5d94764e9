# Closures capture variables, not values.
def make_multipliers():
    return [lambda x: x * i for i in range(4)]


print([m(2) for m in make_multipliers()])


def make_multipliers_fixed():
    return [lambda x, i=i: x * i for i in range(4)]


print([m(2) for m in make_multipliers_fixed()])


def accumulator(start):
    total = [start]

    def add(n):
        total[0] += n
        return total[0]
    return add


acc = accumulator(100)
print(acc(1), acc(10))
print(acc.__closure__ is not None)
