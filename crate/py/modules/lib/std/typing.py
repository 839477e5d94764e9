"""typing, in ioplay's Python subset: the names annotations use (`List[int]`, `Optional[str]`, `Callable`,
`TypeVar`, `cast`, …), so typed programs run. Annotations are evaluated and ignored, as at run time in
CPython. Not here: subscripting `Generic` and `Protocol` (a class inheriting `Generic[T]`), and the
class form of `NamedTuple`/`TypedDict` (use `collections.namedtuple` and `dict`)."""

TYPE_CHECKING = False


class _Alias:
    """A typing name, or one subscripted (`typing.List[int]`): it only needs to print as CPython's."""

    def __init__(self, name, args=None, origin=None):
        self._name = name
        self.__args__ = args
        self.__origin__ = origin

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        if self._name == "Optional":
            return _Alias("Optional", (params[0], type(None)), Union)
        return _Alias(self._name, params, self)

    def __call__(self, *args, **kwargs):
        raise TypeError("Type " + self._name + " cannot be instantiated; use " + self._name.lower()
                        + "() instead")

    def __eq__(self, other):
        return isinstance(other, _Alias) and self._name == other._name and self.__args__ == other.__args__

    def __hash__(self):
        return hash(self._name)

    def __repr__(self):
        if self.__args__ is None:
            return "typing." + self._name
        if self._name == "Optional":
            return "typing.Optional[" + _type_repr(self.__args__[0]) + "]"
        if self._name == "Callable" and len(self.__args__) == 2 and isinstance(self.__args__[0], list):
            params = "[" + ", ".join(_type_repr(a) for a in self.__args__[0]) + "]"
            return "typing.Callable[" + params + ", " + _type_repr(self.__args__[1]) + "]"
        return "typing." + self._name + "[" + ", ".join(_type_repr(a) for a in self.__args__) + "]"


def _type_repr(t):
    if isinstance(t, type):
        if t.__module__ == "builtins":
            return t.__name__
        return t.__module__ + "." + t.__name__
    if t is ...:
        return "..."
    if t is None:
        return "None"
    return repr(t)


Any = _Alias("Any")
Union = _Alias("Union")
Optional = _Alias("Optional")
List = _Alias("List")
Dict = _Alias("Dict")
Tuple = _Alias("Tuple")
Set = _Alias("Set")
FrozenSet = _Alias("FrozenSet")
Type = _Alias("Type")
Callable = _Alias("Callable")
Iterable = _Alias("Iterable")
Iterator = _Alias("Iterator")
Generator = _Alias("Generator")
Sequence = _Alias("Sequence")
MutableSequence = _Alias("MutableSequence")
Mapping = _Alias("Mapping")
MutableMapping = _Alias("MutableMapping")
Awaitable = _Alias("Awaitable")
Coroutine = _Alias("Coroutine")
Deque = _Alias("Deque")
DefaultDict = _Alias("DefaultDict")
Counter = _Alias("Counter")
ClassVar = _Alias("ClassVar")
Final = _Alias("Final")
Literal = _Alias("Literal")
NoReturn = _Alias("NoReturn")
Hashable = _Alias("Hashable")
Sized = _Alias("Sized")
AnyStr = _Alias("AnyStr")
Text = str


class TypeVar:
    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        self.__name__ = name
        self.__constraints__ = constraints
        self.__bound__ = bound

    def __repr__(self):
        return "~" + self.__name__


class Generic:
    """A base for generic classes (subscripting it is not supported in ioplay)."""


class Protocol:
    """A base for structural types (subscripting it is not supported in ioplay)."""


def cast(typ, val):
    return val


def overload(func):
    return func


def final(f):
    return f


def no_type_check(f):
    return f


def get_type_hints(obj):
    return {}


def NewType(name, tp):
    def new_type(x):
        return x

    new_type.__name__ = name
    return new_type
