# __enter__ and __exit__ see the exception type, value and traceback.
class Transaction:
    def __init__(self, log):
        self.log = log

    def __enter__(self):
        self.log.append("begin")
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        if exc_type is None:
            self.log.append("commit")
        else:
            self.log.append("rollback " + exc_type.__name__ + ": " + str(exc_value))
        return exc_type is ValueError


log = []
with Transaction(log):
    log.append("work")
with Transaction(log) as t:
    log.append("bad work")
    raise ValueError("invalid")
try:
    with Transaction(log):
        raise KeyError("not handled")
except KeyError:
    log.append("KeyError escaped")
print("\n".join(log))
print(t.log is log)
