for x in y:
    pass


# comment
else:
    p{ass
