# Backslash-newline inside strings, and implicit concatenation across lines.
long_text = "one \
two \
three"
print(long_text)
parts = ("alpha "
         'beta '
         """gamma""")
print(parts)
print(f"x={1}" \
      " and more")
print('''a\
b''')
