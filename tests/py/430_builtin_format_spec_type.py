# format(): a spec that is not a str is a TypeError before any __format__ runs.
class A:
    def __format__(self, spec):
        return "A" + spec
try:
    format(A(), 5)
except TypeError as e:
    print(e)
try:
    format(3, 5)
except TypeError as e:
    print(e)
print(format(A(), "x"), format(A()))
