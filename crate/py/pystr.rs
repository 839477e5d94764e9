//! The text of a Python `str` object ([`PyStr`]): short text lives inline, in the heap slot itself (no
//! allocation to make it, nothing for the collector to free); longer text is a shared `Rc<str>`.
//!
//! Most strings a program makes are short (words, numbers as text, keys, single characters), so the
//! constructors here write a new string's bytes straight into its final place: the inline buffer, or
//! one `Rc` allocation of the exact size, never a temporary `String` copied from.
//!
//! A str also keeps its Python hash once computed (dict and set probes hash their key each time).
//!
//! The one rule this module keeps for [`PyStr`]'s `Deref` to be sound: the inline bytes up to `len`
//! are always valid UTF-8. Every constructor copies whole `&str`s or `char`s, or maps ASCII letters to
//! ASCII letters, and only `PyStr::filled` (private) writes bytes.

use std::cell::Cell;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::rc::Rc;

/// Bytes of text kept inline: as many as fit without making `Obj` bigger than its other variants make
/// it ([`OBJ_SIZE`]), beside the cached hash. One byte more and `Obj` grows (to 88 and 64 bytes:
/// measured).
#[cfg(target_pointer_width = "64")]
pub const INLINE_CAP: usize = 62;
#[cfg(not(target_pointer_width = "64"))]
pub const INLINE_CAP: usize = 46;

/// The size of a heap slot (`Obj`) as its variants other than `Str` make it: 80 bytes on 64-bit
/// targets, 56 on wasm32 (measured when `Str` held an `Rc<str>`).
#[cfg(target_pointer_width = "64")]
pub const OBJ_SIZE: usize = 80;
#[cfg(not(target_pointer_width = "64"))]
pub const OBJ_SIZE: usize = 56;

// Checked when building for every target (wasm32 too, where the unit tests do not run).
const _: () = assert!(
    std::mem::size_of::<super::value::Obj>() <= OBJ_SIZE,
    "inline str text made Obj bigger: lower INLINE_CAP"
);

/// A Python str's text. Compares, orders and hashes (as a Rust `Hash`) as its `str`.
#[derive(Clone)]
pub struct PyStr {
    repr: Repr,
    /// [`text_hash`] of the text once asked for (0 until then): dict probes hash a key again each
    /// time, and a key is mostly a string hashed before. Measured on `dict_str`: -1.5% instructions,
    /// for 8 bytes less of inline text.
    hash: Cell<u64>,
}

#[derive(Clone)]
enum Repr {
    /// `bytes[..len]` is the text (valid UTF-8); the rest is zero.
    Inline { len: u8, bytes: [u8; INLINE_CAP] },
    /// Text longer than [`INLINE_CAP`]; clones share it.
    Shared(Rc<str>),
}

impl PyStr {
    fn of(repr: Repr) -> PyStr {
        PyStr { repr, hash: Cell::new(0) }
    }

    /// A string of `len` bytes that `fill` writes, all of them, as valid UTF-8.
    fn filled(len: usize, fill: impl FnOnce(&mut [u8])) -> PyStr {
        if len <= INLINE_CAP {
            let mut bytes = [0u8; INLINE_CAP];
            fill(&mut bytes[..len]);
            debug_assert!(std::str::from_utf8(&bytes[..len]).is_ok());
            return PyStr::of(Repr::Inline { len: len as u8, bytes });
        }
        // `repeat_n` has an exact length, so the `Rc` is allocated once at its final size.
        let mut rc: Rc<[u8]> = std::iter::repeat_n(0u8, len).collect();
        fill(Rc::get_mut(&mut rc).expect("a fresh Rc has no other owner"));
        PyStr::of(Repr::Shared(utf8_rc(rc)))
    }

    pub fn new(s: &str) -> PyStr {
        PyStr::filled(s.len(), |out| out.copy_from_slice(s.as_bytes()))
    }

    /// `x + y`.
    pub fn concat(x: &str, y: &str) -> PyStr {
        PyStr::filled(x.len() + y.len(), |out| {
            let (a, b) = out.split_at_mut(x.len());
            a.copy_from_slice(x.as_bytes());
            b.copy_from_slice(y.as_bytes());
        })
    }

    /// `s * n` (the caller keeps the size within its memory limit).
    pub fn repeat(s: &str, n: usize) -> PyStr {
        PyStr::filled(s.len() * n, |out| {
            for chunk in out.chunks_exact_mut(s.len().max(1)) {
                chunk.copy_from_slice(s.as_bytes());
            }
        })
    }

