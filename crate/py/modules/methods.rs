//! Methods of the builtin types (`str`, `list`, `dict`, `set`, `tuple`, `bytes`, generators,
//! exceptions, `object`), as natives in their classes.

use super::builtins::collect;
use crate::py::unicode;
use crate::py::unicode::codecs::{self, Codec, Failure};
use crate::py::value::{Obj, ObjId, PyStr, Value};
use crate::py::vm::{Action, Args, Collected, ContKind, ExcKind, GenState, Vm};

type R = Result<Action, Value>;

fn ret(v: Value) -> R {
    Ok(Action::Return(v))
}

pub fn install(vm: &mut Vm) {
    super::builtins::install_constructors(vm);
    install_dunders(vm);
    let t = vm.types.clone();
    type M = (&'static str, crate::py::vm::NativeFn);
    let str_methods: &[M] = &[
        ("str.upper", str_upper),
        ("str.lower", str_lower),
        ("str.strip", str_strip),
        ("str.lstrip", str_lstrip),
        ("str.rstrip", str_rstrip),
        ("str.split", str_split),
        ("str.rsplit", str_rsplit),
        ("str.splitlines", str_splitlines),
        ("str.join", str_join),
        ("str.replace", str_replace),
        ("str.startswith", str_startswith),
        ("str.endswith", str_endswith),
        ("str.find", str_find),
        ("str.rfind", str_rfind),
        ("str.index", str_index),
        ("str.rindex", str_rindex),
        ("str.istitle", str_istitle),
        ("str.isidentifier", str_isidentifier),
        ("str.expandtabs", str_expandtabs),
        ("str.removeprefix", str_removeprefix),
        ("str.removesuffix", str_removesuffix),
        ("str.format_map", str_format_map),
        ("str.count", str_count),
        ("str.format", str_format),
        ("str.encode", str_encode),
        ("str.isdigit", str_isdigit),
        ("str.isnumeric", str_isnumeric),
        ("str.isdecimal", str_isdecimal),
        ("str.isprintable", str_isprintable),
        ("str.isalpha", str_isalpha),
        ("str.isalnum", str_isalnum),
        ("str.isspace", str_isspace),
        ("str.isupper", str_isupper),
        ("str.islower", str_islower),
        ("str.capitalize", str_capitalize),
        ("str.title", str_title),
        ("str.swapcase", str_swapcase),
        ("str.center", str_center),
        ("str.ljust", str_ljust),
        ("str.rjust", str_rjust),
        ("str.zfill", str_zfill),
        ("str.partition", str_partition),
        ("str.rpartition", str_rpartition),
        ("str.casefold", str_casefold),
    ];
    for &(n, f) in str_methods {
        vm.def_native(t.str_, n, f);
    }
    let list_methods: &[M] = &[
        ("list.append", list_append),
        ("list.extend", list_extend),
        ("list.pop", list_pop),
        ("list.insert", list_insert),
        ("list.remove", list_remove),
        ("list.index", seq_index),
        ("list.count", seq_count),
        ("list.sort", list_sort),
        ("list.reverse", list_reverse),
        ("list.copy", list_copy),
        ("list.clear", list_clear),
    ];
    for &(n, f) in list_methods {
        vm.def_native(t.list, n, f);
    }
    vm.def_native(t.tuple, "tuple.index", seq_index);
    vm.def_native(t.tuple, "tuple.count", seq_count);
    let dict_methods: &[M] = &[
        ("dict.get", dict_get),
        ("dict.keys", dict_keys),
        ("dict.values", dict_values),
        ("dict.items", dict_items),
        ("dict.pop", dict_pop),
        ("dict.popitem", dict_popitem),
        ("dict.setdefault", dict_setdefault),
        ("dict.update", dict_update),
        ("dict.copy", dict_copy),
        ("dict.clear", dict_clear),
    ];
    for &(n, f) in dict_methods {
        vm.def_native(t.dict, n, f);
    }
    let fk = vm.native("dict.fromkeys", dict_fromkeys);
    let fk = Value::Obj(vm.heap.alloc(Obj::ClassMethod(fk)));
    vm.set_attr_raw(t.dict, "fromkeys", fk);
    let set_methods: &[M] = &[
        ("set.add", set_add),
        ("set.remove", set_remove),
        ("set.discard", set_discard),
        ("set.pop", set_pop),
        ("set.clear", set_clear),
        ("set.update", set_update),
        ("set.union", set_union),
        ("set.intersection", set_intersection),
        ("set.difference", set_difference),
        ("set.symmetric_difference", set_symdiff),
        ("set.issubset", set_issubset),
        ("set.issuperset", set_issuperset),
        ("set.isdisjoint", set_isdisjoint),
        ("set.copy", set_copy),
    ];
    for &(n, f) in set_methods {
        vm.def_native(t.set, n, f);
    }
    for &(n, f) in &set_methods[9..] {
        vm.def_native(t.frozenset, n, f);
    }
    for &(n, f) in &set_methods[5..9] {
        vm.def_native(t.frozenset, n, f);
    }
    // The str methods work on bytes too, through `bytes_as_text` (one char per byte).
    let bytes_methods: &[M] = &[
        ("bytes.decode", bytes_decode),
        ("bytes.hex", bytes_hex),
        ("bytes.startswith", str_startswith),
        ("bytes.endswith", str_endswith),
        ("bytes.upper", str_upper),
        ("bytes.lower", str_lower),
        ("bytes.strip", str_strip),
        ("bytes.lstrip", str_lstrip),
        ("bytes.rstrip", str_rstrip),
        ("bytes.split", str_split),
        ("bytes.rsplit", str_rsplit),
        ("bytes.splitlines", str_splitlines),
        ("bytes.replace", str_replace),
        ("bytes.find", str_find),
        ("bytes.rfind", str_rfind),
        ("bytes.index", bytes_index),
        ("bytes.join", bytes_join),
        ("bytes.count", str_count),
        ("bytes.partition", str_partition),
        ("bytes.rpartition", str_rpartition),
        ("bytes.removeprefix", str_removeprefix),
        ("bytes.removesuffix", str_removesuffix),
        ("bytes.isdigit", str_isdigit),
        ("bytes.isalpha", str_isalpha),
        ("bytes.isalnum", str_isalnum),
        ("bytes.isspace", str_isspace),
        ("bytes.isupper", str_isupper),
        ("bytes.islower", str_islower),
        ("bytes.capitalize", str_capitalize),
        ("bytes.title", str_title),
        ("bytes.swapcase", str_swapcase),
        ("bytes.center", str_center),
        ("bytes.ljust", str_ljust),
        ("bytes.rjust", str_rjust),
        ("bytes.zfill", str_zfill),
        ("bytes.expandtabs", str_expandtabs),
    ];
    for &(n, f) in bytes_methods {
        vm.def_native(t.bytes, n, f);
        vm.def_native(t.bytearray, n, f);
    }
    vm.def_native(t.bytearray, "bytearray.append", bytearray_append);
    vm.def_native(t.bytearray, "bytearray.extend", bytearray_extend);
    vm.def_native(t.bytearray, "bytearray.clear", bytearray_clear);
    vm.def_native(t.bytearray, "bytearray.pop", bytearray_pop);
    vm.def_native(t.bytearray, "bytearray.insert", bytearray_insert);
    vm.def_native(t.bytearray, "bytearray.remove", bytearray_remove);
    vm.def_native(t.bytearray, "bytearray.reverse", bytearray_reverse);
    vm.def_native(t.bytearray, "bytearray.copy", bytearray_copy);
    vm.def_native(t.int, "int.bit_length", int_bit_length);
    vm.def_native(t.int, "int.to_bytes", int_to_bytes);
    vm.def_native(t.int, "int.conjugate", identity);
    let fb = vm.native("int.from_bytes", int_from_bytes);
    let fb = Value::Obj(vm.heap.alloc(Obj::ClassMethod(fb)));
    vm.set_attr_raw(t.int, "from_bytes", fb);
    vm.def_native(t.float, "float.as_integer_ratio", float_as_integer_ratio);
    vm.def_native(t.float, "float.conjugate", identity);
    let fh = vm.native("bytes.fromhex", bytes_fromhex);
    let fh = Value::Obj(vm.heap.alloc(Obj::ClassMethod(fh)));
    vm.set_attr_raw(t.bytes, "fromhex", fh);
    vm.set_attr_raw(t.bytearray, "fromhex", fh);
    vm.def_native(t.range, "range.index", seq_index);
    vm.def_native(t.range, "range.count", seq_count);
    vm.def_native(t.slice, "slice.indices", slice_indices);
    vm.def_native(t.set, "set.intersection_update", set_intersection_update);
    vm.def_native(t.set, "set.difference_update", set_difference_update);
    vm.def_native(t.set, "set.symmetric_difference_update", set_symdiff_update);
    vm.def_native(t.float, "float.is_integer", float_is_integer);
    vm.def_native(t.float, "float.hex", float_hex);
    let fh = vm.native("float.fromhex", float_fromhex);
    let fh = Value::Obj(vm.heap.alloc(Obj::ClassMethod(fh)));
    vm.set_attr_raw(t.float, "fromhex", fh);
    let gen: &[M] = &[
        ("generator.send", gen_send),
        ("generator.throw", gen_throw),
        ("generator.close", gen_close),
        ("generator.__next__", gen_next),
        ("generator.__iter__", identity),
    ];
    for &(n, f) in gen {
        vm.def_native(t.generator, n, f);
    }
    vm.def_native(t.iterator, "iterator.__next__", gen_next);
    vm.def_native(t.iterator, "iterator.__iter__", identity);
    vm.def_native(t.object, "object.__init__", object_init);
    vm.def_native(t.object, "object.__eq__", object_eq);
    vm.def_native(t.object, "object.__ne__", object_ne);
    vm.def_native(t.object, "object.__hash__", object_hash);
    vm.def_native(t.object, "object.__str__", object_str);
    vm.def_native(t.object, "object.__repr__", object_repr);
    vm.def_native(t.object, "object.__setattr__", object_setattr);
    vm.def_native(t.object, "object.__delattr__", object_delattr);
    let base = vm.exc_class(ExcKind::BaseException);
    vm.def_native(base, "BaseException.__init__", exc_init);
    vm.def_native(base, "BaseException.with_traceback", identity);
    for k in [ExcKind::UnicodeDecodeError, ExcKind::UnicodeEncodeError] {
        let cls = vm.exc_class(k);
        vm.def_native(cls, "UnicodeError.__init__", unicode_error_init);
    }
    let os = vm.exc_class(ExcKind::OSError);
    vm.def_native(os, "OSError.__init__", oserror_init);
    let p = t.property;
    vm.def_native(p, "property.setter", property_setter);
    vm.def_native(p, "property.getter", property_getter);
    vm.def_native(p, "property.deleter", property_deleter);
}

// ---- helpers ----

fn this_str(vm: &Vm, a: &Args) -> PyStr {
    match a.get(0) {
        Some(Value::Obj(id)) => match vm.heap.get(id) {
            Obj::Str(s) => s.clone(),
            Obj::Bytes(b) | Obj::ByteArray(b) => PyStr::from(bytes_as_text(b)),
            _ => PyStr::new(""),
        },
        _ => PyStr::new(""),
    }
}

/// Where bytes 0x80..=0xFF live while a str method works on bytes: private-use characters, which no
/// Unicode predicate or case mapping touches, as bytes methods treat every non-ASCII byte.
const HIGH_BYTE_BASE: u32 = 0xF700;

/// Bytes as text for the shared str/bytes methods: one char per byte (so positions agree), ASCII as is.
fn bytes_as_text(b: &[u8]) -> String {
    b.iter()
        .map(|&x| {
            if x.is_ascii() {
                x as char
            } else {
                char::from_u32(HIGH_BYTE_BASE + x as u32).expect("a private-use character")
            }
        })
        .collect()
}

/// The inverse of [`bytes_as_text`].
fn text_as_bytes(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        match c as u32 {
            n if n < 0x80 => out.push(n as u8),
            n if (HIGH_BYTE_BASE + 0x80..=HIGH_BYTE_BASE + 0xFF).contains(&n) => {
                out.push((n - HIGH_BYTE_BASE) as u8)
            }
            _ => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
        }
    }
    out
}

