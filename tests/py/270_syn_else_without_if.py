# SyntaxError: else with nothing before it.
x = 1
else:
    x = 2
