# An uncaught NameError with CPython's "Did you mean" suggestion.
message = "hello"
print(mesage)
