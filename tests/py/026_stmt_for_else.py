# for with else, break and continue, over several iterables.
for i in range(3):
    print("i", i)
else:
    print("for else")
for ch in "abc":
    if ch == "b":
        continue
    print(ch)
for x in [1, 2, 3]:
    if x == 2:
        break
else:
    print("not printed")
for k in {"one": 1, "two": 2}:
    print(k)
for a, b in [(1, 2), (3, 4)]:
    print(a + b)
for _ in []:
    print("never")
else:
    print("empty loop still runs else")
for i in range(3):
    for j in range(3):
        if j == 1:
            break
        print(i, j)
