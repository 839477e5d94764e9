# format() and __format__.
print(format(3.14159, ".2f"), format(42, "05d"), format("x", ">3"), format(255, "x"))
print(format(1234567.891, ",.2f"), format(0.125, ".1%"), format(12, "b"), format(True))
print(format(123), format("plain"), format(2.0), format(1e20, "g"), format(1.5e-7, "g"))
print(format(-42, "+"), format(42, "^7"), format(3.0, "e"), format(3.14159, ".3g"))


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __format__(self, spec):
        return "$" + format(self.cents / 100, spec or ".2f")


print(format(Money(1999)), f"{Money(5):.1f}", "{:.3f}".format(Money(1)))
