//! Character names for `\N{...}` escapes, looked up as CPython 3.11 does: stored names and aliases
//! case-insensitively; `CJK UNIFIED IDEOGRAPH-XXXX` and `HANGUL SYLLABLE ...` computed, with their
//! prefix in capitals as CPython requires.
//!
//! Deliberate difference: only the names of the blocks listed in `gen_tables.py` are stored (Latin,
//! Greek, Cyrillic, Armenian, Hebrew, Arabic, Georgian, punctuation, symbols, arrows, mathematical
//! operators, box drawing, kana, Bopomofo, fullwidth forms, emoji, and every alias), plus the computed
//! Braille names: ~40 KB of the gzipped wasm instead of ~120 KB for all ~33,000 names. A name of
//! another block (e.g. `DEVANAGARI LETTER A`, `YI SYLLABLE IT`, `N-ARY CIRCLED PLUS OPERATOR`) is an
//! unknown name here, with CPython's SyntaxError.

use super::generated::{HEX_NAMED, NAME_RECORDS, NAME_TEXT_LEN, UNIFIED_IDEOGRAPHS};

/// Front-coded names, then LEB128 code point differences (see `gen_tables.py`).
static NAMES_BIN: &[u8] = include_bytes!("names.bin");

/// The character a `\N{name}` escape names, if Python 3.11 knows it (and ioplay stores it).
pub fn lookup(name: &str) -> Option<char> {
    if let Some(syllable) = name.strip_prefix("HANGUL SYLLABLE ") {
        return hangul_syllable(syllable);
    }
    if let Some(hex) = name.strip_prefix("CJK UNIFIED IDEOGRAPH-") {
        // Four or five capital hex digits, as CPython parses them.
        if !(4..=5).contains(&hex.len())
            || !hex.bytes().all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b))
        {
            return None;
        }
        let cp = u32::from_str_radix(hex, 16).ok()?;
        return UNIFIED_IDEOGRAPHS.iter().any(|&(a, b)| (a..=b).contains(&cp)).then(|| char::from_u32(cp))?;
    }
    if !name.is_ascii() {
        return None;
    }
    let upper = name.to_ascii_uppercase();
    hex_named(&upper).or_else(|| braille(&upper)).or_else(|| stored(upper.as_bytes()))
}

/// `BRAILLE PATTERN DOTS-1245`: the raised dots, in ascending order, are the bits of the code point
/// past U+2800 (`gen_tables.py` checks the rule against every name of the block).
fn braille(upper: &str) -> Option<char> {
    if upper == "BRAILLE PATTERN BLANK" {
        return Some('\u{2800}');
    }
    let dots = upper.strip_prefix("BRAILLE PATTERN DOTS-")?.as_bytes();
    let ascending = dots.windows(2).all(|w| w[0] < w[1]);
    if dots.is_empty() || !ascending || !dots.iter().all(|d| (b'1'..=b'8').contains(d)) {
        return None;
    }
    let bits = dots.iter().fold(0u32, |acc, d| acc | 1 << (d - b'1'));
    char::from_u32(0x2800 + bits)
}

/// Names like `CJK COMPATIBILITY IDEOGRAPH-F900`: stored by CPython (so any case), computed here.
fn hex_named(upper: &str) -> Option<char> {
    let (prefix, hex) = upper.rsplit_once('-')?;
    let cp = u32::from_str_radix(hex, 16).ok()?;
    let known = HEX_NAMED.iter().any(|&(a, b, p)| p == prefix && (a..=b).contains(&cp));
    // The stored name is exactly `%04X`: no sign, no extra leading zeros.
    (known && format!("{cp:04X}") == hex).then(|| char::from_u32(cp))?
}

/// A scan of the stored names, rebuilding each from the previous one.
fn stored(upper: &[u8]) -> Option<char> {
    let (mut text, mut deltas) = NAMES_BIN.split_at(NAME_TEXT_LEN);
    let mut name: Vec<u8> = Vec::with_capacity(96);
    let mut cp = 0u32;
    for _ in 0..NAME_RECORDS {
        let shared = text[0] as usize;
        // The count byte itself may be 10: the name starts after it.
        let end = 1 + text[1..].iter().position(|&b| b == b'\n').expect("every record ends with a newline");
        name.truncate(shared);
        name.extend_from_slice(&text[1..end]);
        text = &text[end + 1..];
        let (delta, used) = leb128(deltas);
        deltas = &deltas[used..];
        cp += delta;
        if name == upper {
            return char::from_u32(cp);
        }
    }
    None
}