fn is_bytes(vm: &Vm, a: &Args) -> bool {
    matches!(a.get(0), Some(Value::Obj(id)) if matches!(vm.heap.get(id), Obj::Bytes(_) | Obj::ByteArray(_)))
}

fn bytes_of(vm: &Vm, v: Value) -> Option<Vec<u8>> {
    match v {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Bytes(b) | Obj::ByteArray(b) => Some(b.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// A text result of the receiver's type: `str`, `bytes` or `bytearray`.
fn text(vm: &mut Vm, a: &Args, s: &str) -> Value {
    match a.get(0) {
        Some(Value::Obj(id)) => match vm.heap.get(id) {
            Obj::Bytes(_) => Value::Obj(vm.heap.alloc(Obj::Bytes(text_as_bytes(s)))),
            Obj::ByteArray(_) => Value::Obj(vm.heap.alloc(Obj::ByteArray(text_as_bytes(s)))),
            _ => vm.new_str(s),
        },
        _ => vm.new_str(s),
    }
}

/// A str (or bytes, for bytes methods) argument as text.
fn str_arg(vm: &mut Vm, a: &Args, i: usize, what: &str) -> Result<Option<String>, Value> {
    match a.get(i) {
        None | Some(Value::None) => Ok(None),
        Some(v) => {
            if let Some(s) = vm.str_of(v) {
                return Ok(Some(s.to_string()));
            }
            if let Some(b) = bytes_of(vm, v) {
                return Ok(Some(bytes_as_text(&b)));
            }
            Err(vm.type_error(format!("{what} arg must be None or str, not {}", vm.type_name(v))))
        }
    }
}

fn list_id(vm: &mut Vm, a: &Args) -> Result<ObjId, Value> {
    match a.get(0) {
        Some(Value::Obj(id)) if matches!(vm.heap.get(id), Obj::List(_)) => Ok(id),
        _ => Err(vm.type_error("descriptor requires a 'list' object")),
    }
}

fn obj_id(a: &Args) -> ObjId {
    match a.get(0) {
        Some(Value::Obj(id)) => id,
        _ => ObjId(0),
    }
}

// ---- str ----

fn str_upper(vm: &mut Vm, a: Args) -> R {
    change_case(vm, &a, true)
}

fn str_lower(vm: &mut Vm, a: Args) -> R {
    change_case(vm, &a, false)
}

/// `upper()` / `lower()`. ASCII str text maps byte for byte straight into the new str, without
/// Unicode's case tables or an intermediate `String`.
fn change_case(vm: &mut Vm, a: &Args, upper: bool) -> R {
    if let Some(Value::Obj(id)) = a.get(0) {
        if let Obj::Str(s) = vm.heap.get(id) {
            if s.is_ascii() {
                let s = PyStr::ascii_case(s, upper);
                return ret(Value::Obj(vm.heap.alloc(Obj::Str(s))));
            }
        }
    }
    let s = this_str(vm, a);
    let s = match (s.is_ascii(), upper) {
        (true, true) => s.to_ascii_uppercase(),
        (true, false) => s.to_ascii_lowercase(),
        (false, true) => s.to_uppercase(),
        (false, false) => s.to_lowercase(),
    };
    ret(text(vm, a, &s))
}

/// Lowercase plus the full case folds of the letters lessons meet (`ß` → `ss`); other special
/// folds of Unicode's table are not applied.
fn str_casefold(vm: &mut Vm, a: Args) -> R {
    let s = this_str(vm, &a).to_lowercase().replace('ß', "ss").replace('ς', "σ");
    ret(text(vm, &a, &s))
}

/// The whitespace of argument-less strip/split: CPython's `isspace` for str, C's for bytes.
fn whitespace_of(vm: &Vm, a: &Args) -> fn(char) -> bool {
    if is_bytes(vm, a) {
        |c| c.is_ascii_whitespace() || c == '\x0b'
    } else {
        unicode::is_space
    }
}

fn strip_with(vm: &mut Vm, a: &Args, left: bool, right: bool) -> R {
    let s = this_str(vm, a);
    let space = whitespace_of(vm, a);
    let chars = str_arg(vm, a, 1, "strip")?;
    let pred = |c: char| match &chars {
        Some(cs) => cs.contains(c),
        None => space(c),
    };
    let mut out: &str = &s;
    if left {
        out = out.trim_start_matches(pred);
    }
    if right {
        out = out.trim_end_matches(pred);
    }
    let o = out.to_string();
    ret(text(vm, a, &o))
}

fn str_strip(vm: &mut Vm, a: Args) -> R {
    strip_with(vm, &a, true, true)
}

fn str_lstrip(vm: &mut Vm, a: Args) -> R {
    strip_with(vm, &a, true, false)
}

fn str_rstrip(vm: &mut Vm, a: Args) -> R {
    strip_with(vm, &a, false, true)
}

fn split_impl(vm: &mut Vm, a: &Args, from_right: bool) -> R {
    let s = this_str(vm, a);
    let space = whitespace_of(vm, a);
    let sep = match a.arg(vm, 1, "sep") {
        Some(Value::None) | None => None,
        Some(v) => {
            match vm.str_of(v).map(|x| x.to_string()).or_else(|| bytes_of(vm, v).map(|b| bytes_as_text(&b))) {
                Some(x) => Some(x),
                None => return Err(vm.type_error(format!("must be str or None, not {}", vm.type_name(v)))),
            }
        }
    };
    let maxsplit = a.arg(vm, 2, "maxsplit").and_then(|v| vm.small_int(v)).unwrap_or(-1);
    // Every part is a slice of `s`: one allocation per part, for its str object.
    let mut parts: Vec<&str> = match &sep {
        Some(sep) if sep.is_empty() => return Err(vm.value_error("empty separator")),
        Some(sep) => {
            let mut sep_chars = sep.chars();
            if maxsplit < 0 {
                // A one-char separator needs no substring search; an ASCII one is a plain byte scan.
                match (sep_chars.next(), sep_chars.next()) {
                    (Some(c), None) if c.is_ascii() => split_on_ascii(&s, c as u8),
                    (Some(c), None) => s.split(c).collect(),
                    _ => s.split(sep.as_str()).collect(),
                }
            } else if from_right {
                let mut v: Vec<&str> = s.rsplitn(maxsplit as usize + 1, sep.as_str()).collect();
                v.reverse();
                v
            } else {
                s.splitn(maxsplit as usize + 1, sep.as_str()).collect()
            }
        }
        None => {
            let words: Vec<&str> = s.split(space).filter(|w| !w.is_empty()).collect();
            if maxsplit < 0 || words.len() <= maxsplit as usize {
                words
            } else if !from_right {
                // Keep the rest of the string (from the (maxsplit+1)-th word on) as the last part.
                let mut out = Vec::new();
                let mut rest: &str = s.trim_start_matches(space);
                for _ in 0..maxsplit {
                    let end = rest.find(space).unwrap_or(rest.len());
                    out.push(&rest[..end]);
                    rest = rest[end..].trim_start_matches(space);
                }
                out.push(rest);
                out
            } else {
                let mut out = Vec::new();
                let mut rest: &str = s.trim_end_matches(space);
                for _ in 0..maxsplit {
                    let start = rest
                        .rfind(space)
                        .map(|p| p + rest[p..].chars().next().map_or(1, char::len_utf8))
                        .unwrap_or(0);
                    out.push(&rest[start..]);
                    rest = rest[..start].trim_end_matches(space);
                }
                out.push(rest);
                out.reverse();
                out
            }
        }
    };
    if sep.is_none() {
        parts.retain(|p| !p.is_empty());
    }
    let items = if is_bytes(vm, a) {
        parts.iter().map(|p| text(vm, a, p)).collect()
    } else {
        parts.iter().map(|p| vm.new_str(p)).collect()
    };
    ret(vm.new_list(items))
}

/// `s` cut at every `sep` byte. An ASCII byte never occurs inside a multi-byte character, so every
/// cut falls on a character boundary; a byte loop beats `str::split`'s searcher on short parts.
fn split_on_ascii(s: &str, sep: u8) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if b == sep {
            parts.push(&s[start..i]);
            start = i + 1;
        }
    }
    parts.push(&s[start..]);
    parts
}

fn str_split(vm: &mut Vm, a: Args) -> R {
    split_impl(vm, &a, false)
}

fn str_rsplit(vm: &mut Vm, a: Args) -> R {
    split_impl(vm, &a, true)
}

fn str_splitlines(vm: &mut Vm, a: Args) -> R {
    let s = this_str(vm, &a);
    let keep =
        a.arg(vm, 1, "keepends").map(|v| vm.truthy(v).ok().flatten().unwrap_or(false)).unwrap_or(false);
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = s.chars().collect();
    // str breaks lines at every Unicode line boundary; bytes only at \n and \r.
    let bytes = is_bytes(vm, &a);
    let boundary = |c: char| {
        matches!(c, '\n' | '\r')
            || !bytes && matches!(c, '\x0b' | '\x0c' | '\x1c'..='\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}')
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if boundary(c) {
            let mut end = c.to_string();
            if c == '\r' && chars.get(i + 1) == Some(&'\n') {
                end.push('\n');
                i += 1;
            }
            if keep {
                cur.push_str(&end);
            }
            out.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
        i += 1;
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    let items = out.iter().map(|p| text(vm, &a, p)).collect();
    ret(vm.new_list(items))
}

fn str_join(vm: &mut Vm, a: Args) -> R {
    let sep = obj_id(&a);
    let it = a.get(1).unwrap_or(Value::None);
    if is_bytes(vm, &a) {
        return bytes_join(vm, a);
    }
    collect(vm, it, Collected::Join(sep))
}

fn str_replace(vm: &mut Vm, a: Args) -> R {
    let s = this_str(vm, &a);
    for k in 1..=2 {
        let v = a.get(k).unwrap_or(Value::None);
        if !is_bytes(vm, &a) && vm.str_of(v).is_none() {
            let t = vm.type_name(v);
            return Err(vm.type_error(format!("replace() argument {k} must be str, not {t}")));
        }
    }
    let old = str_arg(vm, &a, 1, "replace")?.unwrap_or_default();
    let new = str_arg(vm, &a, 2, "replace")?.unwrap_or_default();
    let count = a.get(3).and_then(|v| vm.small_int(v)).unwrap_or(-1);
    let out = if count < 0 { s.replace(&old, &new) } else { s.replacen(&old, &new, count as usize) };
    ret(text(vm, &a, &out))
}

fn prefixes(vm: &mut Vm, v: Value) -> Result<Vec<String>, Value> {
    if let Some(s) = vm.str_of(v) {
        return Ok(vec![s.to_string()]);
    }
    if let Some(b) = bytes_of(vm, v) {
        return Ok(vec![bytes_as_text(&b)]);
    }
    match vm.seq_items(v) {
        Some(items) => items.into_iter().map(|i| prefixes(vm, i).map(|mut p| p.remove(0))).collect(),
        None => Err(vm.type_error(format!(
            "startswith first arg must be str or a tuple of str, not {}",
            vm.type_name(v)
        ))),
    }
}

/// The characters of `s[start:end]` (Python's clamped indices) and the offset of its start.
/// The `[start:end]` window of `find`, `count`, `startswith`… and where it starts; None when start
/// lies past the end (CPython finds nothing there, not even an empty string).
fn window(vm: &Vm, a: &Args, s: &str, at: usize) -> Option<(String, usize)> {
    let chars: Vec<char> = s.chars().collect();
    let n = chars.len() as i64;
    let norm = |v: Option<Value>, def: i64| -> i64 {
        match v.and_then(|v| vm.small_int(v)) {
            Some(i) if i < 0 => (i + n).max(0),
            Some(i) => i,
            None => def,
        }
    };
    let start = norm(a.get(at), 0);
    let end = norm(a.get(at + 1), n).min(n);
    if start > end {
        return None;
    }
    Some((chars[start as usize..end as usize].iter().collect(), start as usize))
}

fn str_startswith(vm: &mut Vm, a: Args) -> R {
    let s = this_str(vm, &a);
    let p = prefixes(vm, a.get(1).unwrap_or(Value::None))?;
    let Some((w, _)) = window(vm, &a, &s, 2) else { return ret(Value::Bool(false)) };
    ret(Value::Bool(p.iter().any(|x| w.starts_with(x.as_str()))))
}

fn str_endswith(vm: &mut Vm, a: Args) -> R {
    let s = this_str(vm, &a);
    let p = prefixes(vm, a.get(1).unwrap_or(Value::None))?;
    let Some((w, _)) = window(vm, &a, &s, 2) else { return ret(Value::Bool(false)) };
    ret(Value::Bool(p.iter().any(|x| w.ends_with(x.as_str()))))
}

/// Character index of a byte offset.
fn char_index(s: &str, byte: usize) -> i64 {
    s[..byte].chars().count() as i64
}

/// The needle of `find`/`index`/`count`: for bytes, an int is one byte.
fn needle(vm: &mut Vm, a: &Args, what: &str) -> Result<String, Value> {
    match a.get(1) {
        Some(v) if is_bytes(vm, a) && vm.is_int(v) => Ok(bytes_as_text(&[byte_arg(vm, v)?])),
        _ => Ok(str_arg(vm, a, 1, what)?.unwrap_or_default()),
    }
}

fn find_impl(vm: &mut Vm, a: &Args, right: bool) -> Result<i64, Value> {
    let s = this_str(vm, a);
    let sub = needle(vm, a, "find")?;
    let Some((w, off)) = window(vm, a, &s, 2) else { return Ok(-1) };
    let found = if right { w.rfind(&sub) } else { w.find(&sub) };
    Ok(found.map(|b| char_index(&w, b) + off as i64).unwrap_or(-1))
}

fn str_find(vm: &mut Vm, a: Args) -> R {
    ret(Value::Int(find_impl(vm, &a, false)?))
}

fn str_rfind(vm: &mut Vm, a: Args) -> R {
    ret(Value::Int(find_impl(vm, &a, true)?))
}

fn str_index(vm: &mut Vm, a: Args) -> R {
    match find_impl(vm, &a, false)? {
        -1 => Err(vm.value_error("substring not found")),
        i => ret(Value::Int(i)),
    }
}

fn bytes_index(vm: &mut Vm, a: Args) -> R {
    match find_impl(vm, &a, false)? {
        -1 => Err(vm.value_error("subsection not found")),
        i => ret(Value::Int(i)),
    }
}

fn str_rindex(vm: &mut Vm, a: Args) -> R {
    match find_impl(vm, &a, true)? {
        -1 => Err(vm.value_error("substring not found")),
        i => ret(Value::Int(i)),
    }
}

fn str_count(vm: &mut Vm, a: Args) -> R {
    let s = this_str(vm, &a);
    let sub = needle(vm, &a, "count")?;
    let Some((w, _)) = window(vm, &a, &s, 2) else { return ret(Value::Int(0)) };
    let n = if sub.is_empty() { w.chars().count() + 1 } else { w.matches(&sub).count() };
    ret(Value::Int(n as i64))
}

fn str_istitle(vm: &mut Vm, a: Args) -> R {
    let s = this_str(vm, &a);
    let (mut prev_cased, mut any) = (false, false);
    for c in s.chars() {
        if c.is_uppercase() || unicode::is_titlecase(c) {
            if prev_cased {
                return ret(Value::Bool(false));
            }
            prev_cased = true;
            any = true;
        } else if c.is_lowercase() {
            if !prev_cased {
                return ret(Value::Bool(false));
            }
            prev_cased = true;
            any = true;
        } else {
            prev_cased = false;
        }
    }
    ret(Value::Bool(any))
}

fn str_isidentifier(vm: &mut Vm, a: Args) -> R {
    let s = this_str(vm, &a);
    let mut cs = s.chars();
    let ok = match cs.next() {
        Some(c) => (c.is_alphabetic() || c == '_') && cs.all(|c| c.is_alphanumeric() || c == '_'),
        None => false,
    };
    ret(Value::Bool(ok))
}

fn str_expandtabs(vm: &mut Vm, a: Args) -> R {
    let s = this_str(vm, &a);
    let size = a.arg(vm, 1, "tabsize").and_then(|v| vm.small_int(v)).unwrap_or(8).max(0) as usize;
    let mut out = String::new();
    let mut col = 0;
    for c in s.chars() {
        match c {
            '\t' => {
                if size > 0 {
                    let n = size - col % size;
                    out.push_str(&" ".repeat(n));
                    col += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            c => {
                out.push(c);
                col += 1;
            }
        }
    }
    ret(text(vm, &a, &out))
}

fn str_removeprefix(vm: &mut Vm, a: Args) -> R {
    let s = this_str(vm, &a);
    let p = str_arg(vm, &a, 1, "removeprefix")?.unwrap_or_default();
    let out = s.strip_prefix(p.as_str()).unwrap_or(&s).to_string();
    ret(text(vm, &a, &out))
}

fn str_removesuffix(vm: &mut Vm, a: Args) -> R {
    let s = this_str(vm, &a);
    let p = str_arg(vm, &a, 1, "removesuffix")?.unwrap_or_default();
    let out = if p.is_empty() { s.to_string() } else { s.strip_suffix(p.as_str()).unwrap_or(&s).to_string() };
    ret(text(vm, &a, &out))
}

fn str_format_map(vm: &mut Vm, a: Args) -> R {
    let fmt = this_str(vm, &a).to_string();
    let mut kw = Vec::new();
    if let Some(Value::Obj(d)) = a.get(1) {
        let entries: Vec<(Value, Value)> = match vm.heap.get(d) {
            Obj::Dict(d) => d.iter().map(|e| (e.key, e.value)).collect(),
            _ => vec![],
        };
        for (k, v) in entries {
            if let Some(name) = vm.str_of(k).map(|s| s.to_string()) {
                kw.push((vm.names.intern(&name), v));
            }
        }
    }
    let pieces = vm.parse_format(&fmt, &Args::with_kw(&[], kw));
    Ok(Action::WithStrings(Box::new(crate::py::vm::format::AfterStrings::Format {
        pieces,
        formatted: vec![],
    })))
}

fn str_format(vm: &mut Vm, mut a: Args) -> R {
    a.need(vm, 1, "str.format()")?;
    let fmt = this_str(vm, &a).to_string();
    a.pos.remove(0);
    let pieces = vm.parse_format(&fmt, &a);
    Ok(Action::WithStrings(Box::new(crate::py::vm::format::AfterStrings::Format {
        pieces,
        formatted: vec![],
    })))
}

fn str_encode(vm: &mut Vm, a: Args) -> R {
    let (codec, errors) = codec_args(vm, &a, 1, "encode")?;
    let b = encode_value(vm, a.get(0).unwrap_or(Value::None), codec, &errors)?;
    ret(Value::Obj(vm.heap.alloc(Obj::Bytes(b))))
}

fn pred(vm: &mut Vm, a: &Args, f: impl Fn(char) -> bool) -> R {
    let s = this_str(vm, a);
    ret(Value::Bool(!s.is_empty() && s.chars().all(f)))
}

fn str_isdecimal(vm: &mut Vm, a: Args) -> R {
    pred(vm, &a, unicode::is_decimal)
}

fn str_isdigit(vm: &mut Vm, a: Args) -> R {
    pred(vm, &a, unicode::is_digit)
}

fn str_isnumeric(vm: &mut Vm, a: Args) -> R {
    pred(vm, &a, unicode::is_numeric)
}

fn str_isalpha(vm: &mut Vm, a: Args) -> R {
    pred(vm, &a, unicode::is_alpha)
}

fn str_isalnum(vm: &mut Vm, a: Args) -> R {
    pred(vm, &a, |c| unicode::is_alpha(c) || unicode::is_numeric(c))
}

fn str_isspace(vm: &mut Vm, a: Args) -> R {
    pred(vm, &a, unicode::is_space)
}

/// `str.isprintable` is true for the empty string too.
fn str_isprintable(vm: &mut Vm, a: Args) -> R {
    let s = this_str(vm, &a);
    ret(Value::Bool(s.chars().all(unicode::is_printable)))
}

fn str_isupper(vm: &mut Vm, a: Args) -> R {
    let s = this_str(vm, &a);
    ret(Value::Bool(s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase)))
}

fn str_islower(vm: &mut Vm, a: Args) -> R {
    let s = this_str(vm, &a);
    ret(Value::Bool(s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase)))
}

fn str_capitalize(vm: &mut Vm, a: Args) -> R {
    let s = this_str(vm, &a);
    let mut cs = s.chars();
    let mut out = String::new();
    if let Some(c) = cs.next() {
        unicode::push_title(&mut out, c);
        out.push_str(&cs.as_str().to_lowercase());
    }
    ret(text(vm, &a, &out))
}

fn str_title(vm: &mut Vm, a: Args) -> R {
    let s = this_str(vm, &a);
    let mut out = String::new();
    // CPython: a character after a cased one is lowered, any other gets its titlecase.
    let mut prev_cased = false;
    for c in s.chars() {
        if prev_cased {
            out.extend(c.to_lowercase());
        } else {
            unicode::push_title(&mut out, c);
        }
        prev_cased = unicode::is_cased(c);
    }
    ret(text(vm, &a, &out))
}

fn str_swapcase(vm: &mut Vm, a: Args) -> R {
    let s = this_str(vm, &a);
    let out: String = s
        .chars()
        .flat_map(|c| {
            if c.is_uppercase() {
                c.to_lowercase().collect::<Vec<_>>()
            } else if c.is_lowercase() {
                c.to_uppercase().collect()
            } else {
                vec![c]
            }
        })
        .collect();
    ret(text(vm, &a, &out))
}

fn justify(vm: &mut Vm, a: &Args, how: char) -> R {
    let s = this_str(vm, a);
    let w = a.get(1).and_then(|v| vm.small_int(v)).unwrap_or(0).max(0) as usize;
    let fill = match str_arg(vm, a, 2, "fillchar")? {
        None => ' ',
        Some(f) if f.chars().count() == 1 => f.chars().next().expect("one char"),
        Some(_) => return Err(vm.type_error("The fill character must be exactly one character long")),
    };
    let n = s.chars().count();
    if n >= w {
        return ret(text(vm, a, &s));
    }
    let pad = w - n;
    let f = |k: usize| fill.to_string().repeat(k);
    let out = match how {
        '<' => format!("{s}{}", f(pad)),
        '>' => format!("{}{s}", f(pad)),
        _ => {
            // CPython's center puts the extra fill on the right when the width's parity says so.
            let left = pad / 2 + (pad & w & 1);
            format!("{}{s}{}", f(left), f(pad - left))
        }
    };
    ret(text(vm, a, &out))
}

fn str_center(vm: &mut Vm, a: Args) -> R {
    justify(vm, &a, '^')
}

fn str_ljust(vm: &mut Vm, a: Args) -> R {
    justify(vm, &a, '<')
}

fn str_rjust(vm: &mut Vm, a: Args) -> R {
    justify(vm, &a, '>')
}

fn str_zfill(vm: &mut Vm, a: Args) -> R {
    let s = this_str(vm, &a);
    if let Some(v) = a.get(1).filter(|&v| !vm.is_int(v)) {
        let t = vm.type_name(v);
        return Err(vm.type_error(format!("'{t}' object cannot be interpreted as an integer")));
    }
    let w = a.get(1).and_then(|v| vm.small_int(v)).unwrap_or(0).max(0) as usize;
    let n = s.chars().count();
    if n >= w {
        return ret(text(vm, &a, &s));
    }
    let (sign, rest) = match s.chars().next() {
        Some(c @ ('+' | '-')) => (c.to_string(), &s[1..]),
        _ => (String::new(), &s[..]),
    };
    let out = format!("{sign}{}{rest}", "0".repeat(w - n));
    ret(text(vm, &a, &out))
}

fn partition(vm: &mut Vm, a: Args, right: bool) -> R {
    let s = this_str(vm, &a);
    let sep = str_arg(vm, &a, 1, "partition")?.unwrap_or_default();
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let found = if right { s.rfind(&sep) } else { s.find(&sep) };
    let (x, y, z) = match found {
        Some(p) => (s[..p].to_string(), sep.clone(), s[p + sep.len()..].to_string()),
        None if right => (String::new(), String::new(), s.to_string()),
        None => (s.to_string(), String::new(), String::new()),
    };
    let items = vec![text(vm, &a, &x), text(vm, &a, &y), text(vm, &a, &z)];
    ret(vm.new_tuple(items))
}

fn str_partition(vm: &mut Vm, a: Args) -> R {
    partition(vm, a, false)
}

fn str_rpartition(vm: &mut Vm, a: Args) -> R {
    partition(vm, a, true)
}

// ---- bytes ----

/// The codec and error handler named by args `enc_at` and `enc_at + 1` (or `encoding=`/`errors=`).
fn codec_args(vm: &mut Vm, a: &Args, enc_at: usize, what: &str) -> Result<(Codec, String), Value> {
    let mut names = [("encoding", "utf-8"), ("errors", "strict")].map(|(n, d)| (n, d.to_string()));
    for (k, (name, val)) in names.iter_mut().enumerate() {
        if let Some(v) = a.arg(vm, enc_at + k, name) {
            match vm.str_of(v) {
                Some(s) => *val = s.to_string(),
                None => {
                    let t = vm.type_name(v);
                    return Err(vm.type_error(format!("{what}() argument '{name}' must be str, not {t}")));
                }
            }
        }
    }
    let [(_, encoding), (_, errors)] = names;
    match Codec::lookup(&encoding) {
        Some(c) => Ok((c, errors)),
        None => Err(vm.exc(ExcKind::LookupError, format!("unknown encoding: {encoding}"))),
    }
}

/// Decodes `obj` (bytes or bytearray) as `bytes.decode`, `str(b, encoding)` do.
pub(crate) fn decode_value(vm: &mut Vm, obj: Value, codec: Codec, errors: &str) -> R {
    let b = bytes_of(vm, obj).unwrap_or_default();
    match codecs::decode(codec, &b, errors) {
        Ok(s) => ret(vm.new_str(&s)),
        Err(Failure::Error(e)) => Err(vm.unicode_error(ExcKind::UnicodeDecodeError, codec.name(), obj, &e)),
        Err(Failure::UnknownHandler) => {
            Err(vm.exc(ExcKind::LookupError, format!("unknown error handler name '{errors}'")))
        }
    }
}

/// Encodes `obj` (a str) as `str.encode`, `bytes(s, encoding)` do.
pub(crate) fn encode_value(vm: &mut Vm, obj: Value, codec: Codec, errors: &str) -> Result<Vec<u8>, Value> {
    let s = vm.str_of(obj).unwrap_or("").to_string();
    match codecs::encode(codec, &s, errors) {
        Ok(b) => Ok(b),
        Err(Failure::Error(e)) => Err(vm.unicode_error(ExcKind::UnicodeEncodeError, codec.name(), obj, &e)),
        Err(Failure::UnknownHandler) => {
            Err(vm.exc(ExcKind::LookupError, format!("unknown error handler name '{errors}'")))
        }
    }
}

/// `str(b, encoding, errors)` and `bytes(s, encoding, errors)`: the codec args after the object.
pub(crate) fn constructor_codec(vm: &mut Vm, a: &Args, what: &str) -> Result<(Codec, String), Value> {
    codec_args(vm, a, 2, what)
}

fn bytes_decode(vm: &mut Vm, a: Args) -> R {
    let (codec, errors) = codec_args(vm, &a, 1, "decode")?;
    decode_value(vm, a.get(0).unwrap_or(Value::None), codec, &errors)
}

fn bytes_hex(vm: &mut Vm, a: Args) -> R {
    let b = bytes_of(vm, a.get(0).unwrap_or(Value::None)).unwrap_or_default();
    let s: String = b.iter().map(|x| format!("{x:02x}")).collect();
    ret(vm.new_str(&s))
}

fn bytes_join(vm: &mut Vm, a: Args) -> R {
    let sep = bytes_of(vm, a.get(0).unwrap_or(Value::None)).unwrap_or_default();
    let items = vm.seq_items(a.get(1).unwrap_or(Value::None)).unwrap_or_default();
    let mut out = Vec::new();
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        match bytes_of(vm, *it) {
            Some(b) => out.extend(b),
            None => {
                return Err(vm.type_error(format!(
                    "sequence item {i}: expected a bytes-like object, {} found",
                    vm.type_name(*it)
                )))
            }
        }
    }
    ret(text(vm, &a, &bytes_as_text(&out)))
}

fn bytearray_append(vm: &mut Vm, a: Args) -> R {
    let id = obj_id(&a);
    a.need(vm, 2, "append")?;
    let x = byte_arg(vm, a.get(1).unwrap_or(Value::None))?;
    bytearray_mut(vm, id).push(x);
    ret(Value::None)
}

/// `ba.extend(x)`: bytes-like, or an iterable of ints in range(256).
fn bytearray_extend(vm: &mut Vm, a: Args) -> R {
    a.need(vm, 2, "extend")?;
    let id = obj_id(&a);
    let x = a.get(1).unwrap_or(Value::None);
    let more = match bytes_of(vm, x) {
        Some(b) => b,
        None => match vm.seq_items(x) {
            Some(items) => items.into_iter().map(|i| byte_arg(vm, i)).collect::<Result<Vec<u8>, Value>>()?,
            None if vm.str_of(x).is_some() => {
                return Err(vm.type_error("'str' object cannot be interpreted as an integer"))
            }
            None if vm.is_int(x) || vm.as_f64(x).is_some() || x == Value::None => {
                let t = vm.type_name(x);
                return Err(vm.type_error(format!("can't extend bytearray with {t}")));
            }
            // Any other iterable: `bytes(x)` collects it, then the bytes are appended.
            None => {
                return Ok(Action::CallThen {
                    func: Value::Obj(vm.types.bytes),
                    args: Args::one(x),
                    cont: ContKind::Native {
                        f: crate::py::vm::ContFnPtr(bytearray_extend_collected),
                        data: a.pos[0],
                    },
                })
            }
        },
    };
    bytearray_mut(vm, id).extend(more);
    ret(Value::None)
}

fn bytearray_extend_collected(vm: &mut Vm, r: crate::py::vm::Resume, ba: Value) -> R {
    let collected = match r {
        crate::py::vm::Resume::Value(v) => v,
        crate::py::vm::Resume::Error(e) => return Err(e),
        _ => return ret(Value::None),
    };
    let more = bytes_of(vm, collected).unwrap_or_default();
    let Value::Obj(id) = ba else { unreachable!("extend is bound to a bytearray") };
    bytearray_mut(vm, id).extend(more);
    ret(Value::None)
}

/// A bytearray item argument: an int in range(256), CPython's errors otherwise.
fn byte_arg(vm: &mut Vm, v: Value) -> Result<u8, Value> {
    if !vm.is_int(v) {
        let t = vm.type_name(v);
        return Err(vm.type_error(format!("'{t}' object cannot be interpreted as an integer")));
    }
    match vm.small_int(v) {
        Some(n) if (0..256).contains(&n) => Ok(n as u8),
        _ => Err(vm.value_error("byte must be in range(0, 256)")),
    }
}

/// `ba[k] = v`: an item takes an int in range(256); a slice takes bytes-like or an iterable of such ints
/// (a plain slice may change the length; an extended one must match it).
pub(crate) fn bytearray_assign(vm: &mut Vm, id: ObjId, k: Value, v: Value) -> Result<(), Value> {
    let len = bytearray_mut(vm, id).len();
    if !matches!(k, Value::Obj(kid) if matches!(vm.heap.get(kid), Obj::Slice { .. })) {
        let x = byte_arg(vm, v)?;
        let i = vm.index_of(k, len, "bytearray")?;
        bytearray_mut(vm, id)[i] = x;
        return Ok(());
    }
    let new = match bytes_of(vm, v) {
        Some(b) => b,
        None => match vm.seq_items(v) {
            Some(items) if vm.str_of(v).is_none() => {
                items.into_iter().map(|x| byte_arg(vm, x)).collect::<Result<Vec<u8>, Value>>()?
            }
            _ => {
                return Err(
                    vm.type_error("can assign only bytes, buffers, or iterables of ints in range(0, 256)")
                )
            }
        },
    };
    let idx = vm.slice_indices(k, len)?;
    let (first, _, step) = vm.slice_bounds(k, len)?;
    if step == 1 {
        let a = first.clamp(0, len as i64) as usize;
        let b = idx.last().map(|&l| l + 1).unwrap_or(a).max(a);
        bytearray_mut(vm, id).splice(a..b, new);
        return Ok(());
    }
    if new.len() != idx.len() {
        return Err(vm.value_error(format!(
            "attempt to assign bytes of size {} to extended slice of size {}",
            new.len(),
            idx.len()
        )));
    }
    let b = bytearray_mut(vm, id);
    for (i, x) in idx.into_iter().zip(new) {
        b[i] = x;
    }
    Ok(())
}

fn bytearray_mut(vm: &mut Vm, id: ObjId) -> &mut Vec<u8> {
    match vm.heap.get_mut(id) {
        Obj::ByteArray(b) => b,
        _ => unreachable!("bytearray methods are bound to bytearrays"),
    }
}

fn bytearray_pop(vm: &mut Vm, a: Args) -> R {
    let id = obj_id(&a);
    let len = bytearray_mut(vm, id).len() as i64;
    if len == 0 {
        return Err(vm.exc(ExcKind::IndexError, "pop from empty bytearray"));
    }
    let i = match a.get(1) {
        Some(v) => vm.small_int(v).unwrap_or(i64::MAX),
        None => -1,
    };
    let at = if i < 0 { i + len } else { i };
    if !(0..len).contains(&at) {
        return Err(vm.exc(ExcKind::IndexError, "pop index out of range"));
    }
    ret(Value::Int(bytearray_mut(vm, id).remove(at as usize) as i64))
}

fn bytearray_insert(vm: &mut Vm, a: Args) -> R {
    a.need(vm, 3, "insert")?;
    let id = obj_id(&a);
    let i = vm.small_int(a.get(1).unwrap_or(Value::None)).unwrap_or(0);
    let x = byte_arg(vm, a.get(2).unwrap_or(Value::None))?;
    let b = bytearray_mut(vm, id);
    let len = b.len() as i64;
    // list.insert's clamping: a negative index counts from the end, beyond either end means that end.
    let at = if i < 0 { (i + len).max(0) } else { i.min(len) };
    b.insert(at as usize, x);
    ret(Value::None)
}

fn bytearray_remove(vm: &mut Vm, a: Args) -> R {
    a.need(vm, 2, "remove")?;
    let id = obj_id(&a);
    let x = byte_arg(vm, a.get(1).unwrap_or(Value::None))?;
    let b = bytearray_mut(vm, id);
    match b.iter().position(|&y| y == x) {
        Some(p) => {
            b.remove(p);
            ret(Value::None)
        }
        None => Err(vm.value_error("value not found in bytearray")),
    }
}

fn bytearray_reverse(vm: &mut Vm, a: Args) -> R {
    let id = obj_id(&a);
    bytearray_mut(vm, id).reverse();
    ret(Value::None)
}

fn bytearray_copy(vm: &mut Vm, a: Args) -> R {
    let id = obj_id(&a);
    let b = bytearray_mut(vm, id).clone();
    ret(Value::Obj(vm.heap.alloc(Obj::ByteArray(b))))
}

fn bytearray_clear(vm: &mut Vm, a: Args) -> R {
    let id = obj_id(&a);
    if let Obj::ByteArray(b) = vm.heap.get_mut(id) {
        b.clear();
    }
    ret(Value::None)
}

// ---- list / tuple ----

fn list_append(vm: &mut Vm, a: Args) -> R {
    let id = list_id(vm, &a)?;
    let v = a.get(1).unwrap_or(Value::None);
    if let Obj::List(l) = vm.heap.get_mut(id) {
        l.push(v);
    }
    ret(Value::None)
}

fn list_extend(vm: &mut Vm, a: Args) -> R {
    let id = list_id(vm, &a)?;
    collect(vm, a.get(1).unwrap_or(Value::None), Collected::ExtendNone(id))
}

fn list_pop(vm: &mut Vm, a: Args) -> R {
    let id = list_id(vm, &a)?;
    let Obj::List(l) = vm.heap.get(id) else { unreachable!() };
    let n = l.len() as i64;
    if n == 0 {
        return Err(vm.exc(ExcKind::IndexError, "pop from empty list"));
    }
    let i = a.get(1).and_then(|v| vm.small_int(v)).unwrap_or(-1);
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(vm.exc(ExcKind::IndexError, "pop index out of range"));
    }
    let Obj::List(l) = vm.heap.get_mut(id) else { unreachable!() };
    ret(l.remove(j as usize))
}

fn list_insert(vm: &mut Vm, a: Args) -> R {
    let id = list_id(vm, &a)?;
    let i = a.get(1).and_then(|v| vm.small_int(v)).unwrap_or(0);
    let v = a.get(2).unwrap_or(Value::None);
    let Obj::List(l) = vm.heap.get_mut(id) else { unreachable!() };
    let n = l.len() as i64;
    let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
    l.insert(j as usize, v);
    ret(Value::None)
}

fn list_remove(vm: &mut Vm, a: Args) -> R {
    let id = list_id(vm, &a)?;
    let x = a.get(1).unwrap_or(Value::None);
    let items = vm.seq_items(Value::Obj(id)).unwrap_or_default();
    // `key_eq` calls a Python `__eq__` (the list's item first), by retrying this call.
    let found = items.iter().position(|i| vm.key_eq(*i, x));
    vm.key_waiting()?;
    match found {
        Some(p) => {
            if let Obj::List(l) = vm.heap.get_mut(id) {
                l.remove(p);
            }
            ret(Value::None)
        }
        None => Err(vm.value_error("list.remove(x): x not in list")),
    }
}

fn seq_index(vm: &mut Vm, a: Args) -> R {
    let items = vm.seq_items(a.get(0).unwrap_or(Value::None)).unwrap_or_default();
    let x = a.get(1).unwrap_or(Value::None);
    let found = items.iter().position(|i| vm.key_eq(*i, x));
    vm.key_waiting()?;
    match found {
        Some(p) => ret(Value::Int(p as i64)),
        None => {
            let what = vm.type_name(a.get(0).unwrap_or(Value::None));
            if what == "tuple" {
                Err(vm.value_error("tuple.index(x): x not in tuple"))
            } else {
                let r = vm.plain_repr(x);
                Err(vm.value_error(format!("{r} is not in list")))
            }
        }
    }
}

fn seq_count(vm: &mut Vm, a: Args) -> R {
    let items = vm.seq_items(a.get(0).unwrap_or(Value::None)).unwrap_or_default();
    let x = a.get(1).unwrap_or(Value::None);
    let n = items.iter().filter(|i| vm.key_eq(**i, x)).count();
    vm.key_waiting()?;
    ret(Value::Int(n as i64))
}

fn list_sort(vm: &mut Vm, a: Args) -> R {
    let id = list_id(vm, &a)?;
    let key = a.kw(vm, "key").unwrap_or(Value::None);
    let reverse = match a.kw(vm, "reverse") {
        Some(r) => vm.truthy(r)?.unwrap_or(true),
        None => false,
    };
    let items = vm.seq_items(Value::Obj(id)).unwrap_or_default();
    super::conts::finish_collect(vm, items, Collected::SortInPlace { list: id, reverse, key })
}

fn list_reverse(vm: &mut Vm, a: Args) -> R {
    let id = list_id(vm, &a)?;
    if let Obj::List(l) = vm.heap.get_mut(id) {
        l.reverse();
    }
    ret(Value::None)
}

fn list_copy(vm: &mut Vm, a: Args) -> R {
    let items = vm.seq_items(a.get(0).unwrap_or(Value::None)).unwrap_or_default();
    ret(vm.new_list(items))
}

fn list_clear(vm: &mut Vm, a: Args) -> R {
    let id = list_id(vm, &a)?;
    if let Obj::List(l) = vm.heap.get_mut(id) {
        l.clear();
    }
    ret(Value::None)
}

// ---- dict ----

fn dict_get(vm: &mut Vm, a: Args) -> R {
    let d = obj_id(&a);
    let k = a.get(1).unwrap_or(Value::None);
    let default = a.get(2).unwrap_or(Value::None);
    ret(vm.dict_lookup(d, k)?.unwrap_or(default))
}

fn dict_view(vm: &mut Vm, a: &Args, which: u8) -> R {
    let d = obj_id(a);
    ret(Value::Obj(vm.heap.alloc(Obj::DictView { dict: d, kind: which })))
}

fn dict_keys(vm: &mut Vm, a: Args) -> R {
    dict_view(vm, &a, 0)
}

fn dict_values(vm: &mut Vm, a: Args) -> R {
    dict_view(vm, &a, 1)
}

fn dict_items(vm: &mut Vm, a: Args) -> R {
    dict_view(vm, &a, 2)
}

fn dict_pop(vm: &mut Vm, a: Args) -> R {
    let d = obj_id(&a);
    let k = a.get(1).unwrap_or(Value::None);
    match vm.dict_remove(d, k)? {
        Some(v) => ret(v),
        None => match a.get(2) {
            Some(def) => ret(def),
            None => Err(vm.new_exc_from(vm.exc_class(ExcKind::KeyError), vec![k])),
        },
    }
}

fn dict_popitem(vm: &mut Vm, a: Args) -> R {
    let d = obj_id(&a);
    let last = match vm.heap.get(d) {
        Obj::Dict(dict) => dict.iter().last().map(|e| (e.key, e.value)),
        _ => None,
    };
    match last {
        Some((k, v)) => {
            vm.dict_remove(d, k)?;
            ret(vm.new_tuple(vec![k, v]))
        }
        None => Err(vm.exc(ExcKind::KeyError, "popitem(): dictionary is empty")),
    }
}

fn dict_setdefault(vm: &mut Vm, a: Args) -> R {
    let d = obj_id(&a);
    let k = a.get(1).unwrap_or(Value::None);
    let default = a.get(2).unwrap_or(Value::None);
    match vm.dict_lookup(d, k)? {
        Some(v) => ret(v),
        None => {
            vm.dict_set(d, k, default)?;
            ret(default)
        }
    }
}

fn dict_update(vm: &mut Vm, a: Args) -> R {
    let d = obj_id(&a);
    for (k, v) in a.kw.clone() {
        let ks = {
            let n = vm.sym_name(k).to_string();
            vm.new_str(&n)
        };
        vm.dict_set(d, ks, v)?;
    }
    let Some(src) = a.get(1) else {
        return ret(Value::None);
    };
    if let Value::Obj(s) = src {
        if let Obj::Dict(sd) = vm.heap.get(s) {
            let entries: Vec<(Value, Value)> = sd.iter().map(|e| (e.key, e.value)).collect();
            for (k, v) in entries {
                vm.dict_set(d, k, v)?;
            }
            return ret(Value::None);
        }
    }
    if let Some(merge) = super::mapping::merge_mapping(vm, d, src, Value::None) {
        return merge;
    }
    collect(vm, src, Collected::Dict { dict: d, update: true })
}

fn dict_copy(vm: &mut Vm, a: Args) -> R {
    let d = obj_id(&a);
    let c = vm.heap.get(d).clone();
    ret(Value::Obj(vm.heap.alloc(c)))
}

fn dict_clear(vm: &mut Vm, a: Args) -> R {
    let d = obj_id(&a);
    if let Obj::Dict(dict) = vm.heap.get_mut(d) {
        dict.clear();
    }
    ret(Value::None)
}

fn dict_fromkeys(vm: &mut Vm, a: Args) -> R {
    let src = a.get(1).unwrap_or(Value::None);
    let keys = match vm.str_of(src).map(|s| s.to_string()) {
        Some(s) => s.chars().map(|c| vm.new_str(&c.to_string())).collect(),
        None => vm.seq_items(src).unwrap_or_default(),
    };
    let v = a.get(2).unwrap_or(Value::None);
    let d = vm.heap.alloc(Obj::Dict(Default::default()));
    for k in keys {
        vm.dict_set(d, k, v)?;
    }
    ret(Value::Obj(d))
}

// ---- set ----

fn set_add(vm: &mut Vm, a: Args) -> R {
    let s = obj_id(&a);
    vm.set_add(s, a.get(1).unwrap_or(Value::None))?;
    ret(Value::None)
}

fn set_remove(vm: &mut Vm, a: Args) -> R {
    let s = obj_id(&a);
    let k = a.get(1).unwrap_or(Value::None);
    match vm.dict_remove(s, k)? {
        Some(_) => ret(Value::None),
        None => Err(vm.new_exc_from(vm.exc_class(ExcKind::KeyError), vec![k])),
    }
}

fn set_discard(vm: &mut Vm, a: Args) -> R {
    let s = obj_id(&a);
    vm.dict_remove(s, a.get(1).unwrap_or(Value::None))?;
    ret(Value::None)
}

fn set_pop(vm: &mut Vm, a: Args) -> R {
    let s = obj_id(&a);
    let first = vm.set_order(s).first().copied();
    match first {
        Some(k) => {
            vm.dict_remove(s, k)?;
            ret(k)
        }
        None => Err(vm.exc(ExcKind::KeyError, "pop from an empty set")),
    }
}

fn set_clear(vm: &mut Vm, a: Args) -> R {
    let s = obj_id(&a);
    if let Obj::Set(d) = vm.heap.get_mut(s) {
        d.clear();
    }
    ret(Value::None)
}

fn set_update(vm: &mut Vm, a: Args) -> R {
    let s = obj_id(&a);
    for other in a.pos.iter().skip(1) {
        let items = match vm.seq_items(*other) {
            Some(i) => i,
            None => return Err(vm.type_error("set.update() of this iterable is not supported in ioplay")),
        };
        for i in items {
            vm.set_add(s, i)?;
        }
    }
    ret(Value::None)
}

fn other_set(vm: &mut Vm, v: Value) -> Result<ObjId, Value> {
    if let Value::Obj(id) = v {
        if matches!(vm.heap.get(id), Obj::Set(_) | Obj::FrozenSet(_)) {
            return Ok(id);
        }
    }
    let items = match vm.seq_items(v) {
        Some(i) => i,
        None => return Err(vm.type_error(format!("'{}' object is not iterable", vm.type_name(v)))),
    };
    let s = vm.heap.alloc(Obj::Set(Default::default()));
    for i in items {
        vm.set_add(s, i)?;
    }
    Ok(s)
}

fn set_op(vm: &mut Vm, a: Args, op: crate::py::ast::BinOp) -> R {
    let mut acc = a.get(0).unwrap_or(Value::None);
    for other in a.pos.iter().skip(1) {
        let o = other_set(vm, *other)?;
        acc = vm.binary_builtin(op, acc, Value::Obj(o), false)?.unwrap_or(acc);
    }
    if a.pos.len() == 1 {
        let items = vm.set_items(obj_id(&a));
        let s = vm.heap.alloc(Obj::Set(Default::default()));
        for i in items {
            vm.set_add(s, i)?;
        }
        return ret(Value::Obj(s));
    }
    ret(acc)
}

fn set_union(vm: &mut Vm, a: Args) -> R {
    set_op(vm, a, crate::py::ast::BinOp::BitOr)
}

fn set_intersection(vm: &mut Vm, a: Args) -> R {
    set_op(vm, a, crate::py::ast::BinOp::BitAnd)
}

fn set_difference(vm: &mut Vm, a: Args) -> R {
    set_op(vm, a, crate::py::ast::BinOp::Sub)
}

fn set_symdiff(vm: &mut Vm, a: Args) -> R {
    set_op(vm, a, crate::py::ast::BinOp::BitXor)
}

fn set_rel(vm: &mut Vm, a: Args, f: fn(&Vm, ObjId, ObjId) -> bool) -> R {
    let s = obj_id(&a);
    let o = other_set(vm, a.get(1).unwrap_or(Value::None))?;
    ret(Value::Bool(f(vm, s, o)))
}

fn subset(vm: &Vm, x: ObjId, y: ObjId) -> bool {
    vm.set_items(x).iter().all(|v| vm.set_contains(y, *v).unwrap_or(false))
}

fn set_issubset(vm: &mut Vm, a: Args) -> R {
    set_rel(vm, a, subset)
}

fn set_issuperset(vm: &mut Vm, a: Args) -> R {
    set_rel(vm, a, |vm, x, y| subset(vm, y, x))
}

fn set_isdisjoint(vm: &mut Vm, a: Args) -> R {
    set_rel(vm, a, |vm, x, y| !vm.set_items(x).iter().any(|v| vm.set_contains(y, *v).unwrap_or(false)))
}

fn set_copy(vm: &mut Vm, a: Args) -> R {
    let s = obj_id(&a);
    let c = vm.heap.get(s).clone();
    ret(Value::Obj(vm.heap.alloc(c)))
}

// ---- numbers ----

fn int_bit_length(vm: &mut Vm, a: Args) -> R {
    let v = a.get(0).unwrap_or(Value::Int(0));
    let b = super::builtins::big(vm, v).unwrap_or_default();
    ret(Value::Int(b.bits() as i64))
}

fn int_to_bytes(vm: &mut Vm, a: Args) -> R {
    let n = super::builtins::big(vm, a.get(0).unwrap_or(Value::Int(0))).unwrap_or_default();
    let len = a.arg(vm, 1, "length").and_then(|v| vm.small_int(v)).unwrap_or(1).max(0) as usize;
    let order = a.arg(vm, 2, "byteorder").and_then(|v| vm.str_of(v).map(|s| s.to_string()));
    let little = order.as_deref() == Some("little");
    let signed = a.kw(vm, "signed").map(|v| vm.truthy(v).ok().flatten().unwrap_or(false)).unwrap_or(false);
    if n < num_bigint::BigInt::from(0) && !signed {
        return Err(vm.exc(ExcKind::OverflowError, "can't convert negative int to unsigned"));
    }
    let mut bytes = n.to_signed_bytes_be();
    if !signed || n >= num_bigint::BigInt::from(0) {
        let (_, mag) = n.to_bytes_be();
        bytes = mag;
        if signed && bytes.first().is_some_and(|b| b & 0x80 != 0) {
            bytes.insert(0, 0);
        }
        if n == num_bigint::BigInt::from(0) {
            bytes.clear();
        }
    }
    if bytes.len() > len {
        return Err(vm.exc(ExcKind::OverflowError, "int too big to convert"));
    }
    let fill = if n < num_bigint::BigInt::from(0) { 0xff } else { 0 };
    let mut out = vec![fill; len - bytes.len()];
    out.extend(bytes);
    if little {
        out.reverse();
    }
    ret(Value::Obj(vm.heap.alloc(Obj::Bytes(out))))
}

fn int_from_bytes(vm: &mut Vm, a: Args) -> R {
    let b = bytes_of(vm, a.get(1).unwrap_or(Value::None)).unwrap_or_default();
    let order = a.arg(vm, 2, "byteorder").and_then(|v| vm.str_of(v).map(|s| s.to_string()));
    let signed = a.kw(vm, "signed").map(|v| vm.truthy(v).ok().flatten().unwrap_or(false)).unwrap_or(false);
    let mut be = b.clone();
    if order.as_deref() == Some("little") {
        be.reverse();
    }
    let n = if signed {
        num_bigint::BigInt::from_signed_bytes_be(&be)
    } else {
        num_bigint::BigInt::from_bytes_be(num_bigint::Sign::Plus, &be)
    };
    ret(vm.int_value(n))
}

fn float_as_integer_ratio(vm: &mut Vm, a: Args) -> R {
    let f = a.get(0).and_then(|v| vm.as_f64(v)).unwrap_or(0.0);
    if f.is_nan() {
        return Err(vm.value_error("cannot convert NaN to integer ratio"));
    }
    if f.is_infinite() {
        return Err(vm.exc(ExcKind::OverflowError, "cannot convert Infinity to integer ratio"));
    }
    let (n, d) = exact_ratio(f);
    let (nv, dv) = (vm.int_value(n), vm.int_value(d));
    ret(vm.new_tuple(vec![nv, dv]))
}

/// A finite float as numerator / denominator in lowest terms, exactly: its bits are a 53-bit integer
/// times a power of two, so the denominator is a power of two (or 1).
fn exact_ratio(f: f64) -> (num_bigint::BigInt, num_bigint::BigInt) {
    use num_bigint::BigInt;
    if f == 0.0 {
        return (BigInt::from(0), BigInt::from(1));
    }
    let bits = f.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1u64 << 52) - 1);
    // Subnormals have no implicit leading bit and the smallest exponent.
    let (mantissa, exp) = if biased == 0 { (fraction, -1074) } else { (fraction | 1 << 52, biased - 1075) };
    let sign = if f < 0.0 { -1 } else { 1 };
    if exp >= 0 {
        return (BigInt::from(sign * mantissa as i64) << exp as usize, BigInt::from(1));
    }
    // Halve both while the numerator is even and the denominator above 1.
    let shift = (mantissa.trailing_zeros() as i64).min(-exp);
    let num = BigInt::from(sign * (mantissa >> shift) as i64);
    (num, BigInt::from(1) << (-exp - shift) as usize)
}

