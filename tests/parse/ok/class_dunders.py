class V:
    def __eq__(self, o): return self.x == o.x
    def __lt__(self, o): return self.x < o.x
    def __hash__(self): return hash(self.x)
    def __len__(self): return 3
    def __iter__(self): return iter([])
    def __next__(self): raise StopIteration
    def __getitem__(self, k): return k
    def __setitem__(self, k, v): pass
    def __contains__(self, k): return True
    def __call__(self, *a, **k): return a
    def __enter__(self): return self
    def __exit__(self, *exc): return False
    def __str__(self): return 'V'
