"""functools, in ioplay's Python subset: partial, reduce, wraps, lru_cache, cache, total_ordering,
cmp_to_key — with CPython's results, reprs and errors for what programs use."""

WRAPPER_ASSIGNMENTS = ("__module__", "__name__", "__qualname__", "__doc__")
_MISSING = object()


def reduce(function, iterable, *initial):
    if len(initial) > 1:
        raise TypeError("reduce expected at most 3 arguments, got " + str(len(initial) + 2))
    it = iter(iterable)
    if initial:
        value = initial[0]
    else:
        try:
            value = next(it)
        except StopIteration:
            raise TypeError("reduce() of empty iterable with no initial value") from None
    for element in it:
        value = function(value, element)
    return value


class partial:
    """A callable that calls `func` with `args` and `keywords` before the ones it is given."""

    def __init__(self, func, *args, **keywords):
        if not callable(func):
            raise TypeError("the first argument must be callable")
        if isinstance(func, partial):
            args = func.args + args
            keywords = {**func.keywords, **keywords}
            func = func.func
        self.func = func
        self.args = args
        self.keywords = keywords

    def __call__(self, *args, **keywords):
        return self.func(*self.args, *args, **{**self.keywords, **keywords})

    def __repr__(self):
        parts = [repr(self.func)] + [repr(a) for a in self.args]
        parts += [k + "=" + repr(v) for k, v in self.keywords.items()]
        return "functools.partial(" + ", ".join(parts) + ")"


def update_wrapper(wrapper, wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=("__dict__",)):
    for attr in assigned:
        try:
            value = getattr(wrapped, attr)
        except AttributeError:
            continue
        setattr(wrapper, attr, value)
    wrapper.__wrapped__ = wrapped
    return wrapper


def wraps(wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=("__dict__",)):
    return partial(update_wrapper, wrapped=wrapped, assigned=assigned, updated=updated)


class _CacheInfo:
    def __init__(self, hits, misses, maxsize, currsize):
        self.hits = hits
        self.misses = misses
        self.maxsize = maxsize
        self.currsize = currsize

    def __iter__(self):
        return iter((self.hits, self.misses, self.maxsize, self.currsize))

    def __eq__(self, other):
        return tuple(self) == tuple(other)

    def __repr__(self):
        return ("CacheInfo(hits=" + str(self.hits) + ", misses=" + str(self.misses) + ", maxsize="
                + str(self.maxsize) + ", currsize=" + str(self.currsize) + ")")


class _LruCacheWrapper:
    """What `lru_cache` returns: the function, with a dict of results (oldest first when bounded)."""

    def __init__(self, func, maxsize, typed):
        self.__wrapped__ = func
        self._func = func
        self._maxsize = maxsize
        self._typed = typed
        self._cache = {}
        self._hits = 0
        self._misses = 0
        for attr in WRAPPER_ASSIGNMENTS:
            try:
                setattr(self, attr, getattr(func, attr))
            except AttributeError:
                pass

    def _key(self, args, kwargs):
        key = args
        if kwargs:
            key += (_MISSING,)
            for item in kwargs.items():
                key += item
        if self._typed:
            key += tuple(type(v) for v in args)
            if kwargs:
                key += tuple(type(v) for v in kwargs.values())
        return key

    def __call__(self, *args, **kwargs):
        key = self._key(args, kwargs)
        if key in self._cache:
            self._hits += 1
            result = self._cache[key]
            if self._maxsize is not None:
                del self._cache[key]
                self._cache[key] = result
            return result
        self._misses += 1
        result = self._func(*args, **kwargs)
        if self._maxsize != 0:
            self._cache[key] = result
            if self._maxsize is not None and len(self._cache) > self._maxsize:
                del self._cache[next(iter(self._cache))]
        return result

    def cache_info(self):
        return _CacheInfo(self._hits, self._misses, self._maxsize, len(self._cache))

    def cache_clear(self):
        self._cache = {}
        self._hits = 0
        self._misses = 0

    def cache_parameters(self):
        return {"maxsize": self._maxsize, "typed": self._typed}

    def __repr__(self):
        return "<functools._lru_cache_wrapper object at 0x" + format(id(self), "x") + ">"


def lru_cache(maxsize=128, typed=False):
    if callable(maxsize) and isinstance(typed, bool):
        return _LruCacheWrapper(maxsize, 128, typed)
    if maxsize is not None:
        if not isinstance(maxsize, int):
            raise TypeError("Expected first argument to be an integer, a callable, or None")
        if maxsize < 0:
            maxsize = 0

    def decorating_function(user_function):
        return _LruCacheWrapper(user_function, maxsize, typed)

    return decorating_function


def cache(user_function):
    return _LruCacheWrapper(user_function, None, False)


def total_ordering(cls):
    """Fill in the rich comparisons from `__eq__` and one of `__lt__`, `__le__`, `__gt__`, `__ge__`."""
    defined = [op for op in ("__lt__", "__le__", "__gt__", "__ge__") if op in vars(cls)]
    if not defined:
        raise ValueError("must define at least one ordering operation: < > <= >=")
    root = defined[0]

    def from_lt():
        def gt(self, other):
            r = type(self).__lt__(self, other)
            return r if r is NotImplemented else (not r and self != other)

        def le(self, other):
            r = type(self).__lt__(self, other)
            return r if r is NotImplemented else (r or self == other)

        def ge(self, other):
            r = type(self).__lt__(self, other)
            return r if r is NotImplemented else not r

        return {"__gt__": gt, "__le__": le, "__ge__": ge}

    def from_le():
        def ge(self, other):
            r = type(self).__le__(self, other)
            return r if r is NotImplemented else (not r or self == other)

        def lt(self, other):
            r = type(self).__le__(self, other)
            return r if r is NotImplemented else (r and self != other)

        def gt(self, other):
            r = type(self).__le__(self, other)
            return r if r is NotImplemented else not r

        return {"__ge__": ge, "__lt__": lt, "__gt__": gt}

    def from_gt():
        def lt(self, other):
            r = type(self).__gt__(self, other)
            return r if r is NotImplemented else (not r and self != other)

        def ge(self, other):
            r = type(self).__gt__(self, other)
            return r if r is NotImplemented else (r or self == other)

        def le(self, other):
            r = type(self).__gt__(self, other)
            return r if r is NotImplemented else not r

        return {"__lt__": lt, "__ge__": ge, "__le__": le}

    def from_ge():
        def le(self, other):
            r = type(self).__ge__(self, other)
            return r if r is NotImplemented else (not r or self == other)

        def gt(self, other):
            r = type(self).__ge__(self, other)
            return r if r is NotImplemented else (r and self != other)

        def lt(self, other):
            r = type(self).__ge__(self, other)
            return r if r is NotImplemented else not r

        return {"__le__": le, "__gt__": gt, "__lt__": lt}

    makers = {"__lt__": from_lt, "__le__": from_le, "__gt__": from_gt, "__ge__": from_ge}
    for name, method in makers[root]().items():
        if name not in defined:
            setattr(cls, name, method)
    return cls


def cmp_to_key(mycmp):
    class K:
        def __init__(self, obj):
            self.obj = obj

        def __lt__(self, other):
            return mycmp(self.obj, other.obj) < 0

        def __gt__(self, other):
            return mycmp(self.obj, other.obj) > 0

        def __eq__(self, other):
            return mycmp(self.obj, other.obj) == 0

        def __le__(self, other):
            return mycmp(self.obj, other.obj) <= 0

        def __ge__(self, other):
            return mycmp(self.obj, other.obj) >= 0

        __hash__ = None

    return K
