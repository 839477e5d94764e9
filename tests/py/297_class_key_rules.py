# Which instances can be keys, and what their __hash__/__eq__ decide.
class OnlyEq:
    def __eq__(self, other):
        return True


print(OnlyEq.__hash__)
try:
    {OnlyEq(): 1}
except TypeError as e:
    print("TypeError:", e)


class BadHash:
    def __hash__(self):
        return "not an int"


try:
    {BadHash()}
except TypeError as e:
    print("TypeError:", e)


class Loud:
    def __hash__(self):
        raise ValueError("no hash today")


try:
    {Loud(): 1}
except ValueError as e:
    print("ValueError:", e)


class Name:
    def __init__(self, s):
        self.s = s

    def __hash__(self):
        return hash(self.s.lower())

    def __eq__(self, other):
        if not isinstance(other, Name):
            return NotImplemented
        return self.s.lower() == other.s.lower()


names = {Name("Ada"): 1}
names[Name("ADA")] += 1
names[Name("Bob")] = 5
print(len(names), names[Name("ada")], Name("bob") in names, "Ada" in names)
k = Name("Cy")
names[k] = 0
k.s = "Dee"
print(Name("Dee") in names, Name("Cy") in names)
print(sorted(n.s for n in names))


class IdKey:
    pass


a, b = IdKey(), IdKey()
print(len({a: 1, b: 2, a: 3}), {a: 1}.get(b, "no"))
