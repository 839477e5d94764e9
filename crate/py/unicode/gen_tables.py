#!/usr/bin/env python3
"""Generate crate/py/unicode/generated.rs and names.bin from CPython's own `unicodedata`.

Run with the Python whose behaviour ioplay copies (3.11: Unicode 14.0), from the repository root:

    python3 crate/py/unicode/gen_tables.py [PATH/TO/perl/unicore/Name.pl]

What it writes:

- generated.rs: the zero of every run of Nd decimal digits (for `int('١٢')`); the character classes of
  str's predicates as ranges (isalpha, isprintable, isdigit, isnumeric) and the titlecase mappings that
  differ from uppercase, which Rust's `char` does not give; the ranges whose names are `PREFIX-HEX`
  (computed at lookup, never stored); and the size figures of names.bin.
- names.bin: the names `\\N{...}` knows, as (code point, name) records in code point order. Names
  are front-coded: one byte says how many leading bytes the name shares with the previous record,
  then the rest of the name and a newline. A second section holds each record's code point as the
  LEB128 difference from the previous one. Both compress well in the gzipped wasm.

Which names: every alias (`\\N{LF}`, `\\N{NBSP}`, ...) and the names of the blocks in BLOCKS below,
the ones a learner reaches for (Latin, Greek, Cyrillic, punctuation, symbols, arrows, math, box
drawing, kana, emoji). Storing every name (~33,000) adds ~120 KB to the gzipped wasm against ~40 KB
for these; the other blocks' names are left out, and ioplay reports them as unknown (written down in
crate/py/unicode/names.rs and the README). CJK UNIFIED IDEOGRAPH-XXXX, HANGUL SYLLABLE and BRAILLE
PATTERN names are computed by the lookup (the first two as CPython does).

CPython's `unicodedata` cannot list its aliases, so the candidates come from Perl's copy of the
Unicode names (same Unicode version), and each is kept only if `unicodedata.lookup` maps it to that
one character.
"""

import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_NAME_PL = "/usr/share/perl/5.36.0/unicore/Name.pl"

# (first, last, block name) of Unicode 14.0's Blocks.txt whose names are stored.
BLOCKS = [
    (0x0000, 0x007F, "Basic Latin"),
    (0x0080, 0x00FF, "Latin-1 Supplement"),
    (0x0100, 0x017F, "Latin Extended-A"),
    (0x0180, 0x024F, "Latin Extended-B"),
    (0x0250, 0x02AF, "IPA Extensions"),
    (0x02B0, 0x02FF, "Spacing Modifier Letters"),
    (0x0300, 0x036F, "Combining Diacritical Marks"),
    (0x0370, 0x03FF, "Greek and Coptic"),
    (0x0400, 0x04FF, "Cyrillic"),
    (0x0500, 0x052F, "Cyrillic Supplement"),
    (0x0530, 0x058F, "Armenian"),
    (0x0590, 0x05FF, "Hebrew"),
    (0x0600, 0x06FF, "Arabic"),
    (0x10A0, 0x10FF, "Georgian"),
    (0x1E00, 0x1EFF, "Latin Extended Additional"),
    (0x1F00, 0x1FFF, "Greek Extended"),
    (0x2000, 0x206F, "General Punctuation"),
    (0x2070, 0x209F, "Superscripts and Subscripts"),
    (0x20A0, 0x20CF, "Currency Symbols"),
    (0x20D0, 0x20FF, "Combining Diacritical Marks for Symbols"),
    (0x2100, 0x214F, "Letterlike Symbols"),
    (0x2150, 0x218F, "Number Forms"),
    (0x2190, 0x21FF, "Arrows"),
    (0x2200, 0x22FF, "Mathematical Operators"),
    (0x2300, 0x23FF, "Miscellaneous Technical"),
    (0x2400, 0x243F, "Control Pictures"),
    (0x2460, 0x24FF, "Enclosed Alphanumerics"),
    (0x2500, 0x257F, "Box Drawing"),
    (0x2580, 0x259F, "Block Elements"),
    (0x25A0, 0x25FF, "Geometric Shapes"),
    (0x2600, 0x26FF, "Miscellaneous Symbols"),
    (0x2700, 0x27BF, "Dingbats"),
    (0x27C0, 0x27EF, "Miscellaneous Mathematical Symbols-A"),
    (0x27F0, 0x27FF, "Supplemental Arrows-A"),
    (0x2B00, 0x2BFF, "Miscellaneous Symbols and Arrows"),
    (0x2C60, 0x2C7F, "Latin Extended-C"),
    (0x2E00, 0x2E7F, "Supplemental Punctuation"),
    (0x3000, 0x303F, "CJK Symbols and Punctuation"),
    (0x3040, 0x309F, "Hiragana"),
    (0x30A0, 0x30FF, "Katakana"),
    (0x3100, 0x312F, "Bopomofo"),
    (0xFB00, 0xFB4F, "Alphabetic Presentation Forms"),
    (0xFE00, 0xFE0F, "Variation Selectors"),
    (0xFE50, 0xFE6F, "Small Form Variants"),
    (0xFF00, 0xFFEF, "Halfwidth and Fullwidth Forms"),
    (0xFFF0, 0xFFFF, "Specials"),
    (0x1F0A0, 0x1F0FF, "Playing Cards"),
    (0x1F100, 0x1F1FF, "Enclosed Alphanumeric Supplement"),
    (0x1F300, 0x1F5FF, "Miscellaneous Symbols and Pictographs"),
    (0x1F600, 0x1F64F, "Emoticons"),
    (0x1F680, 0x1F6FF, "Transport and Map Symbols"),
    (0x1F900, 0x1F9FF, "Supplemental Symbols and Pictographs"),
    (0x1FA70, 0x1FAFF, "Symbols and Pictographs Extended-A"),
]

