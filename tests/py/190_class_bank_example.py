# A small object model: a bank with accounts, exceptions and class methods.
class InsufficientFunds(Exception):
    def __init__(self, needed, available):
        super().__init__(f"need {needed}, have {available}")
        self.needed = needed
        self.available = available


class Account:
    next_id = 1

    def __init__(self, owner, balance=0):
        self.id = Account.next_id
        Account.next_id += 1
        self.owner = owner
        self.balance = balance

    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(amount, self.balance)
        self.balance -= amount
        return self.balance

    def __repr__(self):
        return f"Account#{self.id}({self.owner}, {self.balance})"


accounts = [Account("ann", 100), Account("bob")]
print(accounts)
print(accounts[0].withdraw(30))
try:
    accounts[1].withdraw(5)
except InsufficientFunds as e:
    print("InsufficientFunds:", e, e.needed, e.available, e.args)
print(sorted(accounts, key=lambda a: a.balance))
