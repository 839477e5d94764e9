"""copy, in ioplay's Python subset: shallow and deep copies of the builtin containers and of
instances (through `__copy__`/`__deepcopy__` when a class defines them, else its `__dict__`)."""


class Error(Exception):
    pass


error = Error

_ATOMIC = (type(None), bool, int, float, str, bytes, type, range, frozenset)


def _new_like(x):
    cls = x.__class__
    y = object.__new__(cls)
    return y


def copy(x):
    if isinstance(x, _ATOMIC) or callable(x) and not hasattr(x, "__dict__"):
        return x
    if isinstance(x, list):
        return list(x)
    if isinstance(x, dict):
        return dict(x)
    if isinstance(x, set):
        return set(x)
    if isinstance(x, tuple):
        return x
    if isinstance(x, bytearray):
        return bytearray(x)
    method = getattr(x.__class__, "__copy__", None)
    if method is not None:
        return method(x)
    y = _new_like(x)
    y.__dict__.update(x.__dict__)
    return y


def deepcopy(x, memo=None):
    if memo is None:
        memo = {}
    key = id(x)
    if key in memo:
        return memo[key]
    if isinstance(x, _ATOMIC) or callable(x) and not hasattr(x, "__dict__"):
        return x
    if isinstance(x, list):
        y = []
        memo[key] = y
        for item in x:
            y.append(deepcopy(item, memo))
        return y
    if isinstance(x, dict):
        y = {}
        memo[key] = y
        for k, v in x.items():
            y[deepcopy(k, memo)] = deepcopy(v, memo)
        return y
    if isinstance(x, tuple):
        y = tuple(deepcopy(item, memo) for item in x)
        if all(a is b for a, b in zip(x, y)):
            y = x
        memo[key] = y
        return y
    if isinstance(x, set):
        y = set(deepcopy(item, memo) for item in x)
        memo[key] = y
        return y
    if isinstance(x, bytearray):
        return bytearray(x)
    method = getattr(x.__class__, "__deepcopy__", None)
    if method is not None:
        y = method(x, memo)
        memo[key] = y
        return y
    y = _new_like(x)
    memo[key] = y
    for k, v in x.__dict__.items():
        setattr(y, k, deepcopy(v, memo))
    return y
