# AttributeError messages for instances, classes and modules.
import sys


class Thing:
    pass


cases = [lambda: Thing().missing, lambda: Thing.missing, lambda: sys.missing_attr,
         lambda: (1).missing, lambda: None.upper, lambda: "s".append]
for case in cases:
    try:
        case()
    except AttributeError as e:
        print("AttributeError:", e)
try:
    (5).real = 3
except AttributeError as e:
    print("AttributeError:", e)
