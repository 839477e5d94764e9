class A:
    pass

class B(A):
    x = 1
    def __init__(self, v):
        super().__init__()
        self.v = v
    def __repr__(self):
        return f'B({self.v!r})'

class C(A, B, metaclass=M):
    '''doc'''
