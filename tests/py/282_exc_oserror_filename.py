# OSError with errno, strerror and filename, and its str forms.
import errno

e = OSError(errno.ENOENT, "No such file or directory", "missing.txt")
print(type(e).__name__, e.errno, e.strerror, e.filename)
print(str(e))
print(repr(e))
e2 = OSError(errno.EACCES, "Permission denied")
print(type(e2).__name__, str(e2), e2.filename)
print(OSError(1, 2, 3, 4, 5).args)
