# sys.exit with an int status.
import sys

print("exiting with 3")
sys.exit(3)
