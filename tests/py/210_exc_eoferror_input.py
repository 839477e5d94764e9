# input() at end of input raises EOFError; reading lines until then.
lines = []
while True:
    try:
        lines.append(input())
    except EOFError:
        break
print(len(lines), lines)
