# Raising an exception class with no message prints just the type name.
class Halt(Exception):
    pass


print("about to halt")
raise Halt
