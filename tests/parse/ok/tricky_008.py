@dec(a, b=1)
# comment
@other
class C(Base, metaclass=M, **kw):
    pass
