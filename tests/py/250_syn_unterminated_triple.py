# SyntaxError: an unterminated triple-quoted string.
text = """starts here
and never ends