fn bytes_fromhex(vm: &mut Vm, a: Args) -> R {
    let s = a.get(1).and_then(|v| vm.str_of(v).map(|s| s.to_string())).unwrap_or_default();
    let digits: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    let mut out = Vec::new();
    for pair in digits.chunks(2) {
        let h = std::str::from_utf8(pair).ok().and_then(|p| u8::from_str_radix(p, 16).ok());
        match h {
            Some(b) if pair.len() == 2 => out.push(b),
            _ => return Err(vm.value_error("non-hexadecimal number found in fromhex() arg")),
        }
    }
    // A classmethod of both types: the class it was called on picks the result's type.
    let o =
        if a.get(0) == Some(Value::Obj(vm.types.bytearray)) { Obj::ByteArray(out) } else { Obj::Bytes(out) };
    ret(Value::Obj(vm.heap.alloc(o)))
}

fn slice_indices(vm: &mut Vm, a: Args) -> R {
    let s = a.get(0).unwrap_or(Value::None);
    let n = a.get(1).and_then(|v| vm.small_int(v)).unwrap_or(0);
    let Value::Obj(id) = s else {
        return ret(Value::None);
    };
    let Obj::Slice { start, stop, step } = vm.heap.get(id) else {
        return ret(Value::None);
    };
    let (start, stop, step) = (*start, *stop, *step);
    let step = if step == Value::None { 1 } else { vm.small_int(step).unwrap_or(1) };
    let norm = |v: Value, def: i64, vm: &Vm| -> i64 {
        match vm.small_int(v) {
            None => def,
            Some(i) => {
                let i = if i < 0 { i + n } else { i };
                if step > 0 {
                    i.clamp(0, n)
                } else {
                    i.clamp(-1, n - 1)
                }
            }
        }
    };
    let (lo, hi) = if step > 0 { (0, n) } else { (n - 1, -1) };
    let (b, e) = (norm(start, lo, vm), norm(stop, hi, vm));
    ret(vm.new_tuple(vec![Value::Int(b), Value::Int(e), Value::Int(step)]))
}

