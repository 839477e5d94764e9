# f-strings with conversions and format specs.
x = 3.14159
s = "hi"
n = 255
print(f"{s!r} {s!s} {'é'!a}")
print(f"[{x:.2f}] [{x:10.3f}] [{x:<10.1f}] [{x:e}]")
print(f"[{n:x}] [{n:X}] [{n:o}] [{n:b}] [{n:#x}] [{n:08b}]")
print(f"[{s:>5}] [{s:<5}] [{s:^6}] [{s:*^7}]")
print(f"[{1234567:,}] [{1234567:_}] [{0.5:%}] [{0.25:.0%}]")
width = 8
prec = 3
print(f"[{x:{width}.{prec}f}]")
print(f"[{-5:+d}] [{5:+d}] [{5: d}] [{-5:05d}]")
print(f"{x=}")
print(f"{n = :x}")
print(f"[{'abc'!r:>8}]")
