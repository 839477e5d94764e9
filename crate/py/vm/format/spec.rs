//! The format-spec mini-language of `format()`, f-strings and `str.format` for str, int and float, as
//! CPython 3.11's `Python/formatter_unicode.c` reads and renders it: `[[fill]align][sign][z][#][0]
//! [width][grouping][.precision][type]`.

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

/// A parsed spec.
#[derive(Debug)]
pub struct Spec {
    fill: char,
    align: char,
    sign: char,
    no_neg_zero: bool,
    alt: bool,
    width: usize,
    grouping: Option<char>,
    precision: Option<usize>,
    /// The presentation type, or '\0' for none (float's "like str").
    ty: char,
}

/// Why a spec cannot format a value: the exception and its message.
#[derive(Debug, PartialEq, Eq)]
pub enum SpecError {
    Value(String),
    Overflow(String),
}

type R<T> = Result<T, SpecError>;

fn value_err<T>(msg: impl Into<String>) -> R<T> {
    Err(SpecError::Value(msg.into()))
}

/// `'c'`, or `'\x1'` for a type character CPython does not print as is.
fn shown(c: char) -> String {
    if (c as u32) > 32 && (c as u32) < 128 {
        c.to_string()
    } else {
        format!("\\x{:x}", c as u32)
    }
}

fn unknown_code<T>(ty: char, type_name: &str) -> R<T> {
    value_err(format!("Unknown format code '{}' for object of type '{type_name}'", shown(ty)))
}

/// Parses `spec` for a value of `type_name` whose type defaults to `default_type` and whose
/// alignment defaults to `default_align` ('<' for str, '>' for numbers).
pub fn parse(spec: &str, default_type: char, default_align: char, type_name: &str) -> R<Spec> {
    let c: Vec<char> = spec.chars().collect();
    let mut p = Spec {
        fill: ' ',
        align: default_align,
        sign: '\0',
        no_neg_zero: false,
        alt: false,
        width: 0,
        grouping: None,
        precision: None,
        ty: default_type,
    };
    let mut i = 0;
    let is_align = |ch: char| "<>=^".contains(ch);
    let (mut fill_given, mut align_given) = (false, false);
    if c.len() >= 2 && is_align(c[1]) {
        (p.fill, p.align, fill_given, align_given) = (c[0], c[1], true, true);
        i = 2;
    } else if !c.is_empty() && is_align(c[0]) {
        (p.align, align_given) = (c[0], true);
        i = 1;
    }
    if i < c.len() && "+- ".contains(c[i]) {
        p.sign = c[i];
        i += 1;
    }
    if i < c.len() && c[i] == 'z' {
        p.no_neg_zero = true;
        i += 1;
    }
    if i < c.len() && c[i] == '#' {
        p.alt = true;
        i += 1;
    }
    // '0' before the width: zero fill, sign-aware for numbers (unless a fill or alignment was given).
    if !fill_given && i < c.len() && c[i] == '0' {
        p.fill = '0';
        if !align_given && default_align == '>' {
            p.align = '=';
        }
        i += 1;
    }
    let start = i;
    while i < c.len() && c[i].is_ascii_digit() {
        i += 1;
    }
    if i > start {
        let digits: String = c[start..i].iter().collect();
        p.width = digits.parse().or_else(|_| value_err("Too many decimal digits in format string"))?;
    }
    if i < c.len() && (c[i] == ',' || c[i] == '_') {
        p.grouping = Some(c[i]);
        i += 1;
        if i < c.len() && (c[i] == ',' || c[i] == '_') {
            if c[i] != c[i - 1] {
                return value_err("Cannot specify both ',' and '_'.");
            }
            return value_err(format!("Cannot specify '{}' with '{}'.", c[i], c[i]));
        }
    }
    if i < c.len() && c[i] == '.' {
        i += 1;
        let start = i;
        while i < c.len() && c[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return value_err("Format specifier missing precision");
        }
        let digits: String = c[start..i].iter().collect();
        p.precision =
            Some(digits.parse().or_else(|_| value_err("Too many decimal digits in format string"))?);
    }
    if c.len() - i > 1 {
        return value_err(format!("Invalid format specifier '{spec}' for object of type '{type_name}'"));
    }
    if i < c.len() {
        p.ty = c[i];
    }
    if let Some(g) = p.grouping {
        let ok = match p.ty {
            'd' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F' | '\0' => true,
            'b' | 'o' | 'x' | 'X' => g == '_',
            _ => false,
        };
        if !ok {
            return value_err(format!("Cannot specify '{g}' with '{}'.", shown(p.ty)));
        }
    }
    Ok(p)
}

