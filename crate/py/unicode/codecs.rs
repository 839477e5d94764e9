//! The text codecs `bytes.decode`, `str.encode`, `str(b, enc)` and `bytes(s, enc)` use: UTF-8, ASCII and
//! Latin-1, with CPython's error handlers and the exact ranges and reasons its Unicode errors report.

/// A codec, found by any of CPython's names for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Codec {
    Utf8,
    Ascii,
    Latin1,
}

impl Codec {
    /// CPython's normalisation (case, '-' and ' ' as '_') and the aliases of its `encodings` package.
    pub fn lookup(name: &str) -> Option<Codec> {
        let n: String = name
            .trim()
            .chars()
            .map(|c| if c == '-' || c == ' ' { '_' } else { c.to_ascii_lowercase() })
            .collect();
        Some(match n.as_str() {
            "utf_8" | "utf8" | "u8" | "utf" | "utf8_ucs2" | "utf8_ucs4" | "cp65001" => Codec::Utf8,
            "ascii" | "us_ascii" | "646" | "us" | "ansi_x3.4_1968" | "cp367" | "iso646_us" => Codec::Ascii,
            "latin_1" | "latin1" | "latin" | "l1" | "iso_8859_1" | "iso8859_1" | "8859" | "cp819" => {
                Codec::Latin1
            }
            _ => return None,
        })
    }

    /// The name its errors show.
    pub fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
        }
    }

    /// The highest code point the codec encodes.
    fn max_char(self) -> u32 {
        match self {
            Codec::Utf8 => u32::MAX,
            Codec::Ascii => 0x7f,
            Codec::Latin1 => 0xff,
        }
    }
}

/// A failed conversion: which units (bytes when decoding, characters when encoding) and why, as the
/// `start`, `end` and `reason` of CPython's UnicodeDecodeError/UnicodeEncodeError.
#[derive(Debug, PartialEq, Eq)]
pub struct CodecError {
    pub start: usize,
    pub end: usize,
    pub reason: &'static str,
}

/// Why a conversion stopped.
#[derive(Debug, PartialEq, Eq)]
pub enum Failure {
    /// Under `errors='strict'`.
    Error(CodecError),
    /// An error met a handler CPython does not have (it only looks the name up then).
    UnknownHandler,
}

/// `bytes.decode(codec, errors)`.
pub fn decode(codec: Codec, b: &[u8], errors: &str) -> Result<String, Failure> {
    let mut out = String::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let (valid, bad) = match codec {
            Codec::Latin1 => {
                out.extend(b[i..].iter().map(|&x| x as char));
                return Ok(out);
            }
            Codec::Ascii => {
                let n = b[i..].iter().position(|x| !x.is_ascii()).unwrap_or(b.len() - i);
                (n, CodecError { start: i + n, end: i + n + 1, reason: "ordinal not in range(128)" })
            }
            Codec::Utf8 => match std::str::from_utf8(&b[i..]) {
                Ok(_) => (b.len() - i, CodecError { start: b.len(), end: b.len(), reason: "" }),
                Err(e) => {
                    let start = i + e.valid_up_to();
                    let bad = match e.error_len() {
                        None => CodecError { start, end: b.len(), reason: "unexpected end of data" },
                        // A byte that can never start a sequence, or a good start whose next byte is wrong.
                        Some(1) if matches!(b[start], 0x80..=0xc1 | 0xf5..=0xff) => {
                            CodecError { start, end: start + 1, reason: "invalid start byte" }
                        }
                        Some(n) => CodecError { start, end: start + n, reason: "invalid continuation byte" },
                    };
                    (e.valid_up_to(), bad)
                }
            },
        };
        // The valid run is ASCII or checked UTF-8.
        out.push_str(std::str::from_utf8(&b[i..i + valid]).expect("validated above"));
        if bad.start >= b.len() {
            break;
        }
        match errors {
            "strict" => return Err(Failure::Error(bad)),
            "ignore" => {}
            "replace" => out.push('\u{fffd}'),
            "backslashreplace" => {
                b[bad.start..bad.end].iter().for_each(|x| out.push_str(&format!("\\x{x:02x}")))
            }
            _ => return Err(Failure::UnknownHandler),
        }
        i = bad.end;
    }
    Ok(out)
}

