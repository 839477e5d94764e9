# A syntax error on the last line: nothing before it runs.
print("this never prints, the file does not compile")


def ok():
    return 1


x = (1 +)
