# hasattr, getattr, setattr, and delattr.
class Config:
    debug = False


c = Config()
print(hasattr(c, "debug"), hasattr(c, "verbose"))
setattr(c, "verbose", True)
print(c.verbose, getattr(c, "verbose"), getattr(c, "missing", "fallback"))
name = "level"
setattr(c, name, 3)
print(c.level, getattr(Config, "debug"))
delattr(c, "level")
print(hasattr(c, "level"))
try:
    getattr(c, "missing")
except AttributeError as e:
    print("AttributeError:", e)
print(getattr("text", "upper")(), getattr([], "__len__")())
