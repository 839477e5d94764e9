# SyntaxError: an invalid decimal literal.
value = 1abc