    /// The parts one after another with `sep` between each two (`sep.join(parts)`).
    pub fn join(sep: &str, parts: &[&str]) -> PyStr {
        let len = parts.iter().map(|p| p.len()).sum::<usize>() + sep.len() * parts.len().saturating_sub(1);
        PyStr::filled(len, |out| {
            let mut at = 0;
            for (i, p) in parts.iter().enumerate() {
                if i > 0 {
                    out[at..at + sep.len()].copy_from_slice(sep.as_bytes());
                    at += sep.len();
                }
                out[at..at + p.len()].copy_from_slice(p.as_bytes());
                at += p.len();
            }
        })
    }

    /// `s` with its ASCII letters upper-cased (`upper`) or lower-cased; every other character is kept
    /// as it is (the whole case mapping of ASCII text).
    pub fn ascii_case(s: &str, upper: bool) -> PyStr {
        // Only the bytes a-z / A-Z change, to ASCII bytes: the UTF-8 of other characters stays intact.
        PyStr::filled(s.len(), |out| {
            for (o, b) in out.iter_mut().zip(s.bytes()) {
                *o = if upper { b.to_ascii_uppercase() } else { b.to_ascii_lowercase() };
            }
        })
    }

    /// The decimal text of `n` (what `str(n)` and `repr(n)` show for an int).
    pub fn from_int(n: i64) -> PyStr {
        // Digits from the right into a stack buffer: an i64 has at most 19 digits and a sign.
        let mut buf = [0u8; 20];
        let mut at = buf.len();
        let mut rest = n.unsigned_abs();
        loop {
            at -= 1;
            buf[at] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        if n < 0 {
            at -= 1;
            buf[at] = b'-';
        }
        // ASCII digits and '-' are valid UTF-8.
        PyStr::filled(buf.len() - at, |out| out.copy_from_slice(&buf[at..]))
    }

    /// A one-character string.
    pub fn from_char(c: char) -> PyStr {
        PyStr::filled(c.len_utf8(), |out| {
            c.encode_utf8(out);
        })
    }

    /// The characters one after another (a slice of a str, `reversed` text…).
    pub fn from_chars(chars: impl Iterator<Item = char> + Clone) -> PyStr {
        let len = chars.clone().map(char::len_utf8).sum();
        PyStr::filled(len, |out| {
            let mut at = 0;
            for c in chars {
                at += c.encode_utf8(&mut out[at..]).len();
            }
        })
    }

    /// Python's hash of this str ([`text_hash`] of its UTF-8), computed once. A text whose hash is 0
    /// is hashed each time: still correct, just not cached.
    #[inline]
    pub fn hash_value(&self) -> u64 {
        let h = self.hash.get();
        if h != 0 {
            return h;
        }
        let h = text_hash(self.as_bytes());
        self.hash.set(h);
        h
    }

    pub fn as_str(&self) -> &str {
        match &self.repr {
            // SAFETY: the inline bytes up to `len` are valid UTF-8: every constructor writes whole
            // `str`s, whole chars, or ASCII bytes (see the module doc); nothing else writes them.
            Repr::Inline { len, bytes } => unsafe { std::str::from_utf8_unchecked(&bytes[..*len as usize]) },
            Repr::Shared(s) => s,
        }
    }

    /// Bytes this string holds outside its own slot (for the memory budget): none when inline.
    pub fn heap_bytes(&self) -> usize {
        match &self.repr {
            Repr::Inline { .. } => 0,
            Repr::Shared(s) => s.len(),
        }
    }
}

/// The hash of str and bytes text (FNV-1a over the bytes): what dicts and sets store for such keys.
pub fn text_hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// Reads bytes written as valid UTF-8 as the `str` they are, without a second allocation.
fn utf8_rc(bytes: Rc<[u8]>) -> Rc<str> {
    debug_assert!(std::str::from_utf8(&bytes).is_ok());
    // SAFETY: `filled`'s callers write valid UTF-8 (see the module doc), and `str` has the layout of
    // `[u8]`, so the pointer names the same allocation with the same length.
    unsafe { Rc::from_raw(Rc::into_raw(bytes) as *const str) }
}

impl Deref for PyStr {
    type Target = str;

