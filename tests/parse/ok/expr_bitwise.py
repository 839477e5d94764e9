x = a | b ^ c & d << 1 >> 2
y = a & b | c
z = ~a & (b | c)
w = 1 << 2 + 3
