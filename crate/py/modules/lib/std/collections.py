"""collections, in ioplay's Python subset: deque, defaultdict, OrderedDict, Counter, namedtuple.

CPython's are written in C and Python; these are ioplay's own, with CPython's behaviour, reprs and errors
for what programs use. One difference: ioplay's builtin types cannot be subclassed yet, so defaultdict,
OrderedDict and Counter are mappings of their own (isinstance(d, dict) is False) and a namedtuple is
not a tuple subclass (isinstance(p, tuple) is False); everything else a program does with them works.
"""

_MISSING = object()


class deque:
    """A double-ended queue: a list plus the index of its first item, so popleft costs O(1)."""

    def __init__(self, iterable=(), maxlen=None):
        if maxlen is not None:
            if not isinstance(maxlen, int):
                raise TypeError("an integer is required")
            if maxlen < 0:
                raise ValueError("maxlen must be non-negative")
        self._items = []
        self._head = 0
        self._maxlen = maxlen
        self.extend(iterable)

    @property
    def maxlen(self):
        return self._maxlen

    def _compact(self):
        # Drop the consumed prefix once it is most of the list, keeping popleft amortised O(1).
        if self._head > 32 and self._head * 2 > len(self._items):
            del self._items[:self._head]
            self._head = 0

    def append(self, x):
        self._items.append(x)
        if self._maxlen is not None and len(self) > self._maxlen:
            self.popleft()

    def appendleft(self, x):
        if self._head > 0:
            self._head -= 1
            self._items[self._head] = x
        else:
            self._items.insert(0, x)
        if self._maxlen is not None and len(self) > self._maxlen:
            self.pop()

    def pop(self):
        if not len(self):
            raise IndexError("pop from an empty deque")
        return self._items.pop()

    def popleft(self):
        if not len(self):
            raise IndexError("pop from an empty deque")
        x = self._items[self._head]
        self._items[self._head] = None
        self._head += 1
        self._compact()
        return x

    def extend(self, iterable):
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.append(x)

    def extendleft(self, iterable):
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.appendleft(x)

    def clear(self):
        self._items = []
        self._head = 0

    def copy(self):
        return deque(self, self._maxlen)

    def count(self, x):
        return self._live().count(x)

    def index(self, x, start=0, stop=None):
        live = self._live()
        if stop is None:
            stop = len(live)
        for i in range(start, min(stop, len(live))):
            if live[i] is x or live[i] == x:
                return i
        raise ValueError(repr(x) + " is not in deque")

    def insert(self, i, x):
        if self._maxlen is not None and len(self) >= self._maxlen:
            raise IndexError("deque already at its maximum size")
        live = self._live()
        live.insert(i, x)
        self._items = live
        self._head = 0

    def remove(self, value):
        live = self._live()
        for i in range(len(live)):
            if live[i] is value or live[i] == value:
                del live[i]
                self._items = live
                self._head = 0
                return
        raise ValueError("deque.remove(x): x not in deque")

    def reverse(self):
        live = self._live()
        live.reverse()
        self._items = live
        self._head = 0

    def rotate(self, n=1):
        size = len(self)
        if size == 0:
            return
        n = n % size
        if n:
            live = self._live()
            self._items = live[-n:] + live[:-n]
            self._head = 0

    def _live(self):
        return self._items[self._head:]

    def _index(self, i):
        size = len(self)
        if not isinstance(i, int):
            raise TypeError("sequence index must be integer, not '" + type(i).__name__ + "'")
        if i < 0:
            i += size
        if i < 0 or i >= size:
            raise IndexError("deque index out of range")
        return self._head + i

    def __getitem__(self, i):
        return self._items[self._index(i)]

    def __setitem__(self, i, x):
        self._items[self._index(i)] = x

    def __delitem__(self, i):
        del self._items[self._index(i)]

    def __len__(self):
        return len(self._items) - self._head

    def __bool__(self):
        return len(self) > 0

    def __iter__(self):
        start_len = len(self)
        for x in self._live():
            if len(self) != start_len:
                raise RuntimeError("deque mutated during iteration")
            yield x

    def __reversed__(self):
        return iter(self._live()[::-1])

    def __contains__(self, x):
        return x in self._live()

    def __eq__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._live() == other._live()

    def __lt__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._live() < other._live()

    def __add__(self, other):
        if not isinstance(other, deque):
            raise TypeError('can only concatenate deque (not "' + type(other).__name__ + '") to deque')
        d = self.copy()
        d.extend(other)
        return d

    def __iadd__(self, other):
        self.extend(other)
        return self

    def __repr__(self):
        items = repr(self._live())
        if self._maxlen is None:
            return "deque(" + items + ")"
        return "deque(" + items + ", maxlen=" + str(self._maxlen) + ")"


