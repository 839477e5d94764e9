# A while loop with a state machine: collatz lengths.
def collatz_steps(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


best = max(range(1, 1000), key=collatz_steps)
print(best, collatz_steps(best))
i = 0
found = []
while len(found) < 5:
    i += 1
    if all(i % p for p in range(2, i)) and i > 1:
        found.append(i)
print(found)
