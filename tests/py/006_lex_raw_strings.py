# Raw strings keep backslashes.
print(r"a\nb")
print(R'c:\temp\new')
print(repr(r"\d+\.\d*"))
print(len(r"\n"), len("\n"))
print(r"""raw
triple \t""")
print(rb"\x00" == b"\\x00")