class _Mapping:
    """The dict protocol over `self._data`, for the mappings below (see the module doc)."""

    def __init__(self, *args, **kwargs):
        self._data = {}
        self.update(*args, **kwargs)

    def update(self, *args, **kwargs):
        if len(args) > 1:
            raise TypeError("update expected at most 1 argument, got " + str(len(args)))
        if args:
            other = args[0]
            if hasattr(other, "keys"):
                for k in other.keys():
                    self[k] = other[k]
            else:
                for k, v in other:
                    self[k] = v
        for k in kwargs:
            self[k] = kwargs[k]

    def __getitem__(self, key):
        if key in self._data:
            return self._data[key]
        return self.__missing__(key)

    def __missing__(self, key):
        raise KeyError(key)

    def __setitem__(self, key, value):
        self._data[key] = value

    def __delitem__(self, key):
        del self._data[key]

    def __contains__(self, key):
        return key in self._data

    def __len__(self):
        return len(self._data)

    def __iter__(self):
        return iter(self._data)

    def __eq__(self, other):
        if isinstance(other, _Mapping):
            other = other._data
        if not isinstance(other, dict):
            return NotImplemented
        return self._data == other

    def get(self, key, default=None):
        return self._data.get(key, default)

    def setdefault(self, key, default=None):
        if key not in self._data:
            self[key] = default
        return self._data[key]

    def pop(self, key, default=_MISSING):
        if default is _MISSING:
            return self._data.pop(key)
        return self._data.pop(key, default)

    def popitem(self):
        return self._data.popitem()

    def keys(self):
        return self._data.keys()

    def values(self):
        return self._data.values()

    def items(self):
        return self._data.items()

    def clear(self):
        self._data.clear()

    def copy(self):
        return self.__class__(self)


class defaultdict(_Mapping):
    """A dict whose missing keys are made by `default_factory()`."""

    def __init__(self, default_factory=None, *args, **kwargs):
        if default_factory is not None and not callable(default_factory):
            raise TypeError("first argument must be callable or None")
        self.default_factory = default_factory
        _Mapping.__init__(self, *args, **kwargs)

    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        value = self.default_factory()
        self[key] = value
        return value

    def copy(self):
        return defaultdict(self.default_factory, self._data)

    def __repr__(self):
        factory = self.default_factory
        if factory is None:
            name = "None"
        elif isinstance(factory, type):
            name = "<class '" + factory.__name__ + "'>"
        else:
            name = repr(factory)
        return "defaultdict(" + name + ", " + repr(self._data) + ")"


class OrderedDict(_Mapping):
    """A dict that can move a key to either end and pop from either end."""

    def move_to_end(self, key, last=True):
        value = self._data.pop(key)
        if last:
            self._data[key] = value
        else:
            rest = self._data
            self._data = {key: value}
            self._data.update(rest)

    def popitem(self, last=True):
        if not self._data:
            raise KeyError("dictionary is empty")
        key = next(reversed(list(self._data))) if last else next(iter(self._data))
        return key, self._data.pop(key)

    def __eq__(self, other):
        if isinstance(other, OrderedDict):
            return list(self._data.items()) == list(other._data.items())
        return _Mapping.__eq__(self, other)

    def __reversed__(self):
        return reversed(list(self._data))

    def __repr__(self):
        if not self._data:
            return "OrderedDict()"
        return "OrderedDict(" + repr(list(self._data.items())) + ")"


class Counter(_Mapping):
    """Counts of hashable things: missing keys count 0."""

    def __init__(self, iterable=None, **kwargs):
        self._data = {}
        self.update(iterable, **kwargs)

    def __missing__(self, key):
        return 0

    def update(self, iterable=None, **kwargs):
        if iterable is not None:
            if hasattr(iterable, "keys"):
                for k in iterable.keys():
                    self[k] = self[k] + iterable[k]
            else:
                for k in iterable:
                    self[k] = self[k] + 1
        for k in kwargs:
            self[k] = self[k] + kwargs[k]

    def subtract(self, iterable=None, **kwargs):
        if iterable is not None:
            if hasattr(iterable, "keys"):
                for k in iterable.keys():
                    self[k] = self[k] - iterable[k]
            else:
                for k in iterable:
                    self[k] = self[k] - 1
        for k in kwargs:
            self[k] = self[k] - kwargs[k]

    def most_common(self, n=None):
        ranked = sorted(self._data.items(), key=lambda kv: kv[1], reverse=True)
        return ranked if n is None else ranked[:n]

    def elements(self):
        for k, count in self._data.items():
            for _ in range(count):
                yield k

    def total(self):
        return sum(self._data.values())

    def _combine(self, other, op):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for k in list(self._data) + [k for k in other._data if k not in self._data]:
            n = op(self[k], other[k])
            if n > 0:
                result[k] = n
        return result

    def __add__(self, other):
        return self._combine(other, lambda a, b: a + b)

    def __sub__(self, other):
        return self._combine(other, lambda a, b: a - b)

    def __or__(self, other):
        return self._combine(other, max)

    def __and__(self, other):
        return self._combine(other, min)

    def __repr__(self):
        if not self._data:
            return "Counter()"
        items = ", ".join(repr(k) + ": " + repr(v) for k, v in self.most_common())
        return "Counter({" + items + "})"


