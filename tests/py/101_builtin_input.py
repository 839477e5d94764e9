# input() reads a line from stdin; the prompt goes to stdout.
name = input("name? ")
print("hello", name)
age = int(input())
print("next year", age + 1)
rest = input("last: ")
print(repr(rest))
try:
    input("more? ")
except EOFError as e:
    print("EOFError:", e)
