for x in y:
    pass


# comment
else:
    pass
