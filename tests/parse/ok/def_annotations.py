def f(a: int, b: str = 'x', *args: int, c: float = 1.0, **kw: dict) -> bool:
    return True
