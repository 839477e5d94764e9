//! `fmt % args` for str and bytes, as CPython 3.11's `PyUnicode_Format`/`_PyBytes_FormatEx`: directives
//! `%[(key)][flags][width][.precision][length]type`, with their errors and index positions.

use super::super::super::value::{Obj, Value};
use super::super::{ExcKind, Vm};
use super::{ascii_escape, spec};

/// One directive's flags.
#[derive(Default)]
struct Flags {
    left: bool,
    plus: bool,
    blank: bool,
    alt: bool,
    zero: bool,
}

impl Vm {
    /// `fmt % args` (user `__str__`/`__repr__` results already in `overrides`).
    pub(crate) fn percent_format_native(&mut self, fmt: Value, args: Value) -> Result<Value, Value> {
        let (is_bytes, chars): (bool, Vec<char>) = match fmt {
            Value::Obj(id) => match self.heap.get(id) {
                Obj::Str(s) => (false, s.chars().collect()),
                // Bytes as one char per byte (Latin-1), turned back at the end.
                Obj::Bytes(b) | Obj::ByteArray(b) => (true, b.iter().map(|&x| x as char).collect()),
                _ => (false, vec![]),
            },
            _ => (false, vec![]),
        };
        // A tuple gives the arguments; any other mapping-like object (not str) is the mapping.
        let (items, mapping) = match args {
            Value::Obj(id) => match self.heap.get(id) {
                Obj::Tuple(t) => (t.clone(), None),
                Obj::Str(_) | Obj::Bytes(_) | Obj::ByteArray(_) => (vec![args], None),
                Obj::Dict(_) => (vec![args], Some(args)),
                _ if self.lookup_special(args, self.sym.getitem).is_some() => (vec![args], Some(args)),
                _ => (vec![args], None),
            },
            _ => (vec![args], None),
        };
        let mut next = 0usize;
        let mut take = |vm: &mut Vm| -> Result<Value, Value> {
            let v = items.get(next).copied();
            next += 1;
            v.ok_or_else(|| vm.type_error("not enough arguments for format string"))
        };
        let mut out = String::new();
        let mut i = 0;
        while i < chars.len() {
            if chars[i] != '%' {
                out.push(chars[i]);
                i += 1;
                continue;
            }
            i += 1;
            if chars.get(i) == Some(&'%') {
                out.push('%');
                i += 1;
                continue;
            }
            let mut keyed = None;
            if chars.get(i) == Some(&'(') {
                let Some(m) = mapping else {
                    return Err(self.type_error("format requires a mapping"));
                };
                // The key runs to the matching parenthesis.
                let (mut depth, start) = (1, i + 1);
                i += 1;
                while i < chars.len() && depth > 0 {
                    match chars[i] {
                        '(' => depth += 1,
                        ')' => depth -= 1,
                        _ => {}
                    }
                    i += 1;
                }
                if depth > 0 {
                    return Err(self.value_error("incomplete format key"));
                }
                let key: String = chars[start..i - 1].iter().collect();
                let k = if is_bytes {
                    Value::Obj(self.heap.alloc(Obj::Bytes(key.chars().map(|c| c as u8).collect())))
                } else {
                    self.new_str(&key)
                };
                let found = match m {
                    Value::Obj(d) if matches!(self.heap.get(d), Obj::Dict(_)) => self.dict_lookup(d, k)?,
                    _ => self.getitem_builtin(m, k)?,
                };
                match found {
                    Some(v) => keyed = Some(v),
                    None => return Err(self.new_exc_from(self.exc_class(ExcKind::KeyError), vec![k])),
                }
            }
            let mut f = Flags::default();
            while let Some(&c) = chars.get(i) {
                match c {
                    '-' => f.left = true,
                    '+' => f.plus = true,
                    ' ' => f.blank = true,
                    '#' => f.alt = true,
                    '0' => f.zero = true,
                    _ => break,
                }
                i += 1;
            }
            let mut width = 0usize;
            if chars.get(i) == Some(&'*') {
                let w = take(self)?;
                let Some(w) = self.small_int(w).filter(|_| self.is_int(w)) else {
                    return Err(self.type_error("* wants int"));
                };
                if w < 0 {
                    f.left = true;
                }
                width = w.unsigned_abs() as usize;
                i += 1;
            } else {
                while let Some(d) = chars.get(i).and_then(|c| c.to_digit(10)) {
                    width = width.saturating_mul(10).saturating_add(d as usize);
                    i += 1;
                }
            }
            let mut precision = None;
            if chars.get(i) == Some(&'.') {
                i += 1;
                if chars.get(i) == Some(&'*') {
                    let p = take(self)?;
                    let Some(p) = self.small_int(p).filter(|_| self.is_int(p)) else {
                        return Err(self.type_error("* wants int"));
                    };
                    precision = Some(p.max(0) as usize);
                    i += 1;
                } else {
                    let mut p = 0usize;
                    while let Some(d) = chars.get(i).and_then(|c| c.to_digit(10)) {
                        p = p.saturating_mul(10).saturating_add(d as usize);
                        i += 1;
                    }
                    precision = Some(p);
                }
            }
            // Length modifiers are read and ignored.
            while matches!(chars.get(i), Some('h' | 'l' | 'L')) {
                i += 1;
            }
            let Some(&conv) = chars.get(i) else {
                return Err(self.value_error("incomplete format"));
            };
            let at = i;
            i += 1;
            let v = match keyed {
                Some(v) => v,
                None => take(self)?,
            };
            let piece = self.percent_directive(v, conv, &f, precision, is_bytes, at)?;
            // Padding: left-justified with spaces, zeros after the sign and prefix for numbers, or spaces.
            let len = piece.body.chars().count() + piece.head.chars().count();
            let pad = width.saturating_sub(len);
            if f.left {
                out.push_str(&piece.head);
                out.push_str(&piece.body);
                out.extend(std::iter::repeat_n(' ', pad));
            } else if f.zero && piece.numeric {
                out.push_str(&piece.head);
                out.extend(std::iter::repeat_n('0', pad));
                out.push_str(&piece.body);
            } else {
                out.extend(std::iter::repeat_n(' ', pad));
                out.push_str(&piece.head);
                out.push_str(&piece.body);
            }
        }
        if next < items.len() && mapping.is_none() {
            let msg = if is_bytes {
                "not all arguments converted during bytes formatting"
            } else {
                "not all arguments converted during string formatting"
            };
            return Err(self.type_error(msg));
        }
        if is_bytes {
            let b: Vec<u8> = out.chars().map(|c| c as u32 as u8).collect();
            return Ok(Value::Obj(self.heap.alloc(Obj::Bytes(b))));
        }
        Ok(self.new_str(&out))
    }