fn set_update_with(vm: &mut Vm, a: Args, op: crate::py::ast::BinOp) -> R {
    let s = obj_id(&a);
    let mut acc = Value::Obj(s);
    for other in a.pos.iter().skip(1) {
        let o = other_set(vm, *other)?;
        acc = vm.binary_builtin(op, acc, Value::Obj(o), false)?.unwrap_or(acc);
    }
    let items = vm.set_items(match acc {
        Value::Obj(id) => id,
        _ => s,
    });
    if let Obj::Set(d) = vm.heap.get_mut(s) {
        d.clear();
    }
    for i in items {
        vm.set_add(s, i)?;
    }
    ret(Value::None)
}

fn set_intersection_update(vm: &mut Vm, a: Args) -> R {
    set_update_with(vm, a, crate::py::ast::BinOp::BitAnd)
}

fn set_difference_update(vm: &mut Vm, a: Args) -> R {
    set_update_with(vm, a, crate::py::ast::BinOp::Sub)
}

fn set_symdiff_update(vm: &mut Vm, a: Args) -> R {
    set_update_with(vm, a, crate::py::ast::BinOp::BitXor)
}

fn float_is_integer(vm: &mut Vm, a: Args) -> R {
    let f = a.get(0).and_then(|v| vm.as_f64(v)).unwrap_or(0.0);
    ret(Value::Bool(f.is_finite() && f.fract() == 0.0))
}

