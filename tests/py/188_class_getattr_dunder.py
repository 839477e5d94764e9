# __getattr__ is called only for missing attributes; __setattr__ intercepts every set.
class Loose:
    known = "class attr"

    def __getattr__(self, name):
        return "generated " + name


class Tracked:
    def __setattr__(self, name, value):
        print("  setattr", name, value)
        super().__setattr__(name, value)


o = Loose()
print(o.known, o.anything, getattr(o, "other"))
t = Tracked()
t.a = 1
t.b = [t.a]
print(vars(t))
