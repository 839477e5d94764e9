"""dataclasses, in ioplay's Python subset: @dataclass (init, repr, eq, order, frozen, unsafe_hash),
field (default, default_factory, init, repr, compare, hash), fields, asdict, astuple, replace,
is_dataclass, FrozenInstanceError, with CPython's behaviour and messages for what programs use.

CPython writes the methods' source and exec()s it; here they are closures over the field list, so their
tracebacks show this file's lines instead of `<string>`."""


class _MissingType:
    def __repr__(self):
        return "MISSING"


MISSING = _MissingType()


class FrozenInstanceError(AttributeError):
    pass


class Field:
    def __init__(self, default, default_factory, init, repr, hash, compare, metadata, kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = metadata if metadata is not None else {}
        self.kw_only = kw_only

    def __repr__(self):
        return ("Field(name=" + repr(self.name) + ",type=" + repr(self.type) + ",default=" + repr(self.default)
                + ",default_factory=" + repr(self.default_factory) + ",init=" + repr(self.init) + ",repr="
                + repr(self.repr) + ",hash=" + repr(self.hash) + ",compare=" + repr(self.compare) + ")")


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True, hash=None, compare=True,
          metadata=None, kw_only=False):
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return Field(default, default_factory, init, repr, hash, compare, metadata, kw_only)


def _own_fields(cls):
    """The fields the class body itself annotates, in order, with their defaults taken off the class."""
    annotations = cls.__dict__.get("__annotations__", {})
    result = []
    for name, type_ in annotations.items():
        default = cls.__dict__.get(name, MISSING)
        if isinstance(default, Field):
            f = default
            if f.default is MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, f.default)
        else:
            f = field(default=default)
        f.name = name
        f.type = type_
        if isinstance(f.default, (list, dict, set)):
            raise ValueError("mutable default " + repr(type(f.default)) + " for field " + name
                             + " is not allowed: use default_factory")
        result.append(f)
    return result


def _all_fields(cls):
    by_name = {}
    for base in reversed(cls.__mro__[1:]):
        for f in getattr(base, "__dataclass_fields__", {}).values():
            by_name[f.name] = f
    for f in _own_fields(cls):
        by_name[f.name] = f
    return by_name


def _values(obj, fields_):
    return tuple(getattr(obj, f.name) for f in fields_)


def _make_init(cls, all_fields, frozen):
    params = [f for f in all_fields if f.init]
    seen_default = False
    for f in params:
        if f.default is MISSING and f.default_factory is MISSING:
            if seen_default:
                raise TypeError("non-default argument " + repr(f.name) + " follows default argument")
        else:
            seen_default = True

    def __init__(self, *args, **kwargs):
        if len(args) > len(params):
            required = len([f for f in params if f.default is MISSING and f.default_factory is MISSING])
            takes = str(len(params) + 1)
            if required < len(params):
                takes = "from " + str(required + 1) + " to " + takes
            raise TypeError(cls.__qualname__ + ".__init__() takes " + takes + " positional arguments but "
                            + str(len(args) + 1) + " were given")
        values = {}
        for f, value in zip(params, args):
            values[f.name] = value
        for name in kwargs:
            if name in values:
                raise TypeError(cls.__qualname__ + ".__init__() got multiple values for argument "
                                + repr(name))
            if not any(f.name == name for f in params):
                raise TypeError(cls.__qualname__ + ".__init__() got an unexpected keyword argument "
                                + repr(name))
            values[name] = kwargs[name]
        missing = [f.name for f in params
                   if f.name not in values and f.default is MISSING and f.default_factory is MISSING]
        if missing:
            names = [repr(n) for n in missing]
            listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
            raise TypeError(cls.__qualname__ + ".__init__() missing " + str(len(missing))
                            + " required positional argument" + ("s" if len(missing) > 1 else "") + ": " + listed)
        for f in all_fields:
            if f.name in values:
                value = values[f.name]
            elif f.default_factory is not MISSING:
                value = f.default_factory()
            elif f.default is not MISSING:
                value = f.default
            else:
                continue
            if frozen:
                object.__setattr__(self, f.name, value)
            else:
                setattr(self, f.name, value)
        post_init = getattr(self, "__post_init__", None)
        if post_init is not None:
            post_init()

    return __init__


