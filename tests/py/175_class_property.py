# @property with setter and deleter.
class Account:
    def __init__(self, balance):
        self._balance = balance

    @property
    def balance(self):
        print("  get")
        return self._balance

    @balance.setter
    def balance(self, value):
        print("  set", value)
        if value < 0:
            raise ValueError("balance cannot be negative")
        self._balance = value

    @balance.deleter
    def balance(self):
        print("  delete")
        del self._balance

    @property
    def read_only(self):
        return "fixed"


acc = Account(10)
print(acc.balance)
acc.balance = 25
print(acc.balance)
try:
    acc.balance = -5
except ValueError as e:
    print("ValueError:", e)
try:
    acc.read_only = "change"
except AttributeError as e:
    print("AttributeError:", e)
del acc.balance
print(hasattr(acc, "_balance"))