# Computed by the lookup with CPython's own rules (case-sensitive prefix), never stored.
COMPUTED_PREFIXES = ("CJK UNIFIED IDEOGRAPH-", "HANGUL SYLLABLE ")


def braille_name(cp):
    """BRAILLE PATTERN DOTS-<raised dots>: computed by the lookup (names.rs), checked here."""
    dots = "".join(str(i + 1) for i in range(8) if (cp - 0x2800) >> i & 1)
    return "BRAILLE PATTERN DOTS-" + dots if dots else "BRAILLE PATTERN BLANK"


def all_names():
    """(code point, name) of every named character, but the computed ones."""
    for cp in range(0x110000):
        name = unicodedata.name(chr(cp), None)
        if name and not name.startswith(COMPUTED_PREFIXES):
            yield cp, name


def unified_ideographs():
    for cp in range(0x110000):
        name = unicodedata.name(chr(cp), "")
        if name.startswith(COMPUTED_PREFIXES[0]):
            yield cp, name


def hex_suffixed_ranges(names):
    """Runs of consecutive code points named `PREFIX-<their hex>`: (first, last, prefix)."""
    runs = []
    for cp, name in names:
        m = re.fullmatch(r"(.*)-([0-9A-F]{4,6})", name)
        if not (m and int(m.group(2), 16) == cp and "%04X" % cp == m.group(2)):
            continue
        if runs and runs[-1][2] == m.group(1) and runs[-1][1] == cp - 1:
            runs[-1][1] = cp
        else:
            runs.append([cp, cp, m.group(1)])
    return [tuple(r) for r in runs]


def aliases(name_pl):
    """Aliases CPython's `\\N{...}` accepts: (code point, alias)."""
    text = open(name_pl, encoding="utf-8").read()
    body = text.split("<<'END';\n", 1)[1].split("\nEND\n", 1)[0]
    out = set()
    for record in body.split("\n\n"):
        lines = record.strip().split("\n")
        if len(lines) != 2 or " " in lines[0]:
            continue  # named sequences have several code points
        cp, name = int(lines[0], 16), lines[1]
        if unicodedata.name(chr(cp), None) == name:
            continue
        try:
            if unicodedata.lookup(name) == chr(cp):
                out.add((cp, name))
        except KeyError:
            pass  # a Unicode 1.0 name, not an alias
    return sorted(out)


def leb128(n):
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def encode_names(records):
    names, deltas = bytearray(), bytearray()
    prev_name, prev_cp = b"", 0
    for cp, name in records:
        name = name.encode("ascii")
        shared = 0
        while shared < min(len(name), len(prev_name), 255) and name[shared] == prev_name[shared]:
            shared += 1
        names.append(shared)
        names += name[shared:] + b"\n"
        deltas += leb128(cp - prev_cp)
        prev_name, prev_cp = name, cp
    return bytes(names), bytes(deltas)


def char_ranges(pred):
    """Runs of consecutive code points for which `pred(chr)` holds: [(first, last)]."""
    runs = []
    for cp in range(0x110000):
        if pred(chr(cp)):
            if runs and runs[-1][1] == cp - 1:
                runs[-1][1] = cp
            else:
                runs.append([cp, cp])
    return runs


