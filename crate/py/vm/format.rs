//! Text of values: `repr`, `str`, CPython's shortest float repr and `str.format`, with `%` formatting in
//! `format/percent.rs` and the `format()` spec language in `format/spec.rs`. User `__str__`/`__repr__`
//! methods are called first (as continuations), their results kept in `overrides` while the native
//! formatting runs; a user `__format__` is called first too (`ContKind::UserFormat`).

use super::super::value::{IterState, Obj, ObjId, PyStr, Value};
use super::call::{Action, ContKind, ReturnTo};
use super::{Args, ExcKind, Vm};

mod percent;
mod spec;

/// What to do once user `__str__`/`__repr__` results are known.
#[derive(Clone, Debug)]
pub enum AfterStrings {
    Str(Value),
    Repr(Value),
    Ascii(Value),
    Print {
        items: Vec<Value>,
        sep: String,
        end: String,
        fd: i32,
    },
    Percent {
        fmt: Value,
        args: Value,
    },
    /// `str.format`: the parsed pieces, and the results of the user `__format__` calls made so far.
    Format {
        pieces: Vec<FormatPiece>,
        formatted: Vec<String>,
    },
    /// An f-string field: conversion (0 none, 1 str, 2 repr, 3 ascii) and spec.
    Field {
        v: Value,
        conv: u32,
        spec: Option<Value>,
    },
}

impl AfterStrings {
    pub fn trace(&self, out: &mut Vec<Value>) {
        match self {
            AfterStrings::Str(v) | AfterStrings::Repr(v) | AfterStrings::Ascii(v) => out.push(*v),
            AfterStrings::Print { items, .. } => out.extend_from_slice(items),
            AfterStrings::Percent { fmt, args } => out.extend([*fmt, *args]),
            AfterStrings::Format { pieces, .. } => {
                for p in pieces {
                    match p {
                        FormatPiece::Field { v, spec, .. } => {
                            out.push(*v);
                            out.extend(spec.iter().filter_map(|s| match s {
                                SpecPart::Field { v, .. } => Some(*v),
                                SpecPart::Text(_) => None,
                            }));
                        }
                        FormatPiece::Error(v) => out.push(*v),
                        FormatPiece::Text(_) => {}
                    }
                }
            }
            AfterStrings::Field { v, spec, .. } => {
                out.push(*v);
                out.extend(spec.iter().copied());
            }
        }
    }

    fn roots(&self) -> Vec<Value> {
        let mut v = Vec::new();
        self.trace(&mut v);
        v
    }
}

/// CPython's `repr(float)`: the shortest string that round-trips, fixed between 1e-4 and 1e16.
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0".into() } else { "0.0".into() };
    }
    // The shortest digit count that round-trips, then the nearest decimal with that many digits, ties to
    // even, as CPython's dtoa picks it: when two such decimals are equally near (1095931841389538.25
    // lies midway between ...538.2 and ...538.3), Rust's shortest form may give the odd one.
    let shortest = format!("{:e}", f);
    let len = shortest.split_once('e').expect("exponent form").0.bytes().filter(u8::is_ascii_digit).count();
    let e = format!("{:.*e}", len - 1, f);
    let (mant, exp) = e.split_once('e').expect("exponent form");
    let exp: i32 = exp.parse().expect("exponent");
    let neg = mant.starts_with('-');
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let sign = if neg { "-" } else { "" };
    if (-4..16).contains(&exp) {
        let n = digits.len() as i32;
        let s = if exp >= 0 {
            if n <= exp + 1 {
                format!("{}{}.0", digits, "0".repeat((exp + 1 - n) as usize))
            } else {
                format!("{}.{}", &digits[..(exp + 1) as usize], &digits[(exp + 1) as usize..])
            }
        } else {
            format!("0.{}{}", "0".repeat((-exp - 1) as usize), digits)
        };
        format!("{sign}{s}")
    } else {
        let m = if digits.len() > 1 { format!("{}.{}", &digits[..1], &digits[1..]) } else { digits.clone() };
        let es = if exp < 0 { "-" } else { "+" };
        format!("{sign}{m}e{es}{:02}", exp.abs())
    }
}

