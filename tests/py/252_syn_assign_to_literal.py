# SyntaxError: assigning to a literal.
1 = x
