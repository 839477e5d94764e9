# exit() raises SystemExit; the status and the message.
print("before exit")
try:
    exit(3)
except SystemExit as e:
    print("caught SystemExit", e.code)
print("still running")
exit("goodbye message goes to stderr")
print("never printed")
