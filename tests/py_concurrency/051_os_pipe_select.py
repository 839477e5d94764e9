# os.pipe with select: the read end becomes readable after a write, and at EOF.
import os
import select

r, w = os.pipe()
print(select.select([r], [], [], 0)[0])
os.write(w, b"through the pipe")
print(select.select([r], [], [], 0)[0] == [r], os.read(r, 100))
os.close(w)
print(select.select([r], [], [], 0)[0] == [r], os.read(r, 100))
os.close(r)
