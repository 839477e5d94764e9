//! The Unicode facts CPython's str handling needs and Rust's `char` lacks: decimal digits of every
//! script (`int('١٢')`), CPython's whitespace, the classes of str's predicates (`isalpha`,
//! `isprintable`, `isdigit`, `isnumeric`), titlecase, codecs, and character names for `\N{...}`
//! escapes. The tables are generated from CPython's own `unicodedata` (Unicode 14.0 in Python 3.11) by
//! `gen_tables.py`.

pub mod codecs;
mod generated;
pub mod names;

/// The decimal value of a character of Unicode category Nd (`unicodedata.decimal`), in any script.
pub fn decimal_value(c: char) -> Option<u32> {
    let n = c as u32;
    // Nd characters come in runs of ten, 0 to 9; the table holds each run's zero.
    let i = generated::DECIMAL_ZEROS.partition_point(|&z| z <= n);
    let zero = *generated::DECIMAL_ZEROS.get(i.checked_sub(1)?)?;
    (n - zero < 10).then_some(n - zero)
}

fn in_ranges(ranges: &[(u32, u32)], c: char) -> bool {
    let n = c as u32;
    let i = ranges.partition_point(|&(first, _)| first <= n);
    i > 0 && n <= ranges[i - 1].1
}

/// `str.isalpha` of one character: a letter (Rust's `is_alphabetic` also takes marks and numerals).
pub fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    in_ranges(&generated::ALPHA, c)
}

/// `str.isprintable` of one character, which `repr` follows.
pub fn is_printable(c: char) -> bool {
    if c.is_ascii() {
        return (' '..='~').contains(&c);
    }
    !in_ranges(&generated::NOT_PRINTABLE, c)
}

/// `str.isdecimal` of one character.
pub fn is_decimal(c: char) -> bool {
    decimal_value(c).is_some()
}

/// `str.isdigit` of one character: decimals and other digits (², ③).
pub fn is_digit(c: char) -> bool {
    is_decimal(c) || in_ranges(&generated::DIGIT_NOT_DECIMAL, c)
}

/// `str.isnumeric` of one character: digits and other numbers (½, Ⅻ, 一).
pub fn is_numeric(c: char) -> bool {
    is_digit(c) || in_ranges(&generated::NUMERIC_NOT_DIGIT, c)
}

/// Whether `c` is titlecase (ǅ, ᾈ): neither upper nor lower case to Rust.
pub fn is_titlecase(c: char) -> bool {
    title_mapping(c).is_some_and(|t| t.chars().eq([c]))
}

/// CPython's "cased" character: upper, lower or title case.
pub fn is_cased(c: char) -> bool {
    c.is_uppercase() || c.is_lowercase() || is_titlecase(c)
}

fn title_mapping(c: char) -> Option<&'static str> {
    let n = c as u32;
    generated::TITLECASE.binary_search_by_key(&n, |&(cp, _)| cp).ok().map(|i| generated::TITLECASE[i].1)
}

/// Appends `c`'s titlecase (`str.title`, `str.capitalize`): its uppercase but for the characters whose
/// titlecase differs (ǆ → ǅ, ﬀ → Ff).
pub fn push_title(out: &mut String, c: char) {
    match title_mapping(c) {
        Some(t) => out.push_str(t),
        None => out.extend(c.to_uppercase()),
    }
}

/// CPython's `str.isspace`: Unicode's White_Space plus the ASCII separators U+001C..U+001F.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// What `int()` and `float()` parse: every non-ASCII decimal digit made ASCII and every non-ASCII
/// space a ' ' (CPython's `_PyUnicode_TransformDecimalAndSpaceToASCII`), then C's whitespace stripped
/// from both ends; None when another non-ASCII character is left, which no number can contain.
pub fn ascii_number_text(s: &str) -> Option<String> {
    let t: String = s
        .chars()
        .map(|c| match c {
            _ if c.is_ascii() => Some(c),
            _ if is_space(c) => Some(' '),
            _ => decimal_value(c).map(|d| char::from(b'0' + d as u8)),
        })
        .collect::<Option<_>>()?;
    Some(t.trim_matches([' ', '\t', '\n', '\x0b', '\x0c', '\r']).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_of_other_scripts() {
        assert_eq!(decimal_value('٣'), Some(3));
        assert_eq!(decimal_value('9'), Some(9));
        assert_eq!(decimal_value('𝟘'), Some(0)); // MATHEMATICAL DOUBLE-STRUCK DIGIT ZERO
        assert_eq!(decimal_value('a'), None);
        assert_eq!(decimal_value('²'), None); // No, not Nd
        assert_eq!(decimal_value('/'), None);
    }

    #[test]
    fn predicates_as_cpython() {
        assert!(is_alpha('é') && is_alpha('一') && !is_alpha('Ⅻ') && !is_alpha('\u{93f}'));
        assert!(
            is_printable('é')
                && !is_printable('\u{85}')
                && !is_printable('\u{3000}')
                && !is_printable('\u{378}')
        );
        assert!(is_digit('²') && !is_decimal('²') && is_numeric('½') && !is_digit('½') && is_numeric('一'));
        assert!(is_titlecase('ǅ') && !is_titlecase('Ǆ') && is_cased('ǅ') && !is_cased('1'));
        let mut t = String::new();
        ['ǆ', 'ﬀ', 'a'].into_iter().for_each(|c| push_title(&mut t, c));
        assert_eq!(t, "ǅFfA");
    }

    #[test]
    fn number_text() {
        assert_eq!(ascii_number_text("\u{3000} ١٢\x0b").as_deref(), Some("12"));
        assert_eq!(ascii_number_text("\u{1f}1").as_deref(), Some("\u{1f}1")); // not C whitespace
        assert_eq!(ascii_number_text("1\u{a0}2").as_deref(), Some("1 2"));
        assert_eq!(ascii_number_text("½"), None);
    }
}