class _NamedTuple:
    """What every namedtuple class shares: a tuple's protocol over `self._values`."""

    _fields = ()
    _field_defaults = {}

    def __init__(self, *args, **kwargs):
        fields = self._fields
        if len(args) > len(fields):
            raise TypeError(self.__class__.__name__ + ".__new__() takes " + str(len(fields) + 1)
                            + " positional arguments but " + str(len(args) + 1) + " were given")
        values = list(args)
        for name in fields[len(args):]:
            if name in kwargs:
                values.append(kwargs.pop(name))
            elif name in self._field_defaults:
                values.append(self._field_defaults[name])
            else:
                missing = [n for n in fields[len(values):] if n not in kwargs and n not in self._field_defaults]
                raise TypeError(self.__class__.__name__ + ".__new__() missing " + str(len(missing))
                                + " required positional argument" + ("s" if len(missing) > 1 else "")
                                + ": " + ", ".join(repr(n) for n in missing[:-1])
                                + (" and " if len(missing) > 1 else "") + repr(missing[-1]))
        for name in kwargs:
            if name in fields:
                raise TypeError(self.__class__.__name__ + ".__new__() got multiple values for argument "
                                + repr(name))
            raise TypeError(self.__class__.__name__ + ".__new__() got an unexpected keyword argument "
                            + repr(name))
        self._values = tuple(values)

    @classmethod
    def _make(cls, iterable):
        return cls(*iterable)

    def __getitem__(self, i):
        return self._values[i]

    def __len__(self):
        return len(self._values)

    def __iter__(self):
        return iter(self._values)

    def __contains__(self, x):
        return x in self._values

    def __hash__(self):
        return hash(self._values)

    def __eq__(self, other):
        if isinstance(other, _NamedTuple):
            other = other._values
        if not isinstance(other, tuple):
            return NotImplemented
        return self._values == other

    def __lt__(self, other):
        if isinstance(other, _NamedTuple):
            other = other._values
        return self._values < other

    def __add__(self, other):
        if isinstance(other, _NamedTuple):
            other = other._values
        return self._values + other

    def count(self, x):
        return self._values.count(x)

    def index(self, x):
        return self._values.index(x)

    def _asdict(self):
        return dict(zip(self._fields, self._values))

    def _replace(self, **kwargs):
        values = [kwargs.pop(name, value) for name, value in zip(self._fields, self._values)]
        if kwargs:
            raise ValueError("Got unexpected field names: " + repr(list(kwargs)))
        return self.__class__(*values)

    def __repr__(self):
        parts = [name + "=" + repr(value) for name, value in zip(self._fields, self._values)]
        return self.__class__.__name__ + "(" + ", ".join(parts) + ")"


def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    """A class whose instances are tuples with named fields."""
    if isinstance(field_names, str):
        field_names = field_names.replace(",", " ").split()
    fields = [str(name) for name in field_names]
    seen = set()
    for index, name in enumerate(fields):
        bad = (not name.isidentifier() or name.startswith("_") or name in seen
               or name in ("def", "class", "return", "None", "True", "False", "lambda", "if", "else"))
        if bad and rename:
            fields[index] = "_" + str(index)
        elif not name.isidentifier() or name in ("def", "class", "return", "lambda", "if", "else"):
            raise ValueError("Type names and field names must be valid identifiers: " + repr(name))
        elif name.startswith("_"):
            raise ValueError("Field names cannot start with an underscore: " + repr(name))
        elif name in seen:
            raise ValueError("Encountered duplicate field name: " + repr(name))
        seen.add(fields[index])
    field_defaults = {}
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > len(fields):
            raise TypeError("Got more default values than field names")
        field_defaults = dict(zip(fields[len(fields) - len(defaults):], defaults))
    namespace = {"_fields": tuple(fields), "_field_defaults": field_defaults}
    for index, name in enumerate(fields):
        namespace[name] = property(lambda self, index=index: self._values[index])
    return type(typename, (_NamedTuple,), namespace)