/// `float.hex()`: `[-]0x1.<13 hex digits>p<exp>` (subnormals `0x0.…p-1022`), as CPython prints it.
fn float_hex(vm: &mut Vm, a: Args) -> R {
    let f = a.get(0).and_then(|v| vm.as_f64(v)).unwrap_or(0.0);
    let s = if f.is_nan() {
        "nan".to_string()
    } else if f.is_infinite() {
        if f < 0.0 { "-inf" } else { "inf" }.to_string()
    } else {
        let sign = if f.is_sign_negative() { "-" } else { "" };
        let bits = f.to_bits();
        let exp_bits = ((bits >> 52) & 0x7ff) as i64;
        let mantissa = bits & ((1u64 << 52) - 1);
        if exp_bits == 0 && mantissa == 0 {
            format!("{sign}0x0.0p+0")
        } else {
            let (lead, exp) = if exp_bits == 0 { (0, -1022) } else { (1, exp_bits - 1023) };
            let exp_sign = if exp < 0 { '-' } else { '+' };
            format!("{sign}0x{lead}.{mantissa:013x}p{exp_sign}{}", exp.abs())
        }
    };
    let v = vm.new_str(&s);
    ret(v)
}

/// `float.fromhex(s)`: `[sign][0x]digits[.digits][p[sign]exp]`, `inf`, `nan`.
fn float_fromhex(vm: &mut Vm, a: Args) -> R {
    let text = a.get(1).and_then(|v| vm.str_of(v)).unwrap_or("").trim().to_ascii_lowercase();
    match parse_hex_float(&text) {
        Some(f) => ret(Value::Float(f)),
        None => Err(vm.value_error("invalid hexadecimal floating-point string")),
    }
}

