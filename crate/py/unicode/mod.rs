//! The Unicode facts CPython's str handling needs and Rust's `char` lacks: decimal digits of every
//! script (`int('١٢')`), CPython's whitespace, and character names for `\N{...}` escapes. The tables
//! are generated from CPython's own `unicodedata` (Unicode 14.0 in Python 3.11) by `gen_tables.py`.

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
    fn number_text() {
        assert_eq!(ascii_number_text("\u{3000} ١٢\x0b").as_deref(), Some("12"));
        assert_eq!(ascii_number_text("\u{1f}1").as_deref(), Some("\u{1f}1")); // not C whitespace
        assert_eq!(ascii_number_text("1\u{a0}2").as_deref(), Some("1 2"));
        assert_eq!(ascii_number_text("½"), None);
    }
}