    /// One converted value: the sign and base prefix (where zero padding goes after), and the rest.
    fn percent_directive(
        &mut self,
        v: Value,
        conv: char,
        f: &Flags,
        precision: Option<usize>,
        is_bytes: bool,
        at: usize,
    ) -> Result<Piece, Value> {
        let text = |body: String| Piece { head: String::new(), body, numeric: false };
        match conv {
            's' | 'r' | 'a' | 'b' => {
                let s = if is_bytes {
                    match (conv, v) {
                        ('s' | 'b', Value::Obj(id))
                            if matches!(self.heap.get(id), Obj::Bytes(_) | Obj::ByteArray(_)) =>
                        {
                            let (Obj::Bytes(b) | Obj::ByteArray(b)) = self.heap.get(id) else {
                                unreachable!()
                            };
                            b.iter().map(|&x| x as char).collect()
                        }
                        ('s' | 'b', _) => {
                            let t = self.type_name(v);
                            return Err(self.type_error(format!(
                                "%b requires a bytes-like object, or an object that implements __bytes__, not '{t}'"
                            )));
                        }
                        _ => ascii_escape(&self.plain_repr(v)),
                    }
                } else {
                    match conv {
                        's' => self.plain_str(v),
                        'r' => self.plain_repr(v),
                        'a' => ascii_escape(&self.plain_repr(v)),
                        _ => return Err(self.unsupported(conv, at)),
                    }
                };
                Ok(text(match precision {
                    Some(p) => s.chars().take(p).collect(),
                    None => s,
                }))
            }
            'c' => {
                let c = if self.is_int(v) {
                    let n = self.small_int(v).unwrap_or(i64::MAX);
                    let limit = if is_bytes { 256 } else { 0x110000 };
                    match u32::try_from(n).ok().filter(|&n| n < limit).and_then(char::from_u32) {
                        Some(c) => c,
                        None if is_bytes => {
                            return Err(self.exc(ExcKind::OverflowError, "%c arg not in range(256)"))
                        }
                        None => return Err(self.exc(ExcKind::OverflowError, "%c arg not in range(0x110000)")),
                    }
                } else {
                    let one: Option<char> = match v {
                        Value::Obj(id) => match self.heap.get(id) {
                            Obj::Str(s) if !is_bytes && s.chars().count() == 1 => s.chars().next(),
                            Obj::Bytes(b) | Obj::ByteArray(b) if is_bytes && b.len() == 1 => {
                                Some(b[0] as char)
                            }
                            _ => None,
                        },
                        _ => None,
                    };
                    match one {
                        Some(c) => c,
                        None if is_bytes => {
                            return Err(
                                self.type_error("%c requires an integer in range(256) or a single byte")
                            )
                        }
                        None => return Err(self.type_error("%c requires int or char")),
                    }
                };
                Ok(text(c.to_string()))
            }
            'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
                let n = match v {
                    Value::Float(x) if matches!(conv, 'd' | 'i' | 'u') => {
                        if x.is_nan() {
                            return Err(self.value_error("cannot convert float NaN to integer"));
                        }
                        if x.is_infinite() {
                            return Err(
                                self.exc(ExcKind::OverflowError, "cannot convert float infinity to integer")
                            );
                        }
                        num_bigint::BigInt::from(x.trunc() as i128)
                    }
                    _ if self.is_int(v) => self.big_of(v).unwrap_or_default(),
                    _ => {
                        let t = self.type_name(v);
                        let msg = if matches!(conv, 'd' | 'i' | 'u') {
                            format!("%{conv} format: a real number is required, not {t}")
                        } else {
                            format!("%{conv} format: an integer is required, not {t}")
                        };
                        return Err(self.type_error(msg));
                    }
                };
                let (radix, prefix) = match conv {
                    'o' => (8, "0o"),
                    'x' => (16, "0x"),
                    'X' => (16, "0X"),
                    _ => (10, ""),
                };
                let neg = n.sign() == num_bigint::Sign::Minus;
                let mut digits = num_traits::Signed::abs(&n).to_str_radix(radix);
                if conv == 'X' {
                    digits.make_ascii_uppercase();
                }
                if let Some(p) = precision {
                    if digits.len() < p {
                        digits = "0".repeat(p - digits.len()) + &digits;
                    }
                }
                let sign = sign_of(neg, f);
                let prefix = if f.alt { prefix } else { "" };
                Ok(Piece { head: format!("{sign}{prefix}"), body: digits, numeric: true })
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let Some(x) = self.as_f64(v) else {
                    let t = self.type_name(v);
                    return Err(self.type_error(format!("must be real number, not {t}")));
                };
                let a = x.abs();
                let mut body = if a.is_finite() {
                    spec::fixed_or_exponent(a, conv, precision.unwrap_or(6), f.alt)
                } else if a.is_nan() {
                    "nan".into()
                } else {
                    "inf".into()
                };
                if conv.is_ascii_uppercase() {
                    body.make_ascii_uppercase();
                }
                let neg = x.is_sign_negative() && !x.is_nan();
                Ok(Piece { head: sign_of(neg, f).to_string(), body, numeric: true })
            }
            _ => Err(self.unsupported(conv, at)),
        }
    }

    fn unsupported(&mut self, conv: char, at: usize) -> Value {
        self.value_error(format!("unsupported format character '{conv}' (0x{:x}) at index {at}", conv as u32))
    }
}

/// A directive's text: `head` (sign, base prefix) and `body`; numbers take zero padding between them.
struct Piece {
    head: String,
    body: String,
    numeric: bool,
}

fn sign_of(negative: bool, f: &Flags) -> &'static str {
    if negative {
        "-"
    } else if f.plus {
        "+"
    } else if f.blank {
        " "
    } else {
        ""
    }
}
