# An uncaught AttributeError with a suggestion.
items = [3, 1, 2]
items.apend(4)