fn leb128(bytes: &[u8]) -> (u32, usize) {
    let mut value = 0u32;
    for (i, &b) in bytes.iter().enumerate() {
        value |= u32::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            return (value, i + 1);
        }
    }
    unreachable!("names.bin ends with a complete LEB128 number")
}

/// The jamo short names of Unicode's Hangul syllable name rule (leading, vowel, trailing).
const JAMO_L: [&str; 19] =
    ["G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ", "C", "K", "T", "P", "H"];
const JAMO_V: [&str; 21] = [
    "A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE", "YO", "U", "WEO", "WE", "WI",
    "YU", "EU", "YI", "I",
];
const JAMO_T: [&str; 28] = [
    "", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS", "LT", "LP", "LH", "M", "B", "BS",
    "S", "SS", "NG", "J", "C", "K", "T", "P", "H",
];

/// `HANGUL SYLLABLE GAG`: CPython takes the longest matching jamo of each kind in turn (the first of
/// equal length); the leading and trailing ones may be empty, the vowel may not.
fn hangul_syllable(rest: &str) -> Option<char> {
    fn longest(s: &str, table: &[&str]) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None; // (index, length)
        for (i, j) in table.iter().enumerate() {
            if s.starts_with(j) && best.is_none_or(|(_, len)| j.len() > len) {
                best = Some((i, j.len()));
            }
        }
        best
    }
    let (l, n1) = longest(rest, &JAMO_L)?;
    let (v, n2) = longest(&rest[n1..], &JAMO_V)?;
    let (t, n3) = longest(&rest[n1 + n2..], &JAMO_T)?;
    if n1 + n2 + n3 != rest.len() {
        return None;
    }
    char::from_u32(0xAC00 + ((l * JAMO_V.len() + v) * JAMO_T.len() + t) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_names_and_aliases_in_any_case() {
        assert_eq!(lookup("BULLET"), Some('\u{2022}'));
        assert_eq!(lookup("bullet"), Some('\u{2022}'));
        assert_eq!(lookup("NULL"), Some('\0'));
        assert_eq!(lookup("LF"), Some('\n'));
        assert_eq!(lookup("no-break space"), Some('\u{a0}'));
        assert_eq!(lookup("GRINNING FACE"), Some('\u{1f600}'));
        assert_eq!(lookup("LATIN SMALL LETTER E WITH ACUTE"), Some('é'));
        assert_eq!(lookup("LINE FEED (LF)"), None); // a Unicode 1.0 name, not an alias
        assert_eq!(lookup(" BULLET"), None);
        assert_eq!(lookup("BULLETS"), None);
    }

    #[test]
    fn computed_names() {
        assert_eq!(lookup("CJK UNIFIED IDEOGRAPH-4E2D"), Some('中'));
        assert_eq!(lookup("CJK UNIFIED IDEOGRAPH-04E2D"), Some('中'));
        assert_eq!(lookup("CJK UNIFIED IDEOGRAPH-4e2d"), None);
        assert_eq!(lookup("cjk unified ideograph-4E2D"), None);
        assert_eq!(lookup("CJK UNIFIED IDEOGRAPH-E000"), None);
        assert_eq!(lookup("HANGUL SYLLABLE GA"), Some('가'));
        assert_eq!(lookup("HANGUL SYLLABLE GGWAELH"), Some('\u{af73}'));
        assert_eq!(lookup("HANGUL SYLLABLE A"), Some('아'));
        assert_eq!(lookup("HANGUL SYLLABLE GAX"), None);
        assert_eq!(lookup("HANGUL SYLLABLE G"), None); // no vowel
        assert_eq!(lookup("cjk compatibility ideograph-f900"), Some('\u{f900}'));
        assert_eq!(lookup("CJK COMPATIBILITY IDEOGRAPH-0F900"), None);
        assert_eq!(lookup("NUSHU CHARACTER-1B170"), Some('\u{1b170}'));
        assert_eq!(lookup("BRAILLE PATTERN BLANK"), Some('\u{2800}'));
        assert_eq!(lookup("braille pattern dots-1245"), Some('\u{281b}'));
        assert_eq!(lookup("BRAILLE PATTERN DOTS-12345678"), Some('\u{28ff}'));
        assert_eq!(lookup("BRAILLE PATTERN DOTS-21"), None);
        assert_eq!(lookup("BRAILLE PATTERN DOTS-9"), None);
        assert_eq!(lookup("BRAILLE PATTERN DOTS-"), None);
    }
}
