# SyntaxError: perhaps you forgot a comma.
print("a" "b" 1 2)