/// `str.encode(codec, errors)`.
pub fn encode(codec: Codec, s: &str, errors: &str) -> Result<Vec<u8>, Failure> {
    if codec == Codec::Utf8 {
        return Ok(s.as_bytes().to_vec()); // a Rust string has no lone surrogates to refuse
    }
    let reason =
        if codec == Codec::Ascii { "ordinal not in range(128)" } else { "ordinal not in range(256)" };
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c as u32 <= codec.max_char() {
            out.push(c as u8);
            i += 1;
            continue;
        }
        // CPython's error covers the whole run of characters the codec cannot encode.
        let end =
            chars[i..].iter().position(|&x| x as u32 <= codec.max_char()).map_or(chars.len(), |n| i + n);
        for &c in &chars[i..end] {
            match errors {
                "strict" => return Err(Failure::Error(CodecError { start: i, end, reason })),
                "ignore" => {}
                "replace" => out.push(b'?'),
                "backslashreplace" => out.extend_from_slice(char_escape(c).as_bytes()),
                "xmlcharrefreplace" => out.extend_from_slice(format!("&#{};", c as u32).as_bytes()),
                _ => return Err(Failure::UnknownHandler),
            }
        }
        i = end;
    }
    Ok(out)
}

/// A character as CPython's Unicode errors and `backslashreplace` show it: `\xe9`, `\u20ac`, `\U0001f600`.
pub fn char_escape(c: char) -> String {
    match c as u32 {
        n if n <= 0xff => format!("\\x{n:02x}"),
        n if n <= 0xffff => format!("\\u{n:04x}"),
        n => format!("\\U{n:08x}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(start: usize, end: usize, reason: &'static str) -> Result<String, Failure> {
        Err(Failure::Error(CodecError { start, end, reason }))
    }

    #[test]
    fn utf8_errors_as_cpython_reports_them() {
        assert_eq!(decode(Codec::Utf8, b"\xff\xfe", "strict"), err(0, 1, "invalid start byte"));
        assert_eq!(decode(Codec::Utf8, b"a\xe4\xb8x", "strict"), err(1, 3, "invalid continuation byte"));
        assert_eq!(decode(Codec::Utf8, b"a\xe0\x80", "strict"), err(1, 2, "invalid continuation byte"));
        assert_eq!(decode(Codec::Utf8, b"ab\xe4\xb8", "strict"), err(2, 4, "unexpected end of data"));
    }

    #[test]
    fn handlers() {
        assert_eq!(decode(Codec::Utf8, b"a\xffb\xe4\xb8", "replace").unwrap(), "a\u{fffd}b\u{fffd}");
        assert_eq!(decode(Codec::Utf8, b"\xffok", "ignore").unwrap(), "ok");
        assert_eq!(decode(Codec::Ascii, b"x\xe9", "backslashreplace").unwrap(), "x\\xe9");
        assert_eq!(decode(Codec::Utf8, b"\xff", "nope"), Err(Failure::UnknownHandler));
        assert_eq!(decode(Codec::Latin1, b"\xe9", "strict").unwrap(), "é");
        assert_eq!(encode(Codec::Ascii, "aéé€b", "replace").unwrap(), b"a???b");
        assert_eq!(encode(Codec::Latin1, "é€", "xmlcharrefreplace").unwrap(), b"\xe9&#8364;");
        assert_eq!(
            encode(Codec::Ascii, "aéé", "strict"),
            Err(Failure::Error(CodecError { start: 1, end: 3, reason: "ordinal not in range(128)" }))
        );
    }

    #[test]
    fn names() {
        assert_eq!(Codec::lookup("UTF8"), Some(Codec::Utf8));
        assert_eq!(Codec::lookup("Latin-1"), Some(Codec::Latin1));
        assert_eq!(Codec::lookup("ebcdic"), None);
    }
}
