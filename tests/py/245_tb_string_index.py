# A traceback whose line has a trailing comment and a subscript.
word = "abc"
letter = word[10]  # out of range
