"""json, in ioplay's Python subset: dumps/dump and loads/load with CPython's output, separators, indent,
sort_keys, ensure_ascii, default, object_hook, and JSONDecodeError's messages and positions."""

__all__ = ["dump", "dumps", "load", "loads", "JSONDecodeError"]

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


class JSONDecodeError(ValueError):
    """Where the document stops being JSON: `msg`, `doc`, `pos`, `lineno`, `colno`."""

    def __init__(self, msg, doc, pos):
        lineno = doc.count("\n", 0, pos) + 1
        colno = pos - doc.rfind("\n", 0, pos)
        ValueError.__init__(self, "%s: line %d column %d (char %d)" % (msg, lineno, colno, pos))
        self.msg = msg
        self.doc = doc
        self.pos = pos
        self.lineno = lineno
        self.colno = colno


def _encode_string(s, ensure_ascii):
    out = ['"']
    for ch in s:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
            continue
        code = ord(ch)
        if code < 0x20 or (ensure_ascii and code > 0x7E):
            if code > 0xFFFF:
                code -= 0x10000
                out.append("\\u%04x\\u%04x" % (0xD800 | (code >> 10), 0xDC00 | (code & 0x3FF)))
            else:
                out.append("\\u%04x" % code)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _float_text(f, allow_nan):
    if f != f:
        text = "NaN"
    elif f == float("inf"):
        text = "Infinity"
    elif f == -float("inf"):
        text = "-Infinity"
    else:
        return float.__repr__(f)
    if not allow_nan:
        raise ValueError("Out of range float values are not JSON compliant")
    return text


class _Encoder:
    def __init__(self, skipkeys, ensure_ascii, check_circular, allow_nan, indent, separators, default,
                 sort_keys):
        self.skipkeys = skipkeys
        self.ensure_ascii = ensure_ascii
        self.check_circular = check_circular
        self.allow_nan = allow_nan
        if indent is not None and not isinstance(indent, str):
            indent = " " * indent
        self.indent = indent
        if separators is None:
            separators = (", ", ": ") if indent is None else (",", ": ")
        self.item_separator, self.key_separator = separators
        self.default = default
        self.sort_keys = sort_keys
        self.active = []

    def _scalar(self, o):
        """The text of a scalar, or None for a container or another object."""
        if isinstance(o, str):
            return _encode_string(o, self.ensure_ascii)
        if o is None:
            return "null"
        if o is True:
            return "true"
        if o is False:
            return "false"
        if isinstance(o, int):
            return int.__repr__(o)
        if isinstance(o, float):
            return _float_text(o, self.allow_nan)
        return None

    def _key(self, k):
        if isinstance(k, str):
            return k
        if isinstance(k, (int, float, bool)) or k is None:
            return self._scalar(k)
        if self.skipkeys:
            return None
        raise TypeError("keys must be str, int, float, bool or None, not " + type(k).__name__)

    def _enter(self, o):
        if self.check_circular:
            for seen in self.active:
                if seen is o:
                    raise ValueError("Circular reference detected")
            self.active.append(o)

    def _leave(self):
        if self.check_circular:
            self.active.pop()

    def encode(self, o, level=0):
        text = self._scalar(o)
        if text is not None:
            return text
        if isinstance(o, (list, tuple)):
            return self._sequence(o, level)
        if isinstance(o, dict):
            return self._mapping(o, level)
        if self.default is None:
            raise TypeError("Object of type " + type(o).__name__ + " is not JSON serializable")
        self._enter(o)
        text = self.encode(self.default(o), level)
        self._leave()
        return text

    def _joined(self, parts, level, opening, closing):
        if not parts:
            return opening + closing
        if self.indent is None:
            return opening + self.item_separator.join(parts) + closing
        inner = "\n" + self.indent * (level + 1)
        return (opening + inner + (self.item_separator + inner).join(parts) + "\n" + self.indent * level
                + closing)

    def _sequence(self, o, level):
        self._enter(o)
        parts = [self.encode(item, level + 1) for item in o]
        self._leave()
        return self._joined(parts, level, "[", "]")

    def _mapping(self, o, level):
        self._enter(o)
        items = list(o.items())
        if self.sort_keys:
            items = sorted(items, key=lambda kv: kv[0])
        parts = []
        for k, v in items:
            key = self._key(k)
            if key is None:
                continue
            text = _encode_string(key, self.ensure_ascii) + self.key_separator + self.encode(v, level + 1)
            parts.append(text)
        self._leave()
        return self._joined(parts, level, "{", "}")


def dumps(obj, *, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True, cls=None,
          indent=None, separators=None, default=None, sort_keys=False):
    encoder = _Encoder(skipkeys, ensure_ascii, check_circular, allow_nan, indent, separators, default,
                       sort_keys)
    return encoder.encode(obj)


def dump(obj, fp, **kwargs):
    fp.write(dumps(obj, **kwargs))


_WHITESPACE = " \t\n\r"
_NUMBER_START = "-0123456789"
_CONSTANTS = {"NaN": float("nan"), "Infinity": float("inf"), "-Infinity": float("-inf")}


