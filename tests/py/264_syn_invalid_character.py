# SyntaxError: an invalid character in an identifier.
total = 1 ＋ 2
