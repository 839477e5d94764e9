try:
    pass
finally:
    pass
try:
    f()
except OSError as err:
    print(err.errno, err.strerror)
