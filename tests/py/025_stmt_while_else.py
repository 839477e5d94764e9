# while with else, break and continue.
n = 0
while n < 5:
    n += 1
    if n == 2:
        continue
    print("n =", n)
else:
    print("else runs when the loop ends without break")
m = 0
while True:
    m += 1
    if m > 3:
        break
print("m =", m)
k = 10
while k > 0:
    if k == 7:
        print("breaking at", k)
        break
    k -= 1
else:
    print("not printed")