fn parse_hex_float(s: &str) -> Option<f64> {
    let (neg, s) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let magnitude = match s {
        "inf" | "infinity" => f64::INFINITY,
        "nan" => f64::NAN,
        _ => {
            let s = s.strip_prefix("0x").unwrap_or(s);
            let (digits, exp) = match s.split_once('p') {
                Some((d, e)) => (d, e.parse::<i32>().ok()?),
                None => (s, 0),
            };
            let (int_part, frac_part) = digits.split_once('.').unwrap_or((digits, ""));
            if int_part.is_empty() && frac_part.is_empty() {
                return None;
            }
            // Exact up to 53 significant bits (14 hex digits), which covers every `float.hex()` output.
            let mut m: f64 = 0.0;
            for c in int_part.chars().chain(frac_part.chars()) {
                m = m * 16.0 + c.to_digit(16)? as f64;
            }
            // Scaled in steps, so 2**scale itself never underflows (subnormal results).
            let mut scale = exp - 4 * frac_part.len() as i32;
            while scale < -1000 {
                m *= 2f64.powi(-1000);
                scale += 1000;
            }
            while scale > 1000 {
                m *= 2f64.powi(1000);
                scale -= 1000;
            }
            m * 2f64.powi(scale)
        }
    };
    Some(if neg { -magnitude } else { magnitude })
}

