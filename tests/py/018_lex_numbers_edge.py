# Numeric edge cases of the lexer: attribute access on literals, complex-free.
print(1 .bit_length(), (255).bit_length())
print(1.5.hex() if False else 1.5.is_integer())
print(0.5.as_integer_ratio())
print(10 .__add__(5))
print(1 if True else 2)
print([1 for _ in range(2)])
print(0xff+1, 1e3+1)
