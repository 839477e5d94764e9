# if / elif / else chains.
def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    else:
        return "large"


for n in (-5, 0, 7, 100):
    print(n, classify(n))
if []:
    print("empty list is true")
elif {}:
    print("empty dict is true")
else:
    print("empty containers are false")
