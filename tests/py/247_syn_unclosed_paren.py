# SyntaxError: a parenthesis never closed.
print("start")
values = [1, 2, 3
total = sum(values)
