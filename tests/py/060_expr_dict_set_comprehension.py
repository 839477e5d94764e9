# dict and set comprehensions.
squares = {n: n * n for n in range(5)}
print(squares)
print({v: k for k, v in squares.items() if k % 2})
print(sorted({n % 4 for n in range(20)}))
words = ["apple", "avocado", "banana", "blueberry", "cherry"]
by_letter = {w[0]: [x for x in words if x[0] == w[0]] for w in words}
print(by_letter)
print({(a, b) for a in range(2) for b in range(2)} == {(0, 0), (0, 1), (1, 0), (1, 1)})
