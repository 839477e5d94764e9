# SyntaxError: an empty f-string expression.
print(f"value: {}")