/// `format(s, spec)` for a str.
pub fn format_str(s: &str, spec: &str) -> R<String> {
    let p = parse(spec, 's', '<', "str")?;
    if p.ty != 's' {
        return unknown_code(p.ty, "str");
    }
    if p.sign != '\0' {
        return value_err(if p.sign == ' ' {
            "Space not allowed in string format specifier"
        } else {
            "Sign not allowed in string format specifier"
        });
    }
    if p.no_neg_zero {
        return value_err("Negative zero coercion (z) not allowed in string format specifier");
    }
    if p.alt {
        return value_err("Alternate form (#) not allowed in string format specifier");
    }
    if p.align == '=' {
        return value_err("'=' alignment not allowed in string format specifier");
    }
    let body: String = match p.precision {
        Some(n) => s.chars().take(n).collect(),
        None => s.to_string(),
    };
    Ok(align(&body, &p))
}

/// `format(n, spec)` for an int (`type_name` is "int" or "bool"); float types convert it.
pub fn format_int(n: &BigInt, spec: &str, type_name: &str) -> R<String> {
    let p = parse(spec, 'd', '>', type_name)?;
    match p.ty {
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' => {}
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            let f = n.to_f64().filter(|f| f.is_finite());
            let f = f.ok_or_else(|| SpecError::Overflow("int too large to convert to float".into()))?;
            return render_float(f, p);
        }
        t => return unknown_code(t, type_name),
    }
    if p.precision.is_some() {
        return value_err("Precision not allowed in integer format specifier");
    }
    if p.no_neg_zero {
        return value_err("Negative zero coercion (z) not allowed in integer format specifier");
    }
    if p.ty == 'c' {
        if p.sign != '\0' {
            return value_err("Sign not allowed with integer format specifier 'c'");
        }
        if p.alt {
            return value_err("Alternate form (#) not allowed with integer format specifier 'c'");
        }
        let code = n
            .to_i64()
            .ok_or_else(|| SpecError::Overflow("Python int too large to convert to C long".into()))?;
        let ch = u32::try_from(code).ok().and_then(char::from_u32);
        let Some(ch) = ch else {
            return Err(SpecError::Overflow("%c arg not in range(0x110000)".into()));
        };
        return Ok(align(&ch.to_string(), &p));
    }
    let (radix, prefix) = match p.ty {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    let mut digits = n.abs().to_str_radix(radix);
    if p.ty == 'X' {
        digits.make_ascii_uppercase();
    }
    let prefix = if p.alt { prefix } else { "" };
    let group_size = if radix == 10 { 3 } else { 4 };
    Ok(number(n.is_negative(), prefix, &digits, "", group_size, &p))
}

/// `format(f, spec)` for a float.
pub fn format_float(f: f64, spec: &str) -> R<String> {
    let p = parse(spec, '\0', '>', "float")?;
    match p.ty {
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%' | '\0' => render_float(f, p),
        t => unknown_code(t, "float"),
    }
}

