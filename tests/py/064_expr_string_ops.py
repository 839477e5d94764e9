# Operators on strings: concatenation, repetition, comparison, indexing.
s = "py"
print(s + "thon", s * 3, 3 * s, s * 0, s * -1)
print("a" < "b" < "c", "apple" > "Apple")
print("py" in "python", "Py" in "python")
print(len(""), len(s * 100))
parts = []
for ch in "hello":
    parts.append(ch * 2)
print("".join(parts))
print("%s-%s" % ("a", "b"))
