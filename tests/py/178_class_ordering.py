# __lt__ and friends: sorting custom objects.
class Version:
    def __init__(self, text):
        self.parts = tuple(int(p) for p in text.split("."))

    def __lt__(self, other):
        return self.parts < other.parts

    def __le__(self, other):
        return self.parts <= other.parts

    def __eq__(self, other):
        return self.parts == other.parts

    def __repr__(self):
        return ".".join(map(str, self.parts))


versions = [Version(v) for v in ["1.10", "1.2", "1.2.1", "0.9"]]
print(sorted(versions), max(versions), min(versions))
print(Version("1.0") < Version("1.1"), Version("2.0") > Version("1.9"), Version("1.0") >= Version("1.0"))
try:
    Version("1.0") < 5
except AttributeError as e:
    print("AttributeError:", e)
