for (a, b), c in z:
    pass
