"""string, in ioplay's Python subset: the character-class constants, capwords, and Template."""

whitespace = " \t\n\r\x0b\x0c"
ascii_lowercase = "abcdefghijklmnopqrstuvwxyz"
ascii_uppercase = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ascii_letters = ascii_lowercase + ascii_uppercase
digits = "0123456789"
hexdigits = digits + "abcdef" + "ABCDEF"
octdigits = "01234567"
punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    return (sep or " ").join(word.capitalize() for word in s.split(sep))


class Template:
    """`$name`, `${name}` and `$$` substitution."""

    delimiter = "$"

    def __init__(self, template):
        self.template = template

    def _substitute(self, mapping, safe):
        text = self.template
        out = []
        i = 0
        while i < len(text):
            ch = text[i]
            if ch != "$":
                out.append(ch)
                i += 1
                continue
            if text.startswith("$$", i):
                out.append("$")
                i += 2
                continue
            braced = text.startswith("${", i)
            start = i + 2 if braced else i + 1
            end = start
            while end < len(text) and (text[end].isalnum() or text[end] == "_"):
                end += 1
            name = text[start:end]
            valid = name and not name[0].isdigit() and (not braced or text.startswith("}", end))
            if not valid:
                if safe:
                    out.append("$")
                    i += 1
                    continue
                line = text.count("\n", 0, i) + 1
                col = i - (text.rfind("\n", 0, i) + 1) + 1
                raise ValueError("Invalid placeholder in string: line " + str(line) + ", col " + str(col))
            after = end + 1 if braced else end
            if name in mapping:
                out.append(str(mapping[name]))
            elif safe:
                out.append(text[i:after])
            else:
                raise KeyError(name)
            i = after
        return "".join(out)

    def substitute(self, mapping=None, **kws):
        return self._substitute(_merged(mapping, kws), False)

    def safe_substitute(self, mapping=None, **kws):
        return self._substitute(_merged(mapping, kws), True)


def _merged(mapping, kws):
    merged = {}
    if mapping is not None:
        for key in mapping:
            merged[key] = mapping[key]
    merged.update(kws)
    return merged