/// `repr(str)`: CPython's choice of quotes and escapes.
pub fn str_repr(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if !crate::py::unicode::is_printable(c) => {
                let u = c as u32;
                if u < 0x100 {
                    out.push_str(&format!("\\x{u:02x}"));
                } else if u < 0x10000 {
                    out.push_str(&format!("\\u{u:04x}"));
                } else {
                    out.push_str(&format!("\\U{u:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

pub fn bytes_repr(b: &[u8]) -> String {
    let q = if b.contains(&b'\'') && !b.contains(&b'"') { '"' } else { '\'' };
    let mut out = String::from("b");
    out.push(q);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c as char == q => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{:02x}", c)),
        }
    }
    out.push(q);
    out
}

impl Vm {
    /// `str(v)` without running Python (user methods must have been called into `overrides`).
    pub fn plain_str(&self, v: Value) -> String {
        if let Value::Obj(id) = v {
            match self.heap.get(id) {
                Obj::Str(s) => return s.to_string(),
                Obj::Instance(i) => {
                    // A str subclass's str is its text (`str.__str__`), whatever its `__repr__` says.
                    let own_str = self.overrides.iter().find(|o| o.0 == id && !o.1);
                    if let (None, Some(s)) = (own_str, self.str_of(v)) {
                        return s.to_string();
                    }
                    if let Some(s) = self.override_for(id, false) {
                        return s;
                    }
                    if i.exc.is_some() {
                        return self.exc_message(v);
                    }
                }
                Obj::Greenlet(_) => {
                    if let Some(s) = self.override_for(id, false) {
                        return s;
                    }
                }
                _ => {}
            }
        }
        self.repr_in(v, &mut Vec::new())
    }

    pub fn plain_repr(&self, v: Value) -> String {
        self.repr_in(v, &mut Vec::new())
    }

    fn override_for(&self, id: ObjId, repr: bool) -> Option<String> {
        // str() falls back to __repr__; repr() never uses __str__.
        self.overrides
            .iter()
            .find(|o| o.0 == id && o.1 == repr)
            .or_else(|| if repr { None } else { self.overrides.iter().find(|o| o.0 == id) })
            .map(|o| o.2.clone())
    }

    /// `str(exception)`: '' for no args, str(arg) for one, the args tuple otherwise; KeyError reprs.
    pub(crate) fn exc_message(&self, v: Value) -> String {
        let Some(d) = self.exc_data(v) else {
            return String::new();
        };
        if let Value::Obj(id) = v {
            if let Some(s) = self.override_for(id, false) {
                return s;
            }
        }
        if d.args.len() == 5 {
            if let Some(m) = self.unicode_error_message(v) {
                return m;
            }
        }
        match d.args.len() {
            0 => String::new(),
            1 => {
                if self.is_exc(v, ExcKind::KeyError) {
                    self.plain_repr(d.args[0])
                } else {
                    self.plain_str(d.args[0])
                }
            }
            _ => {
                if self.is_exc(v, ExcKind::OSError) {
                    if let (Some(e), true) = (self.small_int(d.args[0]), d.args.len() == 2) {
                        let filename = self.names.lookup("filename").and_then(|fs| match v {
                            Value::Obj(id) => match self.heap.get(id) {
                                Obj::Instance(i) => i.attrs.get(fs),
                                _ => None,
                            },
                            _ => None,
                        });
                        return match filename {
                            Some(f) if f != Value::None => {
                                format!("[Errno {e}] {}: {}", self.plain_str(d.args[1]), self.plain_repr(f))
                            }
                            _ => format!("[Errno {e}] {}", self.plain_str(d.args[1])),
                        };
                    }
                }
                let parts: Vec<String> = d.args.iter().map(|a| self.plain_repr(*a)).collect();
                format!("({})", parts.join(", "))
            }
        }
    }

    /// CPython's text of a UnicodeDecodeError/UnicodeEncodeError, from its attributes.
    fn unicode_error_message(&self, v: Value) -> Option<String> {
        let decode = self.is_exc(v, ExcKind::UnicodeDecodeError);
        if !decode && !self.is_exc(v, ExcKind::UnicodeEncodeError) {
            return None;
        }
        let Value::Obj(id) = v else { return None };
        let Obj::Instance(inst) = self.heap.get(id) else { return None };
        let attr = |n: &str| self.names.lookup(n).and_then(|s| inst.attrs.get(s));
        let encoding = self.str_of(attr("encoding")?)?;
        let reason = self.str_of(attr("reason")?)?;
        let (start, end) = (self.small_int(attr("start")?)?, self.small_int(attr("end")?)?);
        let object = attr("object")?;
        let one = end == start + 1;
        Some(if decode {
            let byte = match object {
                Value::Obj(o) => match self.heap.get(o) {
                    Obj::Bytes(b) | Obj::ByteArray(b) => {
                        usize::try_from(start).ok().and_then(|i| b.get(i)).copied()
                    }
                    _ => None,
                },
                _ => None,
            };
            match byte {
                Some(b) if one => {
                    format!("'{encoding}' codec can't decode byte 0x{b:02x} in position {start}: {reason}")
                }
                _ => {
                    format!("'{encoding}' codec can't decode bytes in position {start}-{}: {reason}", end - 1)
                }
            }
        } else {
            let c = self.str_of(object).and_then(|s| s.chars().nth(usize::try_from(start).ok()?));
            match c {
                Some(c) if one => format!(
                    "'{encoding}' codec can't encode character '{}' in position {start}: {reason}",
                    crate::py::unicode::codecs::char_escape(c)
                ),
                _ => format!(
                    "'{encoding}' codec can't encode characters in position {start}-{}: {reason}",
                    end - 1
                ),
            }
        })
    }

    fn addr(&self, id: ObjId) -> String {
        format!("0x{:012x}", 0x7f00_0000_0000u64 + id.0 as u64 * 0x30)
    }

    fn repr_in(&self, v: Value, stack: &mut Vec<ObjId>) -> String {
        if stack.len() > 200 {
            return "...".into();
        }
        match v {
            Value::None => "None".into(),
            Value::Bool(true) => "True".into(),
            Value::Bool(false) => "False".into(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => float_repr(f),
            Value::Unbound => "<unbound>".into(),
            Value::Obj(id) => {
                let seq =
                    |items: &[Value], open: &str, close: &str, vm: &Vm, stack: &mut Vec<ObjId>| -> String {
                        let parts: Vec<String> = items.iter().map(|i| vm.repr_in(*i, stack)).collect();
                        format!("{open}{}{close}", parts.join(", "))
                    };
                match self.heap.get(id) {
                    Obj::Str(s) => str_repr(s),
                    Obj::BigInt(b) => b.to_string(),
                    Obj::Bytes(b) => bytes_repr(b),
                    Obj::ByteArray(b) => format!("bytearray({})", bytes_repr(b)),
                    Obj::List(items) => {
                        if stack.contains(&id) {
                            return "[...]".into();
                        }
                        stack.push(id);
                        let r = seq(items, "[", "]", self, stack);
                        stack.pop();
                        r
                    }
                    Obj::Tuple(items) => {
                        if items.len() == 1 {
                            format!("({},)", self.repr_in(items[0], stack))
                        } else {
                            seq(items, "(", ")", self, stack)
                        }
                    }
                    Obj::Dict(d) => {
                        if stack.contains(&id) {
                            return "{...}".into();
                        }
                        stack.push(id);
                        let parts: Vec<String> = d
                            .iter()
                            .map(|e| {
                                format!("{}: {}", self.repr_in(e.key, stack), self.repr_in(e.value, stack))
                            })
                            .collect();
                        stack.pop();
                        format!("{{{}}}", parts.join(", "))
                    }
                    Obj::Set(d) => {
                        if d.is_empty() {
                            return "set()".into();
                        }
                        seq(&self.set_order(id), "{", "}", self, stack)
                    }
                    Obj::FrozenSet(d) => {
                        if d.is_empty() {
                            return "frozenset()".into();
                        }
                        format!("frozenset({})", seq(&self.set_order(id), "{", "}", self, stack))
                    }
                    Obj::Range { start, stop, step } => {
                        if *step == 1 {
                            format!("range({start}, {stop})")
                        } else {
                            format!("range({start}, {stop}, {step})")
                        }
                    }
                    Obj::Slice { start, stop, step } => format!(
                        "slice({}, {}, {})",
                        self.repr_in(*start, stack),
                        self.repr_in(*stop, stack),
                        self.repr_in(*step, stack)
                    ),
                    Obj::Function(f) => format!("<function {} at {}>", f.qualname, self.addr(id)),
                    Obj::Native(n) => format!("<built-in function {}>", n.name),
                    Obj::NativeMethod { recv, native } => format!(
                        "<built-in method {} of {} object at {}>",
                        native.name.rsplit('.').next().unwrap_or(native.name),
                        self.type_name(*recv),
                        match recv {
                            Value::Obj(r) => self.addr(*r),
                            _ => self.addr(id),
                        }
                    ),
                    Obj::Method { recv, func } => {
                        let fname = match func {
                            Value::Obj(f) => match self.heap.get(*f) {
                                Obj::Function(f) => f.qualname.clone(),
                                _ => "?".into(),
                            },
                            _ => "?".into(),
                        };
                        format!("<bound method {} of {}>", fname, self.repr_in(*recv, stack))
                    }
                    Obj::Class(c) => {
                        if c.module == "builtins" {
                            format!("<class '{}'>", c.qualname)
                        } else {
                            format!("<class '{}.{}'>", c.module, c.qualname)
                        }
                    }
                    Obj::Instance(i) => {
                        if let Some(s) = self.override_for(id, true) {
                            return s;
                        }
                        if i.base != Value::Unbound {
                            return self.repr_in(i.base, stack);
                        }
                        let cname = self.class_name(i.class);
                        if let Some(e) = &i.exc {
                            let parts: Vec<String> = e.args.iter().map(|a| self.repr_in(*a, stack)).collect();
                            return format!("{cname}({})", parts.join(", "));
                        }
                        let module = match self.heap.get(i.class) {
                            Obj::Class(c) => c.module.clone(),
                            _ => "__main__".into(),
                        };
                        format!("<{module}.{} object at {}>", self.qualname_of(i.class), self.addr(id))
                    }
                    Obj::Module { name, .. } => {
                        if name == "__main__" {
                            "<module '__main__'>".into()
                        } else {
                            format!("<module '{name}' (built-in)>")
                        }
                    }
                    Obj::Cell(_) => format!("<cell at {}>", self.addr(id)),
                    Obj::Iter(st) => {
                        let name = match st {
                            IterState::Enumerate { .. } => "enumerate",
                            IterState::Zip { .. } => "zip",
                            IterState::Map { .. } => "map",
                            IterState::Filter { .. } => "filter",
                            _ => "",
                        };
                        if name.is_empty() {
                            format!("<{} object at {}>", self.type_name(v), self.addr(id))
                        } else {
                            format!("<{name} object at {}>", self.addr(id))
                        }
                    }
                    Obj::Generator(g) => format!("<generator object {} at {}>", g.qualname, self.addr(id)),
                    Obj::Greenlet(_) => {
                        if let Some(s) = self.override_for(id, true) {
                            return s;
                        }
                        format!("<greenlet.greenlet object at {}>", self.addr(id))
                    }
                    Obj::Property { .. } => format!("<property object at {}>", self.addr(id)),
                    Obj::StaticMethod(_) => format!("<staticmethod object at {}>", self.addr(id)),
                    Obj::ClassMethod(_) => format!("<classmethod object at {}>", self.addr(id)),
                    Obj::Super { .. } => "<super object>".into(),
                    Obj::Code(c) => format!("<code object {} at {}>", c.name, self.addr(id)),
                    Obj::MappingProxy(cls) => {
                        let entries: Vec<(String, Value)> = match self.heap.get(*cls) {
                            Obj::Class(c) => {
                                c.attrs.iter().map(|(k, v)| (self.sym_name(*k).into(), *v)).collect()
                            }
                            _ => vec![],
                        };
                        let parts: Vec<String> = entries
                            .iter()
                            .map(|(k, v)| format!("{}: {}", str_repr(k), self.repr_in(*v, stack)))
                            .collect();
                        format!("mappingproxy({{{}}})", parts.join(", "))
                    }
                    Obj::DictView { dict, kind } => {
                        let entries: Vec<(Value, Value)> = match self.heap.get(*dict) {
                            Obj::Dict(d) => d.iter().map(|e| (e.key, e.value)).collect(),
                            _ => vec![],
                        };
                        let parts: Vec<String> = entries
                            .iter()
                            .map(|(k, v)| match kind {
                                0 => self.repr_in(*k, stack),
                                1 => self.repr_in(*v, stack),
                                _ => format!("({}, {})", self.repr_in(*k, stack), self.repr_in(*v, stack)),
                            })
                            .collect();
                        let name = ["dict_keys", "dict_values", "dict_items"][*kind as usize];
                        format!("{name}([{}])", parts.join(", "))
                    }
                    Obj::NotImplemented => "NotImplemented".into(),
                    Obj::Ellipsis => "Ellipsis".into(),
                    Obj::Free => "<freed>".into(),
                }
            }
        }
    }

    fn qualname_of(&self, cls: ObjId) -> String {
        match self.heap.get(cls) {
            Obj::Class(c) => c.qualname.clone(),
            _ => "?".into(),
        }
    }

    /// The order CPython iterates a set in, for the common case of small ints; otherwise insertion order.
    pub(crate) fn set_order(&self, id: ObjId) -> Vec<Value> {
        let items = self.set_items(id);
        super::super::modules::setorder::cpython_order(&items)
    }

    // ---- user __str__/__repr__ first, then native formatting ----

    /// Calls every user `__str__`/`__repr__` reachable from what `after` formats, then finishes it.
    pub(crate) fn with_strings(&mut self, after: AfterStrings, ret: ReturnTo) -> Result<(), Value> {
        // An object with its own `__format__` formats itself (f-strings and format()).
        if let AfterStrings::Field { v, conv: 0, spec } = &after {
            let fs = self.names.intern("__format__");
            if let Some(m) = self.lookup_user_special(*v, fs) {
                let spec = match spec {
                    Some(s) => *s,
                    None => self.new_str(""),
                };
                let args = Args::new(&[*v, spec]);
                return self.perform(
                    Action::CallThen { func: m, args, cont: ContKind::UserFormat(Box::new(after)) },
                    ret,
                );
            }
        }
        // Fields of `str.format` whose values have their own `__format__`: one call each, first.
        if let AfterStrings::Format { pieces, formatted } = &after {
            let calls = self.user_format_calls(pieces);
            if formatted.len() < calls.len() {
                let (func, v, spec) = calls[formatted.len()];
                let args = Args::new(&[v, spec]);
                return self.perform(
                    Action::CallThen { func, args, cont: ContKind::UserFormat(Box::new(after)) },
                    ret,
                );
            }
        }
        let mut calls = Vec::new();
        let mut seen = Vec::new();
        for r in after.roots() {
            self.collect_user_strs(r, &mut calls, &mut seen, 0);
        }
        if calls.is_empty() {
            let act = self.finish_strings(after)?;
            return self.perform(act, ret);
        }
        let (obj, is_repr) = calls[0];
        let func = self.str_method(obj, is_repr);
        self.perform(
            Action::CallThen {
                func,
                args: Args::one(obj),
                cont: ContKind::Stringify { calls, done: vec![], after },
            },
            ret,
        )
    }

    pub(crate) fn str_method(&self, obj: Value, is_repr: bool) -> Value {
        let name = if is_repr { self.sym.repr } else { self.sym.str_ };
        self.lookup_special(obj, name).expect("collected objects have the method")
    }

    fn collect_user_strs(
        &self,
        v: Value,
        calls: &mut Vec<(Value, bool)>,
        seen: &mut Vec<ObjId>,
        depth: usize,
    ) {
        let Value::Obj(id) = v else { return };
        if depth > 20 || seen.contains(&id) {
            return;
        }
        seen.push(id);
        match self.heap.get(id) {
            Obj::Instance(_) | Obj::Greenlet(_) => {
                for is_repr in [false, true] {
                    let name = if is_repr { self.sym.repr } else { self.sym.str_ };
                    if self.lookup_user_special(v, name).is_some() {
                        calls.push((v, is_repr));
                    }
                }
                // An exception's text shows its args (`KeyError(key)` shows `repr(key)`).
                if let Obj::Instance(inst) = self.heap.get(id) {
                    if let Some(exc) = &inst.exc {
                        for a in &exc.args {
                            self.collect_user_strs(*a, calls, seen, depth + 1);
                        }
                    }
                }
            }
            Obj::List(items) | Obj::Tuple(items) => {
                for i in items {
                    self.collect_user_strs(*i, calls, seen, depth + 1);
                }
            }
            Obj::Dict(d) => {
                for e in d.iter() {
                    self.collect_user_strs(e.key, calls, seen, depth + 1);
                    self.collect_user_strs(e.value, calls, seen, depth + 1);
                }
            }
            Obj::Set(d) | Obj::FrozenSet(d) => {
                for e in d.iter() {
                    self.collect_user_strs(e.key, calls, seen, depth + 1);
                }
            }
            _ => {}
        }
    }

    /// A user `__format__` returned `result` for `format()`/an f-string field (the result), or for a
    /// `str.format` field: keep it, then call the next or finish.
    pub(crate) fn user_format_done(
        &mut self,
        mut after: AfterStrings,
        result: Value,
    ) -> Result<Action, Value> {
        let Some(text) = self.str_of(result).map(str::to_string) else {
            let t = self.type_name(result);
            return Err(self.type_error(format!("__format__ must return a str, not {t}")));
        };
        let AfterStrings::Format { pieces, formatted } = &mut after else {
            return Ok(Action::Return(result));
        };
        formatted.push(text);
        let calls = self.user_format_calls(pieces);
        if formatted.len() < calls.len() {
            let (func, v, spec) = calls[formatted.len()];
            let args = Args::new(&[v, spec]);
            return Ok(Action::CallThen { func, args, cont: ContKind::UserFormat(Box::new(after)) });
        }
        Ok(Action::WithStrings(Box::new(after)))
    }

    /// Runs the native formatting with the user strings in place.
    pub(crate) fn finish_strings(&mut self, after: AfterStrings) -> Result<Action, Value> {
        Ok(match after {
            AfterStrings::Str(v) => Action::Return(self.str_value(v)),
            AfterStrings::Repr(v) => {
                let s = self.plain_repr(v);
                Action::Return(self.new_str(&s))
            }
            AfterStrings::Ascii(v) => {
                let a = ascii_escape(&self.plain_repr(v));
                Action::Return(self.new_str(&a))
            }
            AfterStrings::Print { items, sep, end, fd } => {
                let mut pieces: Vec<Vec<u8>> = Vec::new();
                for (i, it) in items.iter().enumerate() {
                    if i > 0 && !sep.is_empty() {
                        pieces.push(sep.clone().into_bytes());
                    }
                    let s = self.plain_str(*it);
                    if !s.is_empty() {
                        pieces.push(s.into_bytes());
                    }
                }
                if !end.is_empty() {
                    pieces.push(end.into_bytes());
                }
                super::super::modules::sysconts::write_pieces(fd, pieces, Value::None)
            }
            AfterStrings::Percent { fmt, args } => Action::Return(self.percent_format_native(fmt, args)?),
            AfterStrings::Format { pieces, formatted } => {
                let s = self.render_format(&pieces, &formatted)?;
                Action::Return(self.new_str(&s))
            }
            AfterStrings::Field { v, conv, spec } => {
                let base = match conv {
                    1 => self.str_value(v),
                    2 => {
                        let s = self.plain_repr(v);
                        self.new_str(&s)
                    }
                    3 => {
                        let s = ascii_escape(&self.plain_repr(v));
                        self.new_str(&s)
                    }
                    _ => v,
                };
                let spec = match spec {
                    Some(s) => self.str_of(s).unwrap_or("").to_string(),
                    None => String::new(),
                };
                let s = self.format_spec(base, &spec)?;
                Action::Return(self.new_str(&s))
            }
        })
    }

    /// `str(v)` as a value (a str stays itself).
    pub(crate) fn str_value(&mut self, v: Value) -> Value {
        if self.str_of(v).is_some() {
            return v;
        }
        if let Value::Int(n) = v {
            // An int's digits go straight into the new str.
            return Value::Obj(self.heap.alloc(Obj::Str(PyStr::from_int(n))));
        }
        let s = self.plain_str(v);
        self.new_str(&s)
    }

    /// An f-string field.
    pub(crate) fn format_value_op(&mut self, v: Value, conv: u32, spec: Option<Value>) -> Result<(), Value> {
        if conv == 0 && spec.is_none() {
            if self.str_of(v).is_some() {
                self.push(v);
                return Ok(());
            }
            if let Value::Int(i) = v {
                let s = Value::Obj(self.heap.alloc(Obj::Str(PyStr::from_int(i))));
                self.push(s);
                return Ok(());
            }
        }
        let fs = self.names.intern("__format__");
        let conv =
            if conv == 0 && spec.is_none() && self.lookup_user_special(v, fs).is_none() { 1 } else { conv };
        self.with_strings(AfterStrings::Field { v, conv, spec }, ReturnTo::Push)
    }

    /// `format(v, spec)` for builtin values (str, int, bool, float; any other object's inherited
    /// `object.__format__` takes no spec).
    pub(crate) fn format_spec(&mut self, v: Value, spec: &str) -> Result<String, Value> {
        if spec.is_empty() {
            return Ok(self.plain_str(v));
        }
        // An int or str subclass without `__format__` formats as its value.
        let v = self.base_value(v);
        let result = if let Some(s) = self.str_of(v) {
            spec::format_str(s, spec)
        } else if let Value::Float(f) = v {
            spec::format_float(f, spec)
        } else if self.is_int(v) {
            let n = self.big_of(v).unwrap_or_default();
            spec::format_int(&n, spec, &self.type_name(v))
        } else {
            let t = self.type_name(v);
            return Err(self.type_error(format!("unsupported format string passed to {t}.__format__")));
        };
        result.map_err(|e| match e {
            spec::SpecError::Value(m) => self.value_error(m),
            spec::SpecError::Overflow(m) => self.exc(ExcKind::OverflowError, m),
        })
    }

    /// Parses a `str.format` string and resolves each field's value (index, name, `.attr`, `[key]`),
    /// conversion and nested spec fields, in CPython's order: a field's own automatic number comes
    /// before those of the fields nested in its spec. An error stops the parse and is kept as the
    /// last piece, raised when rendering reaches it (after the fields before it were formatted).
    pub(crate) fn parse_format(&mut self, fmt: &str, args: &Args) -> Vec<FormatPiece> {
        let mut pieces = Vec::new();
        let mut numbering = FieldNumbering::default();
        let chars: Vec<char> = fmt.chars().collect();
        let mut text = String::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c == '{' && chars.get(i + 1) == Some(&'{') || c == '}' && chars.get(i + 1) == Some(&'}') {
                text.push(c);
                i += 2;
                continue;
            }
            if c == '}' {
                pieces.push(FormatPiece::Text(std::mem::take(&mut text)));
                let e = self.value_error("Single '}' encountered in format string");
                pieces.push(FormatPiece::Error(e));
                return pieces;
            }
            if c != '{' {
                text.push(c);
                i += 1;
                continue;
            }
            pieces.push(FormatPiece::Text(std::mem::take(&mut text)));
            let (j, depth) = past_matching_brace(&chars, i);
            if depth != 0 {
                let msg = if chars[i + 1..].contains(&'}') {
                    "expected '}' before end of string"
                } else {
                    "Single '{' encountered in format string"
                };
                pieces.push(FormatPiece::Error(self.value_error(msg)));
                return pieces;
            }
            let field: String = chars[i + 1..j - 1].iter().collect();
            i = j;
            match self.resolve_field(&field, args, &mut numbering) {
                Ok(piece) => pieces.push(piece),
                Err(e) => {
                    pieces.push(FormatPiece::Error(e));
                    return pieces;
                }
            }
        }
        pieces.push(FormatPiece::Text(text));
        pieces
    }

    /// One replacement field `name!conv:spec` (without its braces).
    fn resolve_field(
        &mut self,
        field: &str,
        args: &Args,
        numbering: &mut FieldNumbering,
    ) -> Result<FormatPiece, Value> {
        self.resolve_field_at(field, args, numbering, false)
    }

    /// A field, top-level or `nested` in another's spec.
    fn resolve_field_at(
        &mut self,
        field: &str,
        args: &Args,
        numbering: &mut FieldNumbering,
        nested: bool,
    ) -> Result<FormatPiece, Value> {
        // The name ends at the first '!' or ':' outside brackets (`{0[a:b]}` keeps its key).
        let mut in_bracket = false;
        let name_end = field
            .char_indices()
            .find(|&(_, c)| {
                match c {
                    '[' => in_bracket = true,
                    ']' => in_bracket = false,
                    _ => {}
                }
                !in_bracket && (c == '!' || c == ':')
            })
            .map_or(field.len(), |(p, _)| p);
        let name = &field[..name_end];
        let rest = &field[name_end..];
        let (conv, spec) = if let Some(r) = rest.strip_prefix('!') {
            let mut cs = r.chars();
            let conv = match cs.next() {
                Some(c) => c,
                // CPython reads the closing brace as the conversion, then misses it.
                None => return Err(self.value_error("unmatched '{' in format spec")),
            };
            let after = cs.as_str();
            let spec = match after.strip_prefix(':') {
                Some(spec) => spec,
                None if after.is_empty() => "",
                None => return Err(self.value_error("expected ':' after conversion specifier")),
            };
            if !matches!(conv, 'r' | 's' | 'a') {
                return Err(self.value_error(format!("Unknown conversion specifier {conv}")));
            }
            (Some(conv), spec)
        } else {
            (None, rest.strip_prefix(':').unwrap_or(""))
        };
        let head_end = name.find(['.', '[']).unwrap_or(name.len());
        let mut v = self.field_value(&name[..head_end], args, numbering)?;
        // `.attr` and `[index]` paths.
        let mut path = &name[head_end..];
        while !path.is_empty() {
            if let Some(r) = path.strip_prefix('.') {
                let end = r.find(['.', '[']).unwrap_or(r.len());
                if end == 0 {
                    return Err(self.value_error("Empty attribute in format string"));
                }
                let s = self.names.intern(&r[..end]);
                v = self.get_attr_value(v, s)?;
                path = &r[end..];
            } else if let Some(r) = path.strip_prefix('[') {
                let Some(end) = r.find(']') else {
                    // CPython's scan for the field's end skipped the brace inside the brackets.
                    return Err(self.value_error("expected '}' before end of string"));
                };
                let key = &r[..end];
                let k = match key.parse::<i64>() {
                    Ok(n) => Value::Int(n),
                    Err(_) => self.new_str(key),
                };
                v = match self.getitem_builtin(v, k)? {
                    Some(item) => item,
                    None if self.lookup_user_special(v, self.sym.getitem).is_some() => {
                        let t = self.type_name(v);
                        return Err(self.type_error(format!(
                            "'{t}' object: str.format in ioplay indexes only builtin containers in a field name"
                        )));
                    }
                    None => {
                        let t = self.type_name(v);
                        return Err(self.type_error(format!("'{t}' object is not subscriptable")));
                    }
                };
                path = &r[end + 1..];
            } else {
                return Err(self.value_error("Only '.' or '[' may follow ']' in format field specifier"));
            }
        }
        let spec = self.spec_parts(spec, args, numbering, nested)?;
        Ok(FormatPiece::Field { v, conv, spec })
    }

    /// A field's spec: text (doubled braces are single) and nested fields (`{:>{width}}`), numbered
    /// after the field itself. A field in a nested field's spec is too deep for CPython.
    fn spec_parts(
        &mut self,
        spec: &str,
        args: &Args,
        numbering: &mut FieldNumbering,
        nested: bool,
    ) -> Result<Vec<SpecPart>, Value> {
        let chars: Vec<char> = spec.chars().collect();
        let mut parts = Vec::new();
        let mut text = String::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if (c == '{' || c == '}') && chars.get(i + 1) == Some(&c) {
                text.push(c);
                i += 2;
                continue;
            }
            if c == '}' {
                return Err(self.value_error("Single '}' encountered in format string"));
            }
            if c != '{' {
                text.push(c);
                i += 1;
                continue;
            }
            if nested {
                return Err(self.value_error("Max string recursion exceeded"));
            }
            let (j, depth) = past_matching_brace(&chars, i);
            if depth != 0 {
                return Err(self.value_error("expected '}' before end of string"));
            }
            let inner: String = chars[i + 1..j - 1].iter().collect();
            i = j;
            parts.push(SpecPart::Text(std::mem::take(&mut text)));
            let FormatPiece::Field { v, conv, spec } =
                self.resolve_field_at(&inner, args, numbering, true)?
            else {
                unreachable!("resolve_field makes fields")
            };
            parts.push(SpecPart::Field { v, conv, spec: spec_text(&spec) });
        }
        parts.push(SpecPart::Text(text));
        Ok(parts)
    }

    /// A field's spec as text, nested fields formatted (with the user strings known by now).
    fn expand_spec(&mut self, parts: &[SpecPart]) -> Result<String, Value> {
        let mut out = String::new();
        for p in parts {
            match p {
                SpecPart::Text(t) => out.push_str(t),
                SpecPart::Field { v, conv, spec } => out.push_str(&self.render_plain_field(*v, *conv, spec)?),
            }
        }
        Ok(out)
    }

    /// The value a field name's head (empty, a number or a keyword) names.
    fn field_value(
        &mut self,
        head: &str,
        args: &Args,
        numbering: &mut FieldNumbering,
    ) -> Result<Value, Value> {
        let index = if head.is_empty() {
            if numbering.manual {
                return Err(self.value_error(
                    "cannot switch from manual field specification to automatic field numbering",
                ));
            }
            numbering.auto += 1;
            Some(numbering.auto - 1)
        } else if let Ok(n) = head.parse::<usize>() {
            if numbering.auto > 0 {
                return Err(self.value_error(
                    "cannot switch from automatic field numbering to manual field specification",
                ));
            }
            numbering.manual = true;
            Some(n)
        } else {
            None
        };
        match index {
            Some(n) => args.pos.get(n).copied().ok_or_else(|| {
                self.exc(
                    ExcKind::IndexError,
                    format!("Replacement index {n} out of range for positional args tuple"),
                )
            }),
            None => {
                let s = self.names.intern(head);
                match args.kw.iter().find(|k| k.0 == s) {
                    Some(k) => Ok(k.1),
                    None => {
                        let k = self.new_str(head);
                        Err(self.new_exc_from(self.exc_class(ExcKind::KeyError), vec![k]))
                    }
                }
            }
        }
    }

    /// The fields whose values format themselves with a Python `__format__`, in order: the method
    /// and its two arguments. They are called before the rest is rendered natively.
    pub(crate) fn user_format_calls(&mut self, pieces: &[FormatPiece]) -> Vec<(Value, Value, Value)> {
        let fs = self.names.intern("__format__");
        let mut calls = Vec::new();
        for p in pieces {
            if let FormatPiece::Field { v, conv: None, spec } = p {
                if let Some(m) = self.lookup_user_special(*v, fs) {
                    let Ok(text) = self.expand_spec(spec) else {
                        break; // raised when rendering reaches this field
                    };
                    let spec = self.new_str(&text);
                    calls.push((m, *v, spec));
                }
            }
        }
        calls
    }

    /// A field with its conversion, formatted natively.
    fn render_plain_field(&mut self, v: Value, conv: Option<char>, spec: &str) -> Result<String, Value> {
        let v = match conv {
            Some('r') => {
                let s = self.plain_repr(v);
                self.new_str(&s)
            }
            Some('a') => {
                let s = ascii_escape(&self.plain_repr(v));
                self.new_str(&s)
            }
            Some(_) => self.str_value(v),
            None => v,
        };
        self.format_spec(v, spec)
    }

    /// `str.format`: the parsed pieces, with the results of the user `__format__` calls in order.
    pub(crate) fn render_format(
        &mut self,
        pieces: &[FormatPiece],
        formatted: &[String],
    ) -> Result<String, Value> {
        let fs = self.names.intern("__format__");
        let mut user = formatted.iter();
        let mut out = String::new();
        for p in pieces {
            match p {
                FormatPiece::Text(t) => out.push_str(t),
                FormatPiece::Field { v, conv, spec } => {
                    let spec = self.expand_spec(spec)?;
                    if conv.is_none() && self.lookup_user_special(*v, fs).is_some() {
                        out.push_str(user.next().expect("every user __format__ was called"));
                    } else {
                        out.push_str(&self.render_plain_field(*v, *conv, &spec)?);
                    }
                }
                FormatPiece::Error(e) => return Err(*e),
            }
        }
        Ok(out)
    }
}

/// Which numbering a format string's fields use: CPython refuses to mix the two.
#[derive(Default)]
struct FieldNumbering {
    auto: usize,
    manual: bool,
}

/// A piece of a replacement field's spec.
#[derive(Clone, Debug)]
pub enum SpecPart {
    Text(String),
    /// A nested field: its value, conversion and (plain) spec.
    Field {
        v: Value,
        conv: Option<char>,
        spec: String,
    },
}

/// A nested field's spec, which holds no fields.
fn spec_text(parts: &[SpecPart]) -> String {
    parts
        .iter()
        .map(|p| match p {
            SpecPart::Text(t) => t.as_str(),
            SpecPart::Field { .. } => unreachable!("a nested spec with a field is refused"),
        })
        .collect()
}

/// A piece of a parsed `str.format` string.
#[derive(Clone, Debug)]
pub enum FormatPiece {
    Text(String),
    /// A replacement field: the value, its conversion (`r`, `s`, `a`) and its spec.
    Field {
        v: Value,
        conv: Option<char>,
        spec: Vec<SpecPart>,
    },
    /// What resolving a field raised; raised when rendering reaches it.
    Error(Value),
}

/// `ascii()`: non-ASCII characters of a repr as `\x`, `\u` or `\U` escapes.
pub fn ascii_escape(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii() {
                c.to_string()
            } else if (c as u32) < 0x100 {
                format!("\\x{:02x}", c as u32)
            } else if (c as u32) < 0x10000 {
                format!("\\u{:04x}", c as u32)
            } else {
                format!("\\U{:08x}", c as u32)
            }
        })
        .collect()
}

/// From the `{` at `open`: the index just past its matching `}` and the nesting left open (0 when
/// the braces balance; then the index is past the end of `chars`).
fn past_matching_brace(chars: &[char], open: usize) -> (usize, u32) {
    let mut depth = 1;
    let mut j = open + 1;
    while j < chars.len() && depth > 0 {
        match chars[j] {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        j += 1;
    }
    (j, depth)
}
