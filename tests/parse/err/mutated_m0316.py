def a():
    def b():
        def c():
                if x:
                for y in z:
                    while w:
                        pass
            return c
        return b
    return a
