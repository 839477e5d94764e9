# SyntaxError: a closing bracket that does not match.
items = [1, 2)
