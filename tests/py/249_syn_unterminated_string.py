# SyntaxError: an unterminated string literal.
print("ok")
name = "unterminated
