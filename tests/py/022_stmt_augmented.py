# Every augmented assignment operator.
x = 10
x += 5; print(x)
x -= 3; print(x)
x *= 2; print(x)
x //= 5; print(x)
x /= 2; print(x)
x = 17
x %= 5; print(x)
x **= 3; print(x)
x <<= 2; print(x)
x >>= 1; print(x)
x &= 0b1110; print(x)
x |= 1; print(x)
x ^= 0b101; print(x)
items = [1]
alias = items
items += [2]
print(items, alias, items is alias)
t = (1,)
t2 = t
t += (2,)
print(t, t2)
s = "ab"
s *= 3
print(s)
d = {"n": 1}
d["n"] += 1
print(d)