fn render_float(f: f64, p: Spec) -> R<String> {
    let upper = matches!(p.ty, 'E' | 'F' | 'G');
    let value = if p.ty == '%' { f * 100.0 } else { f };
    let a = value.abs();
    let mut body = if !a.is_finite() {
        (if a.is_nan() { "nan" } else { "inf" }).to_string()
    } else {
        match (p.ty, p.precision) {
            // No type and no precision: repr's digits.
            ('\0', None) => {
                let s = float_repr_abs(a);
                // `#` keeps a point even in repr's exponent form (1.e-07).
                match s.find('e') {
                    Some(e) if p.alt && !s.contains('.') => format!("{}.{}", &s[..e], &s[e..]),
                    _ => s,
                }
            }
            // No type with a precision: 'g', but the fixed form keeps a digit after the point.
            ('\0', Some(prec)) => general(a, prec.max(1), p.alt, true),
            ('g' | 'G' | 'n', prec) => general(a, prec.unwrap_or(6).max(1), p.alt, false),
            (ty, prec) => fixed_or_exponent(a, ty, prec.unwrap_or(6), p.alt),
        }
    };
    if upper {
        body.make_ascii_uppercase();
    }
    let suffix = if p.ty == '%' { "%" } else { "" };
    // The sign of NaN is not shown; `z` drops it from a value that rounds to zero.
    let mut negative = value.is_sign_negative() && !value.is_nan();
    if negative && p.no_neg_zero && !body.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        negative = false;
    }
    // Grouping and zero padding apply to the digits before the point or exponent.
    let split = body.find(|c: char| !c.is_ascii_digit()).unwrap_or(body.len());
    let (digits, rest) = body.split_at(split);
    let rest = format!("{rest}{suffix}");
    if digits.is_empty() {
        // inf and nan: padded but not grouped.
        return Ok(number(negative, "", &rest, "", 3, &Spec { grouping: None, ..p }));
    }
    Ok(number(negative, "", digits, &rest, 3, &p))
}

/// The digits of a finite non-negative float for type 'e', 'f' (either case) or 'g' with a precision
/// (`%`-formatting shares them): `alt` keeps the point and, for 'g', the trailing zeros.
pub fn fixed_or_exponent(a: f64, ty: char, prec: usize, alt: bool) -> String {
    match ty {
        'e' | 'E' => exponent(a, prec, alt),
        'g' | 'G' => general(a, prec.max(1), alt, false),
        _ => {
            let s = format!("{:.*}", prec, a);
            if alt && !s.contains('.') {
                s + "."
            } else {
                s
            }
        }
    }
}

/// `repr`'s shortest digits for a finite non-negative float.
fn float_repr_abs(a: f64) -> String {
    super::float_repr(a)
}

