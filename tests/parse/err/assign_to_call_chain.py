a.b = c = f() = 3
