# The enum module: Enum and IntEnum members, values, aliases, lookups by value, IntEnum as int.
from enum import Enum, IntEnum


class Color(Enum):
    RED = 1
    GREEN = 2
    CRIMSON = 1

    def describe(self):
        return self.name.lower()


class Kind(IntEnum):
    STREAM = 1
    DGRAM = 2


print(Color.RED, repr(Color.GREEN), Color(1) is Color.RED, Color.CRIMSON is Color.RED, Color.RED.describe())
print(Color.RED.name, Color.RED.value, Color.RED == 1, isinstance(Color.RED, Color), list(Color.__members__))
print(Kind.STREAM, repr(Kind.DGRAM), Kind(2) is Kind.DGRAM, Kind.STREAM == 1, Kind.STREAM + 1, hash(Kind.DGRAM) == hash(2))
print(f"{Kind.DGRAM}|{Kind.DGRAM:>3}|{Kind.DGRAM!r}", "%d %s %r" % (Kind.STREAM, Kind.STREAM, Kind.STREAM), str(Kind.STREAM))
print({1: "one"}[Kind.STREAM], [m.name for m in Kind.__members__.values()], isinstance(Kind.STREAM, int), int(Kind.DGRAM))
print(sorted([Kind.DGRAM, 0, Kind.STREAM]), max(Kind.__members__.values()), Kind.DGRAM * 10, type(Kind.DGRAM * 10).__name__)
try:
    Color(7)
except ValueError as e:
    print("ValueError", e)
try:
    Kind(9)
except ValueError as e:
    print("ValueError", e)
print(type(Kind.STREAM).__name__, Kind.STREAM.value, Kind.STREAM.name, bool(Kind.STREAM), Kind.STREAM in [1, 2])
