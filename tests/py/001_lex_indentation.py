# Indentation: INDENT/DEDENT at several depths, tabs are not used.
def outer(n):
    total = 0
    for i in range(n):
        if i % 2 == 0:
            total += i
        else:
            if i > 2:
                total -= 1
    return total


print(outer(6))
if True:
        print("deep indent is fine")
print("back at column 0")
