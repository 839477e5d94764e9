# Simple statements joined by semicolons, and one-line compound statements.
a = 1; b = 2; print(a + b)
if a: print("one-line if")
for i in range(2): print("loop", i)
while b: b -= 1; print("while", b)
def f(): return "one-line def"
print(f())
class C: x = 5
print(C.x)