// ---- generators ----

fn gen_id(vm: &mut Vm, a: &Args) -> Result<ObjId, Value> {
    match a.get(0) {
        Some(Value::Obj(id)) if matches!(vm.heap.get(id), Obj::Generator(_)) => Ok(id),
        Some(v @ Value::Obj(id)) if matches!(vm.heap.get(id), Obj::Iter(_)) => {
            let _ = v;
            Ok(id)
        }
        _ => Err(vm.type_error("descriptor requires a 'generator' object")),
    }
}

fn gen_send(vm: &mut Vm, a: Args) -> R {
    let id = gen_id(vm, &a)?;
    let v = a.get(1).unwrap_or(Value::None);
    Ok(Action::ResumeGen { gen: id, value: v, throw: false })
}

fn gen_next(vm: &mut Vm, a: Args) -> R {
    let id = gen_id(vm, &a)?;
    Ok(Action::Next { iter: Value::Obj(id) })
}

/// `throw(typ[, val])`: raise at the generator's `yield`.
fn gen_throw(vm: &mut Vm, a: Args) -> R {
    let id = gen_id(vm, &a)?;
    let typ = a.get(1).unwrap_or(Value::None);
    let val = a.get(2).unwrap_or(Value::None);
    let exc = match typ {
        Value::Obj(c) if matches!(vm.heap.get(c), Obj::Class(_)) => {
            if vm.exc_data(val).is_some() {
                val
            } else {
                let args = if val == Value::None { vec![] } else { vec![val] };
                vm.new_exc_from(c, args)
            }
        }
        v if vm.exc_data(v).is_some() => v,
        _ => {
            return Err(
                vm.type_error("exceptions must be classes or instances deriving from BaseException, not str")
            )
        }
    };
    Ok(Action::ResumeGen { gen: id, value: exc, throw: true })
}

/// `close()`: throw GeneratorExit in; the generator must finish without yielding.
fn gen_close(vm: &mut Vm, a: Args) -> R {
    let id = gen_id(vm, &a)?;
    let state = match vm.heap.get(id) {
        Obj::Generator(g) => g.state,
        _ => return ret(Value::None),
    };
    match state {
        GenState::Created | GenState::Closed => {
            if let Obj::Generator(g) = vm.heap.get_mut(id) {
                g.state = GenState::Closed;
                g.frame = None;
            }
            ret(Value::None)
        }
        GenState::Running => Err(vm.value_error("generator already executing")),
        GenState::Suspended => {
            let exc = vm.new_exc_from(vm.exc_class(ExcKind::GeneratorExit), vec![]);
            Ok(Action::CallThen {
                func: vm.native("generator.throw", gen_throw_raw),
                args: Args::new(&[Value::Obj(id), exc]),
                cont: ContKind::Close,
            })
        }
    }
}

fn gen_throw_raw(vm: &mut Vm, a: Args) -> R {
    let id = gen_id(vm, &a)?;
    Ok(Action::ResumeGen { gen: id, value: a.get(1).unwrap_or(Value::None), throw: true })
}

fn identity(_vm: &mut Vm, a: Args) -> R {
    ret(a.get(0).unwrap_or(Value::None))
}

// ---- object and exceptions ----

fn object_init(_vm: &mut Vm, _a: Args) -> R {
    ret(Value::None)
}

