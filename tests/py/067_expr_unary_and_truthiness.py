# Truthiness of every value type.
values = [0, 1, -1, 0.0, 0.5, "", "0", [], [0], (), (None,), {}, {0: 0}, set(), {0},
          None, True, False, range(0), range(1), b"", b"\x00", frozenset(), bytearray()]
print([bool(v) for v in values])


class Falsy:
    def __bool__(self):
        return False


class Empty:
    def __len__(self):
        return 0


class Plain:
    pass


print(bool(Falsy()), bool(Empty()), bool(Plain()))
print("yes" if Falsy() else "no")