/// `%e` with `prec` digits after the point (`alt` keeps the point when there are none).
fn exponent(a: f64, prec: usize, alt: bool) -> String {
    let s = format!("{:.*e}", prec, a);
    let (m, e) = s.split_once('e').expect("exponent form");
    let e: i32 = e.parse().expect("exponent");
    let point = if alt && prec == 0 { "." } else { "" };
    format!("{m}{point}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
}

/// `%g` with `prec` significant digits: fixed unless the exponent is below -4 or reaches the
/// precision (with `no_type`, one less: the fixed form must keep a digit after the point); trailing
/// zeros go unless `alt`.
fn general(a: f64, prec: usize, alt: bool, no_type: bool) -> String {
    let sci = format!("{:.*e}", prec - 1, a);
    let (_, e) = sci.split_once('e').expect("exponent form");
    let exp: i32 = e.parse().expect("exponent");
    let limit = if no_type { prec as i32 - 1 } else { prec as i32 };
    let trim = |s: String| -> String {
        if alt || !s.contains('.') {
            s
        } else {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        }
    };
    if exp < -4 || exp >= limit {
        let (m, _) = sci.split_once('e').expect("exponent form");
        let m = trim(m.to_string());
        let m = if alt && !m.contains('.') { m + "." } else { m };
        format!("{m}e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs())
    } else {
        let decimals = (prec as i32 - 1 - exp).max(0) as usize;
        let s = trim(format!("{:.*}", decimals, a));
        let s = if alt && !s.contains('.') { s + "." } else { s };
        if no_type && !s.contains('.') {
            s + ".0"
        } else {
            s
        }
    }
}

/// Joins sign, prefix, grouped digits and the rest, then pads: '=' pads between the prefix and the
/// digits, and a '0' fill there grows the digits (separators included), as CPython does.
fn number(negative: bool, prefix: &str, digits: &str, rest: &str, group_size: usize, p: &Spec) -> String {
    let sign = match (negative, p.sign) {
        (true, _) => "-",
        (false, '+') => "+",
        (false, ' ') => " ",
        _ => "",
    };
    let fixed = sign.chars().count() + prefix.chars().count() + rest.chars().count();
    let zero_pad = p.align == '=' && p.fill == '0';
    let min_digits = if zero_pad { p.width.saturating_sub(fixed) } else { 0 };
    let grouped = group(digits, p.grouping, group_size, min_digits);
    let len = fixed + grouped.chars().count();
    let pad = p.width.saturating_sub(len);
    let fills = |n: usize| std::iter::repeat_n(p.fill, n).collect::<String>();
    match p.align {
        '=' => format!("{sign}{prefix}{}{grouped}{rest}", fills(pad)),
        '<' => format!("{sign}{prefix}{grouped}{rest}{}", fills(pad)),
        '^' => format!("{}{sign}{prefix}{grouped}{rest}{}", fills(pad / 2), fills(pad - pad / 2)),
        _ => format!("{}{sign}{prefix}{grouped}{rest}", fills(pad)),
    }
}

/// CPython's `_PyUnicode_InsertThousandsGrouping`: groups from the right, padded with zeros to
/// `min_width` (separators count; none leads).
fn group(digits: &str, sep: Option<char>, size: usize, min_width: usize) -> String {
    let Some(sep) = sep else {
        let zeros = min_width.saturating_sub(digits.len());
        return "0".repeat(zeros) + digits;
    };
    let (mut remaining, mut min_width) = (digits.len() as isize, min_width as isize);
    let mut groups: Vec<String> = Vec::new();
    loop {
        let l = (size as isize).min(remaining.max(min_width).max(1));
        let chars = remaining.min(l).max(0);
        let zeros = (l - remaining).max(0);
        let end = remaining as usize;
        groups.push("0".repeat(zeros as usize) + &digits[end - chars as usize..end]);
        remaining -= chars;
        min_width -= l;
        if remaining <= 0 && min_width <= 0 {
            break;
        }
        min_width -= 1; // the separator
    }
    groups.reverse();
    groups.join(&sep.to_string())
}

/// Pads a str or a `c` character to the width.
fn align(body: &str, p: &Spec) -> String {
    let pad = p.width.saturating_sub(body.chars().count());
    let fills = |n: usize| std::iter::repeat_n(p.fill, n).collect::<String>();
    match p.align {
        '>' | '=' => format!("{}{body}", fills(pad)),
        '^' => format!("{}{body}{}", fills(pad / 2), fills(pad - pad / 2)),
        _ => format!("{body}{}", fills(pad)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouping_grows_into_zero_padding() {
        assert_eq!(format_int(&BigInt::from(1234), "010,", "int").unwrap(), "00,001,234");
        assert_eq!(format_int(&BigInt::from(1234), "08,", "int").unwrap(), "0,001,234");
        assert_eq!(format_int(&BigInt::from(255), "#010_x", "int").unwrap(), "0x000_00ff");
        assert_eq!(format_float(1234.5, "012,.2f").unwrap(), "0,001,234.50");
    }

    #[test]
    fn floats_without_a_type() {
        assert_eq!(format_float(123.0, ".3").unwrap(), "1.23e+02");
        assert_eq!(format_float(12.0, ".3").unwrap(), "12.0");
        assert_eq!(format_float(12.0, ".0").unwrap(), "1e+01");
        assert_eq!(format_float(-0.0, "z.1f").unwrap(), "0.0");
        assert_eq!(format_float(7.0, "#.3g").unwrap(), "7.00");
    }
}
