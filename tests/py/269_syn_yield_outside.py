# SyntaxError: yield outside a function.
x = yield 1
