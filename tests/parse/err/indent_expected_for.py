for x in y:
# comment
pass
