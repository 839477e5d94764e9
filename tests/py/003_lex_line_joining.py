# Implicit joining inside brackets, explicit joining with a backslash.
total = (1 +
         2 +
         3)
items = [
    "a",
    "b",   # a comment inside brackets
]
mapping = {"k":
           "v"}
long = 1 + \
    2 + \
    3
if total == 6 and \
        long == 6:
    print(total, items, mapping, long)
print(len("abc"
          "def"))
