# sys.exit(0) and raise SystemExit end the program with status 0; finally blocks run.
import sys

try:
    print("in try")
    sys.exit(0)
finally:
    print("finally still runs")
print("never")