class _Decoder:
    def __init__(self, doc, object_hook, object_pairs_hook, parse_float, parse_int):
        self.doc = doc
        self.object_hook = object_hook
        self.object_pairs_hook = object_pairs_hook
        self.parse_float = parse_float or float
        self.parse_int = parse_int or int

    def skip(self, pos):
        doc = self.doc
        while pos < len(doc) and doc[pos] in _WHITESPACE:
            pos += 1
        return pos

    def value(self, pos):
        doc = self.doc
        if pos >= len(doc):
            raise JSONDecodeError("Expecting value", doc, pos)
        ch = doc[pos]
        if ch == '"':
            return self.string(pos + 1)
        if ch == "{":
            return self.object(pos + 1)
        if ch == "[":
            return self.array(pos + 1)
        for word, value in (("null", None), ("true", True), ("false", False)):
            if doc.startswith(word, pos):
                return value, pos + len(word)
        for word in ("NaN", "Infinity", "-Infinity"):
            if doc.startswith(word, pos):
                return _CONSTANTS[word], pos + len(word)
        if ch in _NUMBER_START:
            return self.number(pos)
        raise JSONDecodeError("Expecting value", doc, pos)

    def number(self, pos):
        doc = self.doc
        start = pos
        if doc[pos] == "-":
            pos += 1
        if pos < len(doc) and doc[pos] == "0":
            pos += 1
        elif pos < len(doc) and doc[pos] in "123456789":
            while pos < len(doc) and doc[pos].isdigit():
                pos += 1
        else:
            raise JSONDecodeError("Expecting value", doc, start)
        is_float = False
        if pos + 1 < len(doc) and doc[pos] == "." and doc[pos + 1].isdigit():
            is_float = True
            pos += 1
            while pos < len(doc) and doc[pos].isdigit():
                pos += 1
        if pos < len(doc) and doc[pos] in "eE":
            exp = pos + 1
            if exp < len(doc) and doc[exp] in "+-":
                exp += 1
            if exp < len(doc) and doc[exp].isdigit():
                is_float = True
                pos = exp
                while pos < len(doc) and doc[pos].isdigit():
                    pos += 1
        text = doc[start:pos]
        return (self.parse_float(text) if is_float else self.parse_int(text)), pos

    def string(self, pos):
        doc = self.doc
        begin = pos - 1
        chunks = []
        while True:
            if pos >= len(doc):
                raise JSONDecodeError("Unterminated string starting at", doc, begin)
            ch = doc[pos]
            if ch == '"':
                return "".join(chunks), pos + 1
            if ch == "\\":
                pos += 1
                if pos >= len(doc):
                    raise JSONDecodeError("Unterminated string starting at", doc, begin)
                esc = doc[pos]
                if esc == "u":
                    code = self.hex4(pos + 1)
                    pos += 5
                    if 0xD800 <= code <= 0xDBFF and doc.startswith("\\u", pos):
                        low = self.hex4(pos + 2)
                        if 0xDC00 <= low <= 0xDFFF:
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                            pos += 6
                    chunks.append(chr(code))
                    continue
                simple = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
                if esc not in simple:
                    raise JSONDecodeError("Invalid \\escape", doc, pos - 1)
                chunks.append(simple[esc])
                pos += 1
                continue
            if ord(ch) < 0x20:
                raise JSONDecodeError("Invalid control character at", doc, pos)
            chunks.append(ch)
            pos += 1

    def hex4(self, pos):
        digits = self.doc[pos:pos + 4]
        if len(digits) == 4 and all(c in "0123456789abcdefABCDEF" for c in digits):
            return int(digits, 16)
        raise JSONDecodeError("Invalid \\uXXXX escape", self.doc, pos - 1)

    def object(self, pos):
        doc = self.doc
        pairs = []
        pos = self.skip(pos)
        if pos < len(doc) and doc[pos] == "}":
            return self.finish_object(pairs), pos + 1
        while True:
            if pos >= len(doc) or doc[pos] != '"':
                raise JSONDecodeError("Expecting property name enclosed in double quotes", doc, pos)
            key, pos = self.string(pos + 1)
            pos = self.skip(pos)
            if pos >= len(doc) or doc[pos] != ":":
                raise JSONDecodeError("Expecting ':' delimiter", doc, pos)
            pos = self.skip(pos + 1)
            value, pos = self.value(pos)
            pairs.append((key, value))
            pos = self.skip(pos)
            if pos < len(doc) and doc[pos] == "}":
                return self.finish_object(pairs), pos + 1
            if pos >= len(doc) or doc[pos] != ",":
                raise JSONDecodeError("Expecting ',' delimiter", doc, pos)
            pos = self.skip(pos + 1)

    def finish_object(self, pairs):
        if self.object_pairs_hook is not None:
            return self.object_pairs_hook(pairs)
        result = dict(pairs)
        if self.object_hook is not None:
            return self.object_hook(result)
        return result

    def array(self, pos):
        doc = self.doc
        items = []
        pos = self.skip(pos)
        if pos < len(doc) and doc[pos] == "]":
            return items, pos + 1
        while True:
            value, pos = self.value(pos)
            items.append(value)
            pos = self.skip(pos)
            if pos < len(doc) and doc[pos] == "]":
                return items, pos + 1
            if pos >= len(doc) or doc[pos] != ",":
                raise JSONDecodeError("Expecting ',' delimiter", doc, pos)
            pos = self.skip(pos + 1)


def loads(s, *, cls=None, object_hook=None, parse_float=None, parse_int=None, parse_constant=None,
          object_pairs_hook=None):
    if isinstance(s, (bytes, bytearray)):
        s = s.decode("utf-8")
    elif not isinstance(s, str):
        raise TypeError("the JSON object must be str, bytes or bytearray, not " + type(s).__name__)
    decoder = _Decoder(s, object_hook, object_pairs_hook, parse_float, parse_int)
    value, end = decoder.value(decoder.skip(0))
    end = decoder.skip(end)
    if end != len(s):
        raise JSONDecodeError("Extra data", s, end)
    return value


def load(fp, **kwargs):
    return loads(fp.read(), **kwargs)