fn object_eq(vm: &mut Vm, a: Args) -> R {
    let (x, y) = (a.get(0).unwrap_or(Value::None), a.get(1).unwrap_or(Value::None));
    if x == y {
        return ret(Value::Bool(true));
    }
    let ni = vm.builtin_value("NotImplemented");
    ret(ni)
}

fn object_ne(vm: &mut Vm, a: Args) -> R {
    let _ = vm;
    ret(Value::Bool(a.get(0) != a.get(1)))
}

fn object_hash(vm: &mut Vm, a: Args) -> R {
    let v = a.get(0).unwrap_or(Value::None);
    let h = match v {
        Value::Obj(id) => (id.0 as i64) * 3,
        _ => vm.hash(v)? as i64,
    };
    ret(Value::Int(h))
}

fn object_str(vm: &mut Vm, a: Args) -> R {
    let v = a.get(0).unwrap_or(Value::None);
    let s = if vm.exc_data(v).is_some() { vm.exc_message(v) } else { vm.plain_repr(v) };
    ret(vm.new_str(&s))
}

fn object_repr(vm: &mut Vm, a: Args) -> R {
    let v = a.get(0).unwrap_or(Value::None);
    // The default repr, even when the class overrides __repr__ (this is object.__repr__).
    let saved = std::mem::take(&mut vm.overrides);
    let s = vm.plain_repr(v);
    vm.overrides = saved;
    ret(vm.new_str(&s))
}

fn object_setattr(vm: &mut Vm, a: Args) -> R {
    let o = a.get(0).unwrap_or(Value::None);
    let n = a.get(1).and_then(|v| vm.str_of(v).map(|s| s.to_string())).unwrap_or_default();
    let v = a.get(2).unwrap_or(Value::None);
    let s = vm.names.intern(&n);
    match o {
        Value::Obj(id) if matches!(vm.heap.get(id), Obj::Instance(_)) => vm.store_instance_attr(id, s, v)?,
        _ => vm.set_attr(o, s, v)?,
    }
    ret(Value::None)
}

fn object_delattr(vm: &mut Vm, a: Args) -> R {
    let o = a.get(0).unwrap_or(Value::None);
    let n = a.get(1).and_then(|v| vm.str_of(v).map(|s| s.to_string())).unwrap_or_default();
    let s = vm.names.intern(&n);
    vm.remove_instance_attr(o, s)?;
    ret(Value::None)
}

fn exc_init(vm: &mut Vm, a: Args) -> R {
    a.need(vm, 1, "BaseException.__init__()")?;
    let e = a.get(0).unwrap_or(Value::None);
    let args = a.pos[1..].to_vec();
    if let Some(d) = vm.exc_data_mut(e) {
        d.args = args;
    }
    ret(Value::None)
}

/// `UnicodeDecodeError(encoding, object, start, end, reason)` (and the encode one, whose object is a str).
fn unicode_error_init(vm: &mut Vm, a: Args) -> R {
    let e = a.get(0).unwrap_or(Value::None);
    let decode = vm.is_exc(e, ExcKind::UnicodeDecodeError);
    if a.pos.len() != 6 {
        return Err(vm.type_error(format!("function takes exactly 5 arguments ({} given)", a.pos.len() - 1)));
    }
    let args = a.pos[1..].to_vec();
    let object_ok = if decode { bytes_of(vm, args[1]).is_some() } else { vm.str_of(args[1]).is_some() };
    let checks = [
        (vm.str_of(args[0]).is_some(), 1, "str"),
        (object_ok, 2, if decode { "bytes-like object" } else { "str" }),
        (vm.is_int(args[2]), 3, "int"),
        (vm.is_int(args[3]), 4, "int"),
        (vm.str_of(args[4]).is_some(), 5, "str"),
    ];
    for (ok, n, want) in checks {
        if !ok {
            let t = vm.type_name(args[n - 1]);
            let msg = if want == "bytes-like object" {
                format!("a bytes-like object is required, not '{t}'")
            } else {
                format!("argument {n} must be {want}, not {t}")
            };
            return Err(vm.type_error(msg));
        }
    }
    if let Some(d) = vm.exc_data_mut(e) {
        d.args = args;
    }
    vm.set_unicode_error_attrs(e);
    ret(Value::None)
}

fn oserror_init(vm: &mut Vm, a: Args) -> R {
    a.need(vm, 1, "OSError.__init__()")?;
    let e = a.get(0).unwrap_or(Value::None);
    // OSError(errno, strerror, filename): args keep the first two, as in CPython.
    let filename = a.get(3).unwrap_or(Value::None);
    let fs = vm.names.intern("filename");
    if let Value::Obj(id) = e {
        if let Obj::Instance(i) = vm.heap.get_mut(id) {
            i.attrs.set(fs, filename);
        }
    }
    let mut args = a.pos[1..].to_vec();
    if args.len() >= 3 {
        args.truncate(2);
    }
    if let Some(d) = vm.exc_data_mut(e) {
        d.args = args;
    }
    vm.set_os_error_attrs(e);
    ret(Value::None)
}

/// `prop.setter(f)`, `prop.getter(f)`, `prop.deleter(f)`: a copy of the property with one accessor replaced.
fn property_with(vm: &mut Vm, a: Args, which: usize) -> R {
    let p = obj_id(&a);
    let f = a.get(1).unwrap_or(Value::None);
    let mut parts = match vm.heap.get(p) {
        Obj::Property { get, set, del } => [*get, *set, *del],
        _ => [Value::None; 3],
    };
    parts[which] = f;
    let [get, set, del] = parts;
    ret(Value::Obj(vm.heap.alloc(Obj::Property { get, set, del })))
}

fn property_getter(vm: &mut Vm, a: Args) -> R {
    property_with(vm, a, 0)
}

fn property_setter(vm: &mut Vm, a: Args) -> R {
    property_with(vm, a, 1)
}

fn property_deleter(vm: &mut Vm, a: Args) -> R {
    property_with(vm, a, 2)
}

// ---- the dunder methods of builtin types, for explicit calls like `(17).__add__(1)` ----
// Operators never look these up (they go straight to the builtin arithmetic); these exist so a
// program can call them, or find them with `getattr`/`hasattr`.

macro_rules! binary_dunder {
    ($($name:ident => $op:expr),* $(,)?) => {$(
        fn $name(vm: &mut Vm, a: Args) -> R {
            let (x, y) = (a.get(0).unwrap_or(Value::None), a.get(1).unwrap_or(Value::None));
            match vm.binary_builtin($op, x, y, false)? {
                Some(v) => ret(v),
                None => ret(vm.builtin_value("NotImplemented")),
            }
        }
    )*};
}

binary_dunder! {
    dunder_add => crate::py::ast::BinOp::Add,
    dunder_sub => crate::py::ast::BinOp::Sub,
    dunder_mul => crate::py::ast::BinOp::Mult,
    dunder_truediv => crate::py::ast::BinOp::Div,
    dunder_floordiv => crate::py::ast::BinOp::FloorDiv,
    dunder_mod => crate::py::ast::BinOp::Mod,
    dunder_pow => crate::py::ast::BinOp::Pow,
}

macro_rules! compare_dunder {
    ($($name:ident => $op:expr),* $(,)?) => {$(
        fn $name(vm: &mut Vm, a: Args) -> R {
            let (x, y) = (a.get(0).unwrap_or(Value::None), a.get(1).unwrap_or(Value::None));
            match vm.compare_builtin($op, x, y) {
                Ok(b) => ret(Value::Bool(b)),
                Err(_) => ret(vm.builtin_value("NotImplemented")),
            }
        }
    )*};
}

compare_dunder! {
    dunder_eq => crate::py::ast::CmpOp::Eq,
    dunder_ne => crate::py::ast::CmpOp::NotEq,
    dunder_lt => crate::py::ast::CmpOp::Lt,
    dunder_le => crate::py::ast::CmpOp::LtE,
    dunder_gt => crate::py::ast::CmpOp::Gt,
    dunder_ge => crate::py::ast::CmpOp::GtE,
}

fn dunder_len(vm: &mut Vm, a: Args) -> R {
    let v = a.get(0).unwrap_or(Value::None);
    ret(Value::Int(vm.len_builtin(v).unwrap_or(0) as i64))
}

fn dunder_getitem(vm: &mut Vm, a: Args) -> R {
    let (o, k) = (a.get(0).unwrap_or(Value::None), a.get(1).unwrap_or(Value::None));
    match vm.getitem_builtin(o, k)? {
        Some(v) => ret(v),
        None => Err(vm.type_error(format!("'{}' object is not subscriptable", vm.type_name(o)))),
    }
}

fn dunder_contains(vm: &mut Vm, a: Args) -> R {
    let (o, x) = (a.get(0).unwrap_or(Value::None), a.get(1).unwrap_or(Value::None));
    ret(Value::Bool(vm.contains_builtin(o, x)?.unwrap_or(false)))
}

pub(crate) fn install_dunders(vm: &mut Vm) {
    let t = vm.types.clone();
    type M = (&'static str, crate::py::vm::NativeFn);
    let numeric: &[M] = &[
        ("__add__", dunder_add),
        ("__sub__", dunder_sub),
        ("__mul__", dunder_mul),
        ("__truediv__", dunder_truediv),
        ("__floordiv__", dunder_floordiv),
        ("__mod__", dunder_mod),
        ("__pow__", dunder_pow),
        ("__eq__", dunder_eq),
        ("__ne__", dunder_ne),
        ("__lt__", dunder_lt),
        ("__le__", dunder_le),
        ("__gt__", dunder_gt),
        ("__ge__", dunder_ge),
    ];
    for cls in [t.int, t.float] {
        for &(n, f) in numeric {
            vm.def_native(cls, n, f);
        }
    }
    let container: &[M] = &[
        ("__len__", dunder_len),
        ("__getitem__", dunder_getitem),
        ("__contains__", dunder_contains),
        ("__add__", dunder_add),
        ("__mul__", dunder_mul),
        ("__eq__", dunder_eq),
        ("__ne__", dunder_ne),
        ("__lt__", dunder_lt),
    ];
    for cls in [t.str_, t.list, t.tuple, t.bytes] {
        for &(n, f) in container {
            vm.def_native(cls, n, f);
        }
    }
    for cls in [t.dict, t.set, t.frozenset, t.range] {
        for &(n, f) in &container[..3] {
            vm.def_native(cls, n, f);
        }
    }
}

#[cfg(test)]
mod split_tests {
    use super::split_on_ascii;

    #[test]
    fn an_ascii_separator_cuts_as_str_split_does() {
        for (s, sep) in [("a,b,,c", ','), ("", ','), (",", ','), ("é,ü€,", ','), ("x", ','), ("a b", ' ')]
        {
            assert_eq!(split_on_ascii(s, sep as u8), s.split(sep).collect::<Vec<_>>(), "{s:?}");
        }
    }
}
