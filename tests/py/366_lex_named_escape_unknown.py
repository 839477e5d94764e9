# An unknown \N{...} name is a SyntaxError at compile time, with the escape's byte positions.
print("never printed")
s = "caf\N{LATIN SMALL LETTER E WITH ACUTE} \N{LATIN SMALL LETTER E WITH ACCENT}"
