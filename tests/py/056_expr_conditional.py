# Conditional expressions.
for n in range(-1, 2):
    print("neg" if n < 0 else "zero" if n == 0 else "pos")
x = [] if False else [1]
print(x)
print((lambda v: "even" if v % 2 == 0 else "odd")(7))
print(["fizz" if i % 3 == 0 else i for i in range(1, 7)])
y = 0
value = 10 / y if y else "division skipped"
print(value)
