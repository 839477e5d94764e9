class A:
    def __init__(self, *args, **kwargs):
        super(A, self).__init__(*args, **kwargs)
