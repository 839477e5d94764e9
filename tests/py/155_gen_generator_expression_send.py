# Generator expressions are generators: they support send(None), close and throw.
ge = (x * 2 for x in range(5))
print(next(ge), ge.send(None))
ge.close()
print(list(ge))
ge2 = (x for x in range(3))
try:
    ge2.throw(ValueError("into a genexpr"))
except ValueError as e:
    print("ValueError:", e)
print(list(ge2))
