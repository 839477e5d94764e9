# SyntaxError: plain invalid syntax.
x = = 1
