# Float identity: a name bound to a float is that object; each NaN made is a new one.
nan = float("nan")
x = 1.5
y = x
print(x is y, nan is nan, float("nan") is nan, float(nan) is nan)
print(nan in [nan], float("nan") in [nan], [nan] == [nan], (nan,) == (nan,))
d = {nan: "first"}
d[float("nan")] = "second"
print(len(d), d[nan])
inf = float("inf")
made = inf - inf
print(made is made, made is nan, made in [made], made == made, -nan is nan)
print(len({nan, nan, float("nan")}), x is not y, [x, nan].index(nan), [nan].count(nan))
