raise
raise ValueError
raise ValueError('bad')
raise RuntimeError('x') from exc
raise KeyError(k) from None
