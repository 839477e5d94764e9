# sys.exit with a string message: the message on stderr and status 1.
import sys

print("doing work")
sys.exit("fatal: configuration missing")