    #[inline]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for PyStr {
    fn as_ref(&self) -> &str {
        self
    }
}

impl From<&str> for PyStr {
    fn from(s: &str) -> PyStr {
        PyStr::new(s)
    }
}

impl From<String> for PyStr {
    fn from(s: String) -> PyStr {
        PyStr::new(&s)
    }
}

impl From<Rc<str>> for PyStr {
    /// Long text keeps sharing the `Rc`; short text moves inline.
    fn from(s: Rc<str>) -> PyStr {
        if s.len() <= INLINE_CAP {
            PyStr::new(&s)
        } else {
            PyStr::of(Repr::Shared(s))
        }
    }
}

impl PartialEq for PyStr {
    fn eq(&self, other: &PyStr) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for PyStr {}

impl PartialEq<str> for PyStr {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for PyStr {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialOrd for PyStr {
    fn partial_cmp(&self, other: &PyStr) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for PyStr {
    fn cmp(&self, other: &PyStr) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for PyStr {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

impl fmt::Debug for PyStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for PyStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::{text_hash, PyStr, INLINE_CAP, OBJ_SIZE};
    use crate::py::value::Obj;

    /// Texts just under, at and over the inline size, ASCII and not.
    fn samples() -> Vec<String> {
        let mut v: Vec<String> = ["", "a", "añ€x", "é"].iter().map(|s| s.to_string()).collect();
        for n in [INLINE_CAP - 1, INLINE_CAP, INLINE_CAP + 1, 3 * INLINE_CAP] {
            v.push("x".repeat(n));
            v.push("€".repeat(n / 3 + 1));
        }
        v
    }

    /// `PyStr`'s shape with another inline size.
    #[allow(dead_code)]
    struct PyStrWith<const N: usize> {
        repr: ReprWith<N>,
        hash: std::cell::Cell<u64>,
    }

    #[allow(dead_code)]
    enum ReprWith<const N: usize> {
        Inline { len: u8, bytes: [u8; N] },
        Shared(std::rc::Rc<str>),
    }

    #[test]
    fn inline_text_fills_but_does_not_grow_the_heap_slot() {
        use std::mem::size_of;
        assert_eq!(size_of::<Obj>(), OBJ_SIZE, "Obj's size changed: recheck INLINE_CAP");
        assert_eq!(size_of::<PyStrWith<INLINE_CAP>>(), size_of::<PyStr>());
        // One byte more rounds the payload up to a whole slot or past it, so `Obj` would have to grow.
        assert!(size_of::<PyStrWith<{ INLINE_CAP + 1 }>>() >= size_of::<Obj>());
    }

    #[test]
    fn short_text_is_inline_and_long_text_shared() {
        assert_eq!(PyStr::new(&"x".repeat(INLINE_CAP)).heap_bytes(), 0);
        assert_eq!(PyStr::new(&"x".repeat(INLINE_CAP + 1)).heap_bytes(), INLINE_CAP + 1);
        let long = PyStr::new(&"y".repeat(100));
        let copy = long.clone();
        assert!(std::ptr::eq(long.as_ptr(), copy.as_ptr()), "clones of long text share it");
    }

    #[test]
    fn constructors_give_the_text_of_their_std_counterparts() {
        for x in samples() {
            assert_eq!(&*PyStr::new(&x), x);
            assert_eq!(&*PyStr::from(x.clone()), x);
            assert_eq!(&*PyStr::from(std::rc::Rc::<str>::from(x.as_str())), x);
            assert_eq!(&*PyStr::from_chars(x.chars().rev()), x.chars().rev().collect::<String>());
            assert_eq!(&*PyStr::ascii_case(&x, true), x.to_ascii_uppercase());
            for n in [0, 1, 2, 5] {
                assert_eq!(&*PyStr::repeat(&x, n), x.repeat(n));
            }
            for y in samples() {
                assert_eq!(&*PyStr::concat(&x, &y), format!("{x}{y}"));
                assert_eq!(&*PyStr::join(&y, &[&x, "b", &x]), [x.as_str(), "b", &x].join(&y));
            }
        }
        assert_eq!(&*PyStr::join(",", &[]), "");
        assert_eq!(&*PyStr::ascii_case("ÀbC", false), "Àbc");
        for c in ['a', 'ñ', '€', '😀'] {
            assert_eq!(&*PyStr::from_char(c), c.to_string());
        }
        for n in [0, 7, -7, 9, 10, -10, 99, 100, 1234567890, i64::MAX, i64::MIN, i64::MIN + 1] {
            assert_eq!(&*PyStr::from_int(n), n.to_string());
        }
    }

    #[test]
    fn compares_and_hashes_as_its_text() {
        use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
        let hasher = BuildHasherDefault::<DefaultHasher>::default();
        let texts = samples();
        for x in &texts {
            let px = PyStr::new(x);
            assert_eq!(hasher.hash_one(&px), hasher.hash_one(x.as_str()));
            // Python's hash: the same before and after it is cached, and in a clone.
            assert_eq!(px.hash_value(), text_hash(x.as_bytes()));
            assert_eq!(px.hash_value(), text_hash(x.as_bytes()));
            assert_eq!(px.clone().hash_value(), text_hash(x.as_bytes()));
            assert_eq!(format!("{px:?}"), format!("{x:?}"));
            for y in &texts {
                let py = PyStr::new(y);
                assert_eq!(px == py, x == y);
                assert_eq!(px.cmp(&py), x.cmp(y));
            }
        }
    }
}