def _process(cls, init, repr_, eq, order, unsafe_hash, frozen):
    fields_by_name = _all_fields(cls)
    all_fields = list(fields_by_name.values())
    cls.__dataclass_fields__ = fields_by_name
    own = cls.__dict__
    if init and "__init__" not in own:
        cls.__init__ = _make_init(cls, all_fields, frozen)
    if repr_ and "__repr__" not in own:
        shown = [f for f in all_fields if f.repr]

        def __repr__(self):
            parts = [f.name + "=" + repr(getattr(self, f.name)) for f in shown]
            return self.__class__.__qualname__ + "(" + ", ".join(parts) + ")"

        cls.__repr__ = __repr__
    compared = [f for f in all_fields if f.compare]
    if eq and "__eq__" not in own:
        def __eq__(self, other):
            if other.__class__ is not self.__class__:
                return NotImplemented
            return _values(self, compared) == _values(other, compared)

        cls.__eq__ = __eq__
    if order:
        for name in ("__lt__", "__le__", "__gt__", "__ge__"):
            if name in own:
                raise TypeError("Cannot overwrite attribute " + name + " in class " + cls.__name__
                                + ". Consider using functools.total_ordering")
        cls.__lt__ = _order(compared, lambda a, b: a < b)
        cls.__le__ = _order(compared, lambda a, b: a <= b)
        cls.__gt__ = _order(compared, lambda a, b: a > b)
        cls.__ge__ = _order(compared, lambda a, b: a >= b)
    if frozen:
        def __setattr__(self, name, value):
            if name in fields_by_name:
                raise FrozenInstanceError("cannot assign to field " + repr(name))
            object.__setattr__(self, name, value)

        def __delattr__(self, name):
            if name in fields_by_name:
                raise FrozenInstanceError("cannot delete field " + repr(name))
            object.__delattr__(self, name)

        cls.__setattr__ = __setattr__
        cls.__delattr__ = __delattr__
    hashed = [f for f in all_fields if (f.compare if f.hash is None else f.hash)]
    if unsafe_hash or (eq and frozen):
        def __hash__(self):
            return hash(_values(self, hashed))

        cls.__hash__ = __hash__
    elif eq and "__hash__" not in own:
        cls.__hash__ = None
    return cls


def _order(compared, op):
    def compare(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return op(_values(self, compared), _values(other, compared))

    return compare


def dataclass(cls=None, *, init=True, repr=True, eq=True, order=False, unsafe_hash=False, frozen=False,
              match_args=True, kw_only=False, slots=False):
    if order and not eq:
        raise ValueError("eq must be true if order is true")

    def wrap(c):
        return _process(c, init, repr, eq, order, unsafe_hash, frozen)

    if cls is None:
        return wrap
    return wrap(cls)


def fields(class_or_instance):
    found = getattr(class_or_instance, "__dataclass_fields__", None)
    if found is None:
        raise TypeError("must be called with a dataclass type or instance")
    return tuple(found.values())


def is_dataclass(obj):
    return hasattr(obj, "__dataclass_fields__")


def _copy_value(value, inner):
    if is_dataclass(value) and not isinstance(value, type):
        return inner(value)
    if isinstance(value, list):
        return [_copy_value(v, inner) for v in value]
    if isinstance(value, tuple):
        return tuple(_copy_value(v, inner) for v in value)
    if isinstance(value, dict):
        return {_copy_value(k, inner): _copy_value(v, inner) for k, v in value.items()}
    return value


def asdict(obj):
    if not is_dataclass(obj) or isinstance(obj, type):
        raise TypeError("asdict() should be called on dataclass instances")
    return {f.name: _copy_value(getattr(obj, f.name), asdict) for f in fields(obj)}


def astuple(obj):
    if not is_dataclass(obj) or isinstance(obj, type):
        raise TypeError("astuple() should be called on dataclass instances")
    return tuple(_copy_value(getattr(obj, f.name), astuple) for f in fields(obj))


def replace(obj, **changes):
    for f in fields(obj):
        if f.init and f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)
