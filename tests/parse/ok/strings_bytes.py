a = b'bytes'
b = B'x\x00\xff'
c = b'\n\t' b'more'
d = b''
e = b'\101\377'
f = b"it's"
