# abs, round, divmod and pow.
print(abs(-5), abs(5), abs(-2.5), abs(True), abs(-10 ** 30))
print(round(2.5), round(3.5), round(-2.5), round(2.567, 2), round(12345, -2), round(7.0), round(7.25, 1))
print(type(round(2.5)).__name__, type(round(2.5, 0)).__name__, round(2.5, 0))
print(divmod(13, 4), divmod(-13, 4), divmod(13.5, 4), divmod(2 ** 70, 3))
print(pow(2, 10), pow(2, 0.5), pow(2, -2), pow(7, 2, 10), pow(3, -1, 7), pow(0, 0))
try:
    divmod(1, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
