# dataclasses: generated __init__, __repr__, __eq__, ordering, frozen, defaults and helpers.
from dataclasses import dataclass, field, asdict, astuple, replace, fields, is_dataclass, FrozenInstanceError
@dataclass
class Message:
    sender: str
    body: str = ""
    tags: list = field(default_factory=list)
m = Message("ann", body="hi")
m.tags.append("x")
print(m, m == Message("ann", "hi", ["x"]), m != Message("bob"), Message("c").tags is not Message("d").tags)
print(asdict(m), astuple(m), replace(m, body="bye"), [f.name for f in fields(m)], is_dataclass(m), Message.body)
@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0
print(sorted([Version(1, 2), Version(0, 9), Version(1)]), Version(1) < Version(1, 1), hash(Version(1)) == hash(Version(1)))
try:
    Version(1).major = 2
except FrozenInstanceError as e:
    print("FrozenInstanceError:", e)
@dataclass
class Point:
    x: float
    y: float
    def __post_init__(self):
        self.norm = (self.x ** 2 + self.y ** 2) ** 0.5
@dataclass
class Point3(Point):
    z: float = 0.0
print(Point(3, 4).norm, Point3(1, 2, 3), Point3(1, 2) == Point3(1, 2, 0.0))
for make in [lambda: Message(), lambda: Message("a", "b", [], 4), lambda: Message("a", who=1), lambda: hash(m)]:
    try:
        make()
    except TypeError as e:
        print("TypeError:", e)
try:
    @dataclass
    class Bad:
        items: list = []
except ValueError as e:
    print("ValueError:", e)
try:
    @dataclass
    class Bad2:
        a: int = 1
        b: int
except TypeError as e:
    print("TypeError:", e)
