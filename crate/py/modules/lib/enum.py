"""enum: `Enum` and `IntEnum` as CPython 3.11 has them, written in ioplay's Python subset.

A class statement `class Color(Enum): RED = 1` turns each public, non-callable class attribute into a
member: an instance of the class with `name` and `value`, the same object each time (`Color(1) is
Color.RED`). An `IntEnum` member is also an int: equal and hash-equal to its value, usable wherever an
int is, `str()` and `format()` give the number, `repr()` gives `<Color.RED: 1>`.

Deliberate differences from CPython: there are no metaclasses here, so members are made by
`Enum.__init_subclass__`, the class itself is a plain class (`<class 'm.Color'>`, not `<enum 'Color'>`)
and is not iterable (iterate `Color.__members__.values()`), and `__members__` is a dict; `Flag`,
`IntFlag`, `auto` and the functional API are not provided.
"""


class Enum:
    """A set of named constants: members are made when a subclass is defined."""

    def __init_subclass__(cls, **kwargs):
        cls._member_names_ = []
        cls._member_map_ = {}
        cls._value2member_map_ = {}
        for name, value in list(cls.__dict__.items()):
            if name.startswith("_") or callable(value) or isinstance(value, (staticmethod, classmethod, property)):
                continue
            existing = cls._value2member_map_.get(value)
            if existing is not None:
                # A second name for a value is an alias of the first member.
                cls._member_map_[name] = existing
                setattr(cls, name, existing)
                continue
            member = cls._new_member_(value)
            member._name_ = name
            member._value_ = value
            cls._member_names_.append(name)
            cls._member_map_[name] = member
            cls._value2member_map_[value] = member
            setattr(cls, name, member)
        cls.__members__ = dict(cls._member_map_)

    @classmethod
    def _new_member_(cls, value):
        return object.__new__(cls)

    def __new__(cls, value):
        """`Color(1)`: the member with that value (members are never made again)."""
        if isinstance(value, cls):
            return value
        try:
            return cls._value2member_map_[value]
        except (KeyError, TypeError):
            pass
        raise ValueError("%r is not a valid %s" % (value, cls.__qualname__))

    @property
    def name(self):
        return self._name_

    @property
    def value(self):
        return self._value_

    def __repr__(self):
        return "<%s.%s: %r>" % (type(self).__name__, self._name_, self._value_)

    def __str__(self):
        return "%s.%s" % (type(self).__name__, self._name_)


class IntEnum(int, Enum):
    """Members are ints too: `str()` and `format()` give the number, as in CPython 3.11."""

    # int comes before Enum in the MRO: the enum's own lookup and repr must be named here.
    __new__ = Enum.__new__
    __repr__ = Enum.__repr__

    @classmethod
    def _new_member_(cls, value):
        return int.__new__(cls, value)

    def __str__(self):
        return repr(self._value_)