def rust_ranges(name, doc, runs):
    lines = ["/// %s" % doc, "pub const %s: [(u32, u32); %d] = [" % (name, len(runs))]
    line = "   "
    for a, b in runs:
        item = " (0x%X, 0x%X)," % (a, b)
        if len(line) + len(item) > 110:
            lines.append(line)
            line = "   "
        line += item
    lines += [line, "];", ""]
    return lines


def rust_u32_list(values):
    lines, line = [], "   "
    for v in values:
        item = " 0x%X," % v
        if len(line) + len(item) > 110:
            lines.append(line)
            line = "   "
        line += item
    lines.append(line)
    return "\n".join(lines)


def main():
    name_pl = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_NAME_PL
    names = list(all_names())
    assert all(braille_name(cp) == n for cp, n in names if 0x2800 <= cp <= 0x28FF)
    ranges = hex_suffixed_ranges(names)
    in_range = {cp for first, last, _ in ranges for cp in range(first, last + 1)}
    stored = [(cp, n) for cp, n in names if cp not in in_range and any(a <= cp <= b for a, b, _ in BLOCKS)]
    records = sorted(stored + aliases(name_pl))
    names_bin, deltas_bin = encode_names(records)
    with open(os.path.join(HERE, "names.bin"), "wb") as f:
        f.write(names_bin + deltas_bin)

    zeros = [cp for cp in range(0x110000) if unicodedata.decimal(chr(cp), -1) == 0]
    assert all(unicodedata.decimal(chr(z + d), -1) == d for z in zeros for d in range(10))
    rs = [
        "// @generated by crate/py/unicode/gen_tables.py from CPython's unicodedata (Unicode %s): do not edit."
        % unicodedata.unidata_version,
        "",
        "/// The zero of every run of ten Unicode decimal digits (category Nd), ascending.",
        "pub const DECIMAL_ZEROS: [u32; %d] = [\n%s\n];" % (len(zeros), rust_u32_list(zeros)),
        "",
        "/// Code point ranges named `PREFIX-<code point in hex>`, looked up by computing the name.",
        "pub const HEX_NAMED: [(u32, u32, &str); %d] = [" % len(ranges),
    ]
    rs += ['    (0x%X, 0x%X, "%s"),' % r for r in ranges]
    unified = [(a, b) for a, b, prefix in hex_suffixed_ranges(unified_ideographs()) if prefix]
    rs += [
        "];",
        "",
        "/// The ranges named `CJK UNIFIED IDEOGRAPH-<hex>`.",
        "pub const UNIFIED_IDEOGRAPHS: [(u32, u32); %d] = [" % len(unified),
    ]
    rs += ["    (0x%X, 0x%X)," % r for r in unified]
    rs += ["];", ""]
    rs += rust_ranges("ALPHA", "`str.isalpha`: the letters (categories Lu, Ll, Lt, Lm, Lo).", char_ranges(str.isalpha))
    rs += rust_ranges(
        "NOT_PRINTABLE",
        "Not `str.isprintable` (categories C* and Z* but the space): what `repr` escapes.",
        char_ranges(lambda c: not c.isprintable()),
    )
    rs += rust_ranges(
        "DIGIT_NOT_DECIMAL", "`str.isdigit` beyond the decimals (superscripts, circled digits...).",
        char_ranges(lambda c: c.isdigit() and not c.isdecimal()),
    )
    rs += rust_ranges(
        "NUMERIC_NOT_DIGIT", "`str.isnumeric` beyond the digits (fractions, numerals, CJK numbers...).",
        char_ranges(lambda c: c.isnumeric() and not c.isdigit()),
    )
    titles = [(cp, chr(cp).title()) for cp in range(0x110000) if chr(cp).title() != chr(cp).upper()]
    rs += [
        "/// `str.title` mappings that differ from `char::to_uppercase` (titlecase digraphs, ligatures...).",
        "pub const TITLECASE: [(u32, &str); %d] = [" % len(titles),
    ]
    rs += ['    (0x%X, "%s"),' % (cp, "".join("\\u{%x}" % ord(c) for c in t)) for cp, t in titles]
    rs += [
        "];",
        "",
        "/// names.bin: this many records, their front-coded names first (this many bytes), then the",
        "/// LEB128 code point differences.",
        "pub const NAME_RECORDS: usize = %d;" % len(records),
        "pub const NAME_TEXT_LEN: usize = %d;" % len(names_bin),
    ]
    with open(os.path.join(HERE, "generated.rs"), "w") as f:
        f.write("\n".join(rs) + "\n")
    print("%d names (%d aliases), %d hex-named ranges, names.bin %d bytes"
          % (len(records), len(records) - len(stored), len(ranges), len(names_bin) + len(deltas_bin)))


if __name__ == "__main__":
    main()
