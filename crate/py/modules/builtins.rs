//! The `builtins` module: functions, type constructors, and the exception classes.

use num_bigint::BigInt;

use super::conts::finish_collect;
use crate::py::value::{Class, IterState, Kind, Obj, ObjId, PyStr, Sym, Value};
use crate::py::vm::{Action, Args, Collected, ContKind, ExcKind, Vm};

type R = Result<Action, Value>;

fn ret(v: Value) -> R {
    Ok(Action::Return(v))
}

pub fn install(vm: &mut Vm) {
    let b = vm.builtins;
    let fns: &[(&'static str, crate::py::vm::NativeFn)] = &[
        ("print", print),
        ("input", input),
        ("len", len),
        ("repr", repr),
        ("ascii", ascii),
        ("isinstance", isinstance),
        ("issubclass", issubclass),
        ("hasattr", hasattr),
        ("getattr", getattr),
        ("setattr", setattr),
        ("delattr", delattr),
        ("id", id),
        ("iter", iter),
        ("next", next),
        ("callable", callable),
        ("hash", hash),
        ("ord", ord),
        ("chr", chr),
        ("hex", hex),
        ("oct", oct),
        ("bin", bin),
        ("format", format),
        ("any", any),
        ("all", all),
        ("vars", vars),
        ("dir", dir),
        ("sorted", sorted),
        ("min", min),
        ("max", max),
        ("sum", sum),
        ("abs", abs),
        ("round", round),
        ("divmod", divmod),
        ("pow", pow),
        ("exit", exit),
        ("quit", exit),
        ("open", open),
        ("globals", globals),
        ("locals", globals),
        ("__build_class__", build_class),
        ("__import__", import),
    ];
    for &(name, f) in fns {
        vm.def_native(b, name, f);
    }
    let t = vm.types.clone();
    let classes = [
        ("object", t.object),
        ("type", t.type_),
        ("int", t.int),
        ("bool", t.bool_),
        ("float", t.float),
        ("str", t.str_),
        ("bytes", t.bytes),
        ("bytearray", t.bytearray),
        ("tuple", t.tuple),
        ("list", t.list),
        ("dict", t.dict),
        ("set", t.set),
        ("frozenset", t.frozenset),
        ("range", t.range),
        ("slice", t.slice),
        ("property", t.property),
        ("staticmethod", t.staticmethod),
        ("classmethod", t.classmethod),
        ("super", t.super_),
        ("enumerate", t.iterator),
    ];
    for (name, c) in classes {
        if name != "enumerate" {
            vm.set_attr_raw(b, name, Value::Obj(c));
        }
    }
    // enumerate, zip, map, filter, reversed are classes in CPython; callables here.
    vm.def_native(b, "enumerate", enumerate);
    vm.def_native(b, "zip", zip);
    vm.def_native(b, "map", map);
    vm.def_native(b, "filter", filter);
    vm.def_native(b, "reversed", reversed);
    for (kind, name) in ExcKind::all() {
        if kind == ExcKind::GreenletExit {
            continue;
        }
        let c = vm.exc_class(kind);
        vm.set_attr_raw(b, name, Value::Obj(c));
    }
    let eio = vm.exc_class(ExcKind::OSError);
    vm.set_attr_raw(b, "IOError", Value::Obj(eio));
    vm.set_attr_raw(b, "EnvironmentError", Value::Obj(eio));
    let ni = Value::Obj(vm.heap.alloc(Obj::NotImplemented));
    vm.set_attr_raw(b, "NotImplemented", ni);
    let el = Value::Obj(vm.heap.ellipsis());
    vm.set_attr_raw(b, "Ellipsis", el);
    let name = vm.new_str("builtins");
    vm.set_attr_raw(b, "__name__", name);
    vm.modules.insert("builtins".into(), b);
}

// ---- I/O ----

fn fd_of_file(vm: &mut Vm, f: Value) -> Result<i32, Value> {
    if f == Value::None {
        return Ok(1);
    }
    let s = vm.names.intern("_fd");
    if let Value::Obj(id) = f {
        if let Obj::Instance(i) = vm.heap.get(id) {
            if let Some(Value::Int(fd)) = i.attrs.get(s) {
                return Ok(fd as i32);
            }
        }
    }
    Err(vm.exc(ExcKind::AttributeError, format!("'{}' object has no attribute 'write'", vm.type_name(f))))
}

fn print(vm: &mut Vm, a: Args) -> R {
    for &(k, _) in &a.kw {
        let name = vm.names.name(k).to_string();
        if !matches!(name.as_str(), "sep" | "end" | "file" | "flush") {
            return Err(vm.type_error(format!("'{name}' is an invalid keyword argument for print()")));
        }
    }
    let sep = match a.kw(vm, "sep") {
        Some(v) if v != Value::None => match vm.str_of(v) {
            Some(s) => s.to_string(),
            None => {
                return Err(vm.type_error(format!("sep must be None or a string, not {}", vm.type_name(v))))
            }
        },
        _ => " ".to_string(),
    };
    let end = match a.kw(vm, "end") {
        Some(v) if v != Value::None => match vm.str_of(v) {
            Some(s) => s.to_string(),
            None => {
                return Err(vm.type_error(format!("end must be None or a string, not {}", vm.type_name(v))))
            }
        },
        _ => "\n".to_string(),
    };
    let fd = fd_of_file(vm, a.kw(vm, "file").unwrap_or(Value::None))?;
    let after = crate::py::vm::format::AfterStrings::Print { items: a.pos.into_vec(), sep, end, fd };
    Ok(Action::WithStrings(Box::new(after)))
}

fn input(vm: &mut Vm, a: Args) -> R {
    let prompt = match a.get(0) {
        Some(p) => vm.plain_str(p),
        None => String::new(),
    };
    super::sysconts::input(vm, prompt)
}

fn open(vm: &mut Vm, _a: Args) -> R {
    Err(vm.exc(ExcKind::OSError, "open() is not available in ioplay: programs have no files"))
}

// ---- introspection ----

fn len(vm: &mut Vm, a: Args) -> R {
    if a.pos.len() != 1 {
        let n = a.pos.len();
        return Err(vm.type_error(format!("len() takes exactly one argument ({n} given)")));
    }
    let v = a.get(0).unwrap_or(Value::None);
    if let Some(n) = vm.len_builtin(v) {
        return ret(Value::Int(n as i64));
    }
    if let Some(m) = vm.lookup_user_special(v, vm.sym.len) {
        return Ok(Action::Call { func: m, args: Args::one(v) });
    }
    Err(vm.type_error(format!("object of type '{}' has no len()", vm.type_name(v))))
}

fn repr(_vm: &mut Vm, a: Args) -> R {
    let v = a.get(0).unwrap_or(Value::None);
    Ok(Action::WithStrings(Box::new(crate::py::vm::format::AfterStrings::Repr(v))))
}

fn ascii(vm: &mut Vm, a: Args) -> R {
    let _ = vm;
    let v = a.get(0).unwrap_or(Value::None);
    Ok(Action::WithStrings(Box::new(crate::py::vm::format::AfterStrings::Ascii(v))))
}

fn class_list(vm: &mut Vm, c: Value, what: &str) -> Result<Vec<ObjId>, Value> {
    let items = match c {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Class(_) => vec![c],
            Obj::Tuple(t) => t.clone(),
            _ => vec![c],
        },
        _ => vec![c],
    };
    let mut out = Vec::new();
    for i in items {
        match i {
            Value::Obj(id) if matches!(vm.heap.get(id), Obj::Class(_)) => out.push(id),
            _ => {
                return Err(
                    vm.type_error(format!("{what}() arg 2 must be a type, a tuple of types, or a union"))
                )
            }
        }
    }
    Ok(out)
}

fn isinstance(vm: &mut Vm, a: Args) -> R {
    let (v, c) = (a.get(0).unwrap_or(Value::None), a.get(1).unwrap_or(Value::None));
    let classes = class_list(vm, c, "isinstance")?;
    let r = classes.iter().any(|&k| vm.isinstance(v, k));
    ret(Value::Bool(r))
}

fn issubclass(vm: &mut Vm, a: Args) -> R {
    let (v, c) = (a.get(0).unwrap_or(Value::None), a.get(1).unwrap_or(Value::None));
    let Value::Obj(vid) = v else {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    };
    if !matches!(vm.heap.get(vid), Obj::Class(_)) {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    }
    let classes = class_list(vm, c, "issubclass")?;
    let r = classes.iter().any(|&k| vm.is_subclass(vid, k));
    ret(Value::Bool(r))
}

fn attr_name(vm: &mut Vm, v: Value) -> Result<Sym, Value> {
    match vm.str_of(v) {
        Some(s) => {
            let s = s.to_string();
            Ok(vm.names.intern(&s))
        }
        None => Err(vm.type_error(format!("attribute name must be string, not '{}'", vm.type_name(v)))),
    }
}

fn hasattr(vm: &mut Vm, a: Args) -> R {
    let o = a.get(0).unwrap_or(Value::None);
    let n = attr_name(vm, a.get(1).unwrap_or(Value::None))?;
    match vm.get_attr(o, n) {
        Ok(crate::py::vm::attr::AttrOut::Value(_)) => ret(Value::Bool(true)),
        Ok(crate::py::vm::attr::AttrOut::Call(func, args)) => {
            Ok(Action::CallThen { func, args, cont: ContKind::HasAttr })
        }
        Err(e) if vm.is_exc(e, ExcKind::AttributeError) => ret(Value::Bool(false)),
        Err(e) => Err(e),
    }
}

fn getattr(vm: &mut Vm, a: Args) -> R {
    let o = a.get(0).unwrap_or(Value::None);
    let n = attr_name(vm, a.get(1).unwrap_or(Value::None))?;
    let default = a.get(2);
    match vm.get_attr(o, n) {
        Ok(crate::py::vm::attr::AttrOut::Value(v)) => ret(v),
        Ok(crate::py::vm::attr::AttrOut::Call(func, args)) => match default {
            Some(d) => Ok(Action::CallThen { func, args, cont: ContKind::GetAttrDefault { default: d } }),
            None => Ok(Action::Call { func, args }),
        },
        Err(e) if default.is_some() && vm.is_exc(e, ExcKind::AttributeError) => {
            ret(default.unwrap_or(Value::None))
        }
        Err(e) => Err(e),
    }
}

fn setattr(vm: &mut Vm, a: Args) -> R {
    let o = a.get(0).unwrap_or(Value::None);
    let n = attr_name(vm, a.get(1).unwrap_or(Value::None))?;
    let v = a.get(2).unwrap_or(Value::None);
    vm.set_attr(o, n, v)?;
    ret(Value::None)
}

fn delattr(vm: &mut Vm, a: Args) -> R {
    let o = a.get(0).unwrap_or(Value::None);
    let n = attr_name(vm, a.get(1).unwrap_or(Value::None))?;
    vm.del_attr(o, n)?;
    ret(Value::None)
}

fn id(vm: &mut Vm, a: Args) -> R {
    let _ = vm;
    let v = a.get(0).unwrap_or(Value::None);
    ret(Value::Int(match v {
        Value::Obj(i) => 0x7f00_0000_0000 + i.0 as i64 * 0x30,
        Value::None => 0x5f00_0000_0010,
        Value::Bool(b) => 0x5f00_0000_0020 + b as i64 * 0x20,
        Value::Int(i) => 0x5f00_1000_0000 + i.wrapping_mul(0x20),
        Value::Float(f) => 0x5f00_2000_0000 + (f.to_bits() as i64 & 0xffff_ffff),
        Value::Unbound => 0,
    }))
}

fn iter(vm: &mut Vm, a: Args) -> R {
    let v = a.get(0).unwrap_or(Value::None);
    if let Some(sentinel) = a.get(1) {
        let it = vm.heap.alloc(Obj::Iter(IterState::Callable { func: v, sentinel }));
        return ret(Value::Obj(it));
    }
    match vm.get_iter_builtin(v)? {
        Some(it) => ret(it),
        None => match vm.lookup_user_special(v, vm.sym.iter) {
            Some(m) => Ok(Action::Call { func: m, args: Args::one(v) }),
            None => Err(vm.type_error(format!("'{}' object is not iterable", vm.type_name(v)))),
        },
    }
}

fn next(vm: &mut Vm, a: Args) -> R {
    let it = a.get(0).unwrap_or(Value::None);
    let is_iter = match it {
        Value::Obj(id) => {
            matches!(vm.heap.get(id), Obj::Iter(_) | Obj::Generator(_))
                || vm.lookup_user_special(it, vm.sym.next).is_some()
        }
        _ => false,
    };
    if !is_iter {
        return Err(vm.type_error(format!("'{}' object is not an iterator", vm.type_name(it))));
    }
    match a.get(1) {
        Some(d) => Ok(Action::NextThen { iter: it, cont: ContKind::NextDefault { default: d } }),
        None => Ok(Action::Next { iter: it }),
    }
}

fn callable(vm: &mut Vm, a: Args) -> R {
    let v = a.get(0).unwrap_or(Value::None);
    let r = match v {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Function(_)
            | Obj::Native(_)
            | Obj::NativeMethod { .. }
            | Obj::Method { .. }
            | Obj::Class(_) => true,
            Obj::Instance(_) => vm.lookup_special(v, vm.sym.call).is_some(),
            _ => false,
        },
        _ => false,
    };
    ret(Value::Bool(r))
}

fn hash(vm: &mut Vm, a: Args) -> R {
    let v = a.get(0).unwrap_or(Value::None);
    if let Some(m) = vm.lookup_user_special(v, vm.sym.hash) {
        return Ok(Action::Call { func: m, args: Args::one(v) });
    }
    let h = vm.hash(v)?;
    let h = match vm.base_value(v) {
        Value::Int(_) | Value::Bool(_) | Value::Float(_) => h as i64,
        Value::Obj(id) if matches!(vm.heap.get(id), Obj::BigInt(_)) => h as i64,
        _ => (h >> 1) as i64,
    };
    ret(Value::Int(h))
}

fn ord(vm: &mut Vm, a: Args) -> R {
    let v = a.get(0).unwrap_or(Value::None);
    if let Some(s) = vm.str_of(v) {
        let mut cs = s.chars();
        if let (Some(c), None) = (cs.next(), cs.next()) {
            return ret(Value::Int(c as i64));
        }
        let n = s.chars().count();
        return Err(vm.type_error(format!("ord() expected a character, but string of length {n} found")));
    }
    if let Value::Obj(id) = v {
        if let Obj::Bytes(b) | Obj::ByteArray(b) = vm.heap.get(id) {
            if b.len() == 1 {
                return ret(Value::Int(b[0] as i64));
            }
        }
    }
    Err(vm.type_error(format!("ord() expected string of length 1, but {} found", vm.type_name(v))))
}

fn chr(vm: &mut Vm, a: Args) -> R {
    let v = a.get(0).unwrap_or(Value::None);
    match vm.small_int(v).and_then(|i| u32::try_from(i).ok()).and_then(char::from_u32) {
        Some(c) => {
            let s = vm.new_str(&c.to_string());
            ret(s)
        }
        None => {
            match v {
                Value::Int(_) => Err(vm.value_error("chr() arg not in range(0x110000)")),
                _ => Err(vm
                    .type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(v)))),
            }
        }
    }
}

fn radix(vm: &mut Vm, a: Args, r: u32, prefix: &str) -> R {
    let v = a.get(0).unwrap_or(Value::None);
    let Some(b) = big(vm, v) else {
        return Err(
            vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(v)))
        );
    };
    let neg = b < BigInt::from(0);
    let mag = if neg { -b } else { b };
    let s = format!("{}{prefix}{}", if neg { "-" } else { "" }, mag.to_str_radix(r));
    ret(vm.new_str(&s))
}

fn hex(vm: &mut Vm, a: Args) -> R {
    radix(vm, a, 16, "0x")
}

fn oct(vm: &mut Vm, a: Args) -> R {
    radix(vm, a, 8, "0o")
}

fn bin(vm: &mut Vm, a: Args) -> R {
    radix(vm, a, 2, "0b")
}

pub(crate) fn big(vm: &Vm, v: Value) -> Option<BigInt> {
    vm.big_of(v)
}

fn format(vm: &mut Vm, a: Args) -> R {
    let v = a.get(0).unwrap_or(Value::None);
    let spec = a.get(1);
    // The spec is checked before any `__format__` runs, as CPython's `format()` does.
    if let Some(s) = spec.filter(|&s| vm.str_of(s).is_none()) {
        let t = vm.type_name(s);
        return Err(vm.type_error(format!("format() argument 2 must be str, not {t}")));
    }
    Ok(Action::WithStrings(Box::new(crate::py::vm::format::AfterStrings::Field { v, conv: 0, spec })))
}

/// Starts collecting `v`'s items for `finish` (at once for builtin sequences).
pub(crate) fn collect(vm: &mut Vm, v: Value, finish: Collected) -> R {
    if let Some(items) = vm.seq_items(v) {
        return finish_collect(vm, items, finish);
    }
    if let Value::Obj(id) = v {
        if let Obj::Str(s) = vm.heap.get(id) {
            let chars: Vec<String> = s.chars().map(|c| c.to_string()).collect();
            let items = chars.iter().map(|c| vm.new_str(c)).collect();
            return finish_collect(vm, items, finish);
        }
    }
    match vm.get_iter_builtin(v) {
        Ok(Some(iter)) => {
            Ok(Action::NextThen { iter, cont: ContKind::Collect { iter, acc: vec![], finish } })
        }
        Ok(None) => match vm.lookup_user_special(v, vm.sym.iter) {
            Some(m) => {
                Ok(Action::CallThen { func: m, args: Args::one(v), cont: ContKind::StartCollect { finish } })
            }
            None => Err(vm.type_error(format!("'{}' object is not iterable", vm.type_name(v)))),
        },
        Err(e) => Err(e),
    }
}

/// `any`/`all` stop at the first deciding item, so lazy iterators are only consumed that far.
fn any_all(vm: &mut Vm, v: Value, want: bool) -> R {
    if vm.seq_items(v).is_some() {
        return collect(vm, v, Collected::AnyAll { want });
    }
    match vm.get_iter_builtin(v)? {
        Some(iter) => Ok(Action::NextThen { iter, cont: ContKind::AnyAll { iter, want } }),
        None => collect(vm, v, Collected::AnyAll { want }),
    }
}

fn any(vm: &mut Vm, a: Args) -> R {
    any_all(vm, a.get(0).unwrap_or(Value::None), true)
}

fn all(vm: &mut Vm, a: Args) -> R {
    any_all(vm, a.get(0).unwrap_or(Value::None), false)
}

fn vars(vm: &mut Vm, a: Args) -> R {
    match a.get(0) {
        Some(Value::Obj(id)) => {
            if matches!(vm.heap.get(id), Obj::Instance(_) | Obj::Class(_) | Obj::Module { .. }) {
                ret(vm.attrs_dict(id))
            } else {
                Err(vm.type_error("vars() argument must have __dict__ attribute"))
            }
        }
        _ => globals(vm, a),
    }
}

fn globals(vm: &mut Vm, _a: Args) -> R {
    let g = vm.frames.last().map(|f| f.globals).unwrap_or(vm.builtins);
    ret(vm.attrs_dict(g))
}

fn dir(vm: &mut Vm, a: Args) -> R {
    let v = a.get(0);
    let mut names: Vec<String> = Vec::new();
    let add_map = |vm: &Vm, id: ObjId, names: &mut Vec<String>| {
        let attrs: Vec<Sym> = match vm.heap.get(id) {
            Obj::Instance(_) => {
                names.extend(vm.instance_attr_names(id));
                return;
            }
            Obj::Class(c) => c.attrs.iter().map(|a| a.0).collect(),
            Obj::Module { attrs, .. } => attrs.iter().map(|a| a.0).collect(),
            _ => vec![],
        };
        for s in attrs {
            names.push(vm.sym_name(s).to_string());
        }
    };
    match v {
        None => {
            let g = vm.frames.last().map(|f| f.globals).unwrap_or(vm.builtins);
            add_map(vm, g, &mut names);
        }
        Some(v) => {
            if let Value::Obj(id) = v {
                add_map(vm, id, &mut names);
            }
            let cls = match v {
                Value::Obj(id) if matches!(vm.heap.get(id), Obj::Class(_)) => id,
                _ => vm.class_of(v),
            };
            if let Obj::Class(c) = vm.heap.get(cls) {
                for k in c.mro.clone() {
                    add_map(vm, k, &mut names);
                }
            }
        }
    }
    names.sort();
    names.dedup();
    let items = names.iter().map(|n| vm.new_str(n)).collect();
    ret(vm.new_list(items))
}

// ---- iteration helpers ----

fn sorted(vm: &mut Vm, a: Args) -> R {
    let Some(v) = a.get(0) else {
        return Err(vm.type_error("sorted expected 1 argument, got 0"));
    };
    let key = a.kw(vm, "key").unwrap_or(Value::None);
    let reverse = match a.kw(vm, "reverse") {
        Some(r) => vm.truthy(r)?.unwrap_or(true),
        None => false,
    };
    collect(vm, v, Collected::Sorted { reverse, key })
}

fn min_max(vm: &mut Vm, a: Args, is_max: bool) -> R {
    let key = a.kw(vm, "key").unwrap_or(Value::None);
    let default = a.kw(vm, "default").unwrap_or(Value::Unbound);
    let name = if is_max { "max" } else { "min" };
    match a.pos.len() {
        0 => Err(vm.type_error(format!("{name} expected at least 1 argument, got 0"))),
        1 => collect(vm, a.pos[0], Collected::MinMax { is_max, key, default }),
        _ => {
            let t = vm.new_tuple(a.pos.to_vec());
            collect(vm, t, Collected::MinMax { is_max, key, default })
        }
    }
}

fn min(vm: &mut Vm, a: Args) -> R {
    min_max(vm, a, false)
}

fn max(vm: &mut Vm, a: Args) -> R {
    min_max(vm, a, true)
}

fn sum(vm: &mut Vm, a: Args) -> R {
    let start = a.arg(vm, 1, "start").unwrap_or(Value::Int(0));
    if vm.str_of(start).is_some() {
        return Err(vm.type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    collect(vm, a.get(0).unwrap_or(Value::None), Collected::Sum(start))
}

fn enumerate(vm: &mut Vm, a: Args) -> R {
    let v = a.arg(vm, 0, "iterable").unwrap_or(Value::None);
    let start = a.arg(vm, 1, "start").and_then(|s| vm.small_int(s)).unwrap_or(0);
    let inner = iter_of(vm, v)?;
    let it = vm.heap.alloc(Obj::Iter(IterState::Enumerate { inner, count: start }));
    ret(Value::Obj(it))
}

/// An iterator for `v` (builtin iterables only; objects with `__iter__` need a call first).
fn iter_of(vm: &mut Vm, v: Value) -> Result<Value, Value> {
    match vm.get_iter_builtin(v)? {
        Some(it) => Ok(it),
        None => {
            // An object that is its own iterator (has __next__) is fine as is.
            if vm.lookup_user_special(v, vm.sym.next).is_some() {
                return Ok(v);
            }
            Err(vm.type_error(format!(
                "'{}' object is not iterable (objects with __iter__ are not supported by this builtin in ioplay)",
                vm.type_name(v)
            )))
        }
    }
}

fn zip(vm: &mut Vm, a: Args) -> R {
    let mut inners = Vec::new();
    for v in a.pos {
        inners.push(iter_of(vm, v)?);
    }
    let it = vm.heap.alloc(Obj::Iter(IterState::Zip { inners }));
    ret(Value::Obj(it))
}

fn map(vm: &mut Vm, a: Args) -> R {
    if a.pos.len() < 2 {
        return Err(vm.type_error("map() must have at least two arguments."));
    }
    let func = a.pos[0];
    let mut inners = Vec::new();
    for v in a.pos[1..].iter() {
        inners.push(iter_of(vm, *v)?);
    }
    let it = vm.heap.alloc(Obj::Iter(IterState::Map { func, inners }));
    ret(Value::Obj(it))
}

fn filter(vm: &mut Vm, a: Args) -> R {
    let func = a.get(0).unwrap_or(Value::None);
    let inner = iter_of(vm, a.get(1).unwrap_or(Value::None))?;
    let it = vm.heap.alloc(Obj::Iter(IterState::Filter { func, inner }));
    ret(Value::Obj(it))
}

fn reversed(vm: &mut Vm, a: Args) -> R {
    let v = a.get(0).unwrap_or(Value::None);
    let seq = match v {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::List(_) | Obj::Tuple(_) => Some(v),
            Obj::Range { .. } | Obj::Str(_) => {
                let items = match vm.seq_items(v) {
                    Some(i) => i,
                    None => {
                        let Obj::Str(s) = vm.heap.get(id) else { unreachable!() };
                        let cs: Vec<String> = s.chars().map(|c| c.to_string()).collect();
                        cs.iter().map(|c| vm.new_str(c)).collect()
                    }
                };
                Some(vm.new_tuple(items))
            }
            Obj::Bytes(b) | Obj::ByteArray(b) => {
                // A snapshot of the bytes' ints, as the iterator sees them.
                let items = b.iter().map(|&x| Value::Int(x as i64)).collect();
                Some(vm.new_tuple(items))
            }
            _ => None,
        },
        _ => None,
    };
    let Some(seq) = seq else {
        if let Some(m) = {
            let s = vm.names.intern("__reversed__");
            vm.lookup_user_special(v, s)
        } {
            return Ok(Action::Call { func: m, args: Args::one(v) });
        }
        return Err(vm.type_error(format!("'{}' object is not reversible", vm.type_name(v))));
    };
    let n = vm.len_builtin(seq).unwrap_or(0);
    let it = vm.heap.alloc(Obj::Iter(IterState::Reversed { seq, pos: n }));
    ret(Value::Obj(it))
}

// ---- numbers ----

fn abs(vm: &mut Vm, a: Args) -> R {
    let v = a.get(0).unwrap_or(Value::None);
    // An int subclass without `__abs__` gives int's answer.
    let abs_name = vm.names.intern("__abs__");
    let v = if vm.lookup_user_special(v, abs_name).is_none() { vm.base_value(v) } else { v };
    match v {
        Value::Int(i) => match i.checked_abs() {
            Some(x) => ret(Value::Int(x)),
            None => ret(vm.int_value(-BigInt::from(i))),
        },
        Value::Bool(b) => ret(Value::Int(b as i64)),
        Value::Float(f) => ret(Value::Float(f.abs())),
        _ => {
            if let Some(b) = big(vm, v) {
                let r = if b < BigInt::from(0) { -b } else { b };
                return ret(vm.int_value(r));
            }
            if let Some(m) = {
                let s = vm.names.intern("__abs__");
                vm.lookup_user_special(v, s)
            } {
                return Ok(Action::Call { func: m, args: Args::one(v) });
            }
            Err(vm.type_error(format!("bad operand type for abs(): '{}'", vm.type_name(v))))
        }
    }
}

/// Round half to even, as Python's `round`.
fn round_half_even(x: f64) -> f64 {
    let r = x.round();
    if (x - x.trunc()).abs() == 0.5 {
        2.0 * (x / 2.0).round()
    } else {
        r
    }
}

fn round(vm: &mut Vm, a: Args) -> R {
    let v = a.get(0).unwrap_or(Value::None);
    let v = vm.base_value(v);
    let nd = a.arg(vm, 1, "ndigits").filter(|v| *v != Value::None);
    match (v, nd) {
        (Value::Float(f), None) => {
            if !f.is_finite() {
                return Err(vm.exc(
                    if f.is_nan() { ExcKind::ValueError } else { ExcKind::OverflowError },
                    if f.is_nan() {
                        "cannot convert float NaN to integer"
                    } else {
                        "cannot convert float infinity to integer"
                    },
                ));
            }
            let r = round_half_even(f);
            match BigInt::from_f64_exact(r) {
                Some(b) => ret(vm.int_value(b)),
                None => ret(Value::Int(r as i64)),
            }
        }
        (Value::Float(f), Some(n)) => {
            let n = vm.small_int(n).unwrap_or(0);
            // Format-based rounding matches CPython's correctly rounded result.
            let r = if n >= 0 {
                let s = format!("{:.*}", n as usize, f);
                s.parse::<f64>().unwrap_or(f)
            } else {
                let p = 10f64.powi((-n) as i32);
                round_half_even(f / p) * p
            };
            ret(Value::Float(r))
        }
        (v, None) if vm.is_int(v) => ret(if let Value::Bool(b) = v { Value::Int(b as i64) } else { v }),
        (v, Some(n)) if vm.is_int(v) => {
            let n = vm.small_int(n).unwrap_or(0);
            if n >= 0 {
                return ret(v);
            }
            let x = vm.small_int(v).unwrap_or(0);
            let p = 10i64.pow((-n) as u32);
            let r = round_half_even(x as f64 / p as f64) as i64 * p;
            ret(Value::Int(r))
        }
        _ => Err(vm.type_error(format!("type {} doesn't define __round__ method", vm.type_name(v)))),
    }
}

trait FromF64Exact {
    fn from_f64_exact(f: f64) -> Option<BigInt>;
}

impl FromF64Exact for BigInt {
    fn from_f64_exact(f: f64) -> Option<BigInt> {
        num_traits::FromPrimitive::from_f64(f)
    }
}

fn divmod(vm: &mut Vm, a: Args) -> R {
    let (x, y) = (a.get(0).unwrap_or(Value::None), a.get(1).unwrap_or(Value::None));
    let q = vm.binary_builtin(crate::py::ast::BinOp::FloorDiv, x, y, false)?;
    let r = vm.binary_builtin(crate::py::ast::BinOp::Mod, x, y, false)?;
    match (q, r) {
        (Some(q), Some(r)) => ret(vm.new_tuple(vec![q, r])),
        _ => Err(vm.type_error(format!(
            "unsupported operand type(s) for divmod(): '{}' and '{}'",
            vm.type_name(x),
            vm.type_name(y)
        ))),
    }
}

fn pow(vm: &mut Vm, a: Args) -> R {
    let (x, y) = (a.get(0).unwrap_or(Value::None), a.get(1).unwrap_or(Value::None));
    if let Some(m) = a.get(2) {
        let (Some(bx), Some(by), Some(bm)) = (big(vm, x), big(vm, y), big(vm, m)) else {
            return Err(vm.type_error("pow() 3rd argument not allowed unless all arguments are integers"));
        };
        if bm == BigInt::from(0) {
            return Err(vm.value_error("pow() 3rd argument cannot be 0"));
        }
        let r = if by < BigInt::from(0) {
            // Python 3.8+: a negative exponent means the modular inverse.
            let e = num_integer::Integer::extended_gcd(&num_integer::Integer::mod_floor(&bx, &bm), &bm);
            if e.gcd != BigInt::from(1) && e.gcd != BigInt::from(-1) {
                return Err(vm.value_error("base is not invertible for the given modulus"));
            }
            let inv = num_integer::Integer::mod_floor(&e.x, &bm);
            inv.modpow(&(-by), &bm)
        } else {
            bx.modpow(&by, &bm)
        };
        return ret(vm.int_value(r));
    }
    match vm.binary_builtin(crate::py::ast::BinOp::Pow, x, y, false)? {
        Some(v) => ret(v),
        None => Err(vm.type_error(format!(
            "unsupported operand type(s) for ** or pow(): '{}' and '{}'",
            vm.type_name(x),
            vm.type_name(y)
        ))),
    }
}

fn exit(vm: &mut Vm, a: Args) -> R {
    let code = a.get(0).unwrap_or(Value::None);
    let args = if code == Value::None && a.pos.is_empty() { vec![] } else { vec![code] };
    Err(vm.new_exc_from(vm.exc_class(ExcKind::SystemExit), args))
}

fn import(vm: &mut Vm, a: Args) -> R {
    let n = a.get(0).unwrap_or(Value::None);
    let name = vm.str_of(n).unwrap_or("").to_string();
    let m = vm.import(&name)?;
    ret(Value::Obj(m))
}

// ---- classes ----

/// `class` statements: runs the body in a fresh namespace, then builds the class.
fn build_class(vm: &mut Vm, a: Args) -> R {
    let func = a.get(0).unwrap_or(Value::None);
    let name = a.get(1).and_then(|n| vm.str_of(n).map(|s| s.to_string())).unwrap_or_default();
    let mut bases = Vec::new();
    for b in a.pos.iter().skip(2) {
        match b {
            Value::Obj(id) if matches!(vm.heap.get(*id), Obj::Class(_)) => bases.push(*id),
            _ => return Err(vm.type_error("bases must be types")),
        }
    }
    let ns = vm.heap.alloc(Obj::Module { name: name.clone(), attrs: Default::default() });
    let module_name = vm.frames.last().map(|f| f.globals).and_then(|g| match vm.heap.get(g) {
        Obj::Module { name, .. } => Some(name.clone()),
        _ => None,
    });
    let mn = vm.new_str(&module_name.unwrap_or_else(|| "__main__".into()));
    vm.set_attr_raw(ns, "__module__", mn);
    let qual =
        vm.code_of_function(func).map(|c| c.qualname.clone()).map(|q| q.to_string()).unwrap_or(name.clone());
    let qn = vm.new_str(&qual);
    vm.set_attr_raw(ns, "__qualname__", qn);
    Ok(Action::RunBody { func, ns, cont: ContKind::BuildClass { name, bases, ns, meta_kw: a.kw } })
}

/// C3 linearization of a new class's bases.
pub(crate) fn mro_for(vm: &Vm, cls: ObjId, bases: &[ObjId]) -> Result<Vec<ObjId>, String> {
    let mut seqs: Vec<Vec<ObjId>> = bases
        .iter()
        .map(|b| match vm.heap.get(*b) {
            Obj::Class(c) => c.mro.clone(),
            _ => vec![*b],
        })
        .collect();
    seqs.push(bases.to_vec());
    let mut out = vec![cls];
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let cand = seqs.iter().map(|s| s[0]).find(|c| !seqs.iter().any(|s| s[1..].contains(c)));
        let Some(c) = cand else {
            return Err("Cannot create a consistent method resolution order (MRO)".into());
        };
        out.push(c);
        for s in seqs.iter_mut() {
            if s[0] == c {
                s.remove(0);
            }
        }
    }
}

pub(crate) fn make_class(
    vm: &mut Vm,
    name: String,
    bases: Vec<ObjId>,
    ns: ObjId,
    cell: Value,
) -> Result<Value, Value> {
    let bases = if bases.is_empty() { vec![vm.types.object] } else { bases };
    let mut attrs = match vm.heap.get(ns) {
        Obj::Module { attrs, .. } => attrs.clone(),
        _ => Default::default(),
    };
    // Defining __eq__ without __hash__ makes instances unhashable, as in CPython.
    if attrs.get(vm.sym.eq).is_some() && attrs.get(vm.sym.hash).is_none() {
        attrs.set(vm.sym.hash, Value::None);
    }
    vm.note_key_methods(&attrs);
    // A class without a docstring has `__doc__ = None` of its own (it is not inherited).
    if attrs.get(vm.sym.doc).is_none() {
        attrs.set(vm.sym.doc, Value::None);
    }
    let module = attrs
        .get(vm.sym.module)
        .and_then(|m| vm.str_of(m).map(|s| s.to_string()))
        .unwrap_or_else(|| "__main__".into());
    let qualname =
        attrs.get(vm.sym.qualname).and_then(|m| vm.str_of(m).map(|s| s.to_string())).unwrap_or(name.clone());
    let kind = bases.iter().map(|b| vm.kind_of(*b)).find(|k| *k != Kind::Object).unwrap_or(Kind::Object);
    let id = vm.heap.alloc(Obj::Free);
    let mro = match mro_for(vm, id, &bases) {
        Ok(m) => m,
        Err(msg) => return Err(vm.type_error(msg)),
    };
    *vm.heap.get_mut(id) = Obj::Class(Box::new(Class { name, qualname, bases, mro, attrs, kind, module }));
    if let Value::Obj(c) = cell {
        if let Obj::Cell(_) = vm.heap.get(c) {
            *vm.heap.get_mut(c) = Obj::Cell(Value::Obj(id));
        }
    }
    Ok(Value::Obj(id))
}

// ---- constructors (the `__new__` of builtin types) ----

pub(crate) fn install_constructors(vm: &mut Vm) {
    let t = vm.types.clone();
    let ctors: &[(ObjId, &'static str, crate::py::vm::NativeFn)] = &[
        (t.object, "object.__new__", new_object),
        (t.type_, "type.__new__", new_type),
        (t.int, "int.__new__", new_int),
        (t.bool_, "bool.__new__", new_bool),
        (t.float, "float.__new__", new_float),
        (t.str_, "str.__new__", new_str),
        (t.bytes, "bytes.__new__", new_bytes),
        (t.bytearray, "bytearray.__new__", new_bytearray),
        (t.tuple, "tuple.__new__", new_tuple),
        (t.list, "list.__new__", new_list),
        (t.dict, "dict.__new__", new_dict),
        (t.set, "set.__new__", new_set),
        (t.frozenset, "frozenset.__new__", new_frozenset),
        (t.range, "range.__new__", new_range),
        (t.slice, "slice.__new__", new_slice),
        (t.property, "property.__new__", new_property),
        (t.staticmethod, "staticmethod.__new__", new_staticmethod),
        (t.classmethod, "classmethod.__new__", new_classmethod),
        (t.super_, "super.__new__", new_super),
    ];
    for &(cls, name, f) in ctors {
        vm.def_native(cls, name, f);
    }
}

fn new_object(vm: &mut Vm, a: Args) -> R {
    a.need(vm, 1, "object.__new__()")?;
    let Some(Value::Obj(cls)) = a.get(0) else { unreachable!() };
    let o = vm.heap.alloc(Obj::Instance(Box::new(crate::py::value::Instance::new(cls))));
    ret(Value::Obj(o))
}

fn new_type(vm: &mut Vm, a: Args) -> R {
    a.need(vm, 1, "type.__new__()")?;
    match a.pos.len() {
        2 => ret(Value::Obj(vm.class_of(a.pos[1]))),
        4 => {
            let name = vm.str_of(a.pos[1]).unwrap_or("").to_string();
            let bases: Vec<ObjId> = vm
                .seq_items(a.pos[2])
                .unwrap_or_default()
                .into_iter()
                .filter_map(|b| if let Value::Obj(id) = b { Some(id) } else { None })
                .collect();
            let ns = vm.heap.alloc(Obj::Module { name: name.clone(), attrs: Default::default() });
            let entries: Vec<(Value, Value)> = match a.pos[3] {
                Value::Obj(d) => match vm.heap.get(d) {
                    Obj::Dict(d) => d.iter().map(|e| (e.key, e.value)).collect(),
                    _ => vec![],
                },
                _ => vec![],
            };
            for (k, v) in entries {
                let n = vm.str_of(k).unwrap_or("").to_string();
                vm.set_attr_raw(ns, &n, v);
            }
            let c = make_class(vm, name, bases, ns, Value::None)?;
            ret(c)
        }
        _ => Err(vm.type_error("type() takes 1 or 3 arguments")),
    }
}

/// `int.__new__(cls, …)`: a subclass's instance keeps its class (`of_subclass`).
fn new_int(vm: &mut Vm, mut a: Args) -> R {
    let cls = a.get(0);
    if cls == Some(Value::Obj(vm.types.int)) && !a.pos.get(1).is_some_and(|&v| vm.has_base(v)) {
        return int_new(vm, a);
    }
    if let Some(v) = a.pos.get_mut(1) {
        *v = vm.base_value(*v);
    }
    match int_new(vm, a)? {
        Action::Return(v) => ret(vm.of_subclass(cls, v)),
        other => Ok(other),
    }
}

#[inline(always)] // its one caller, `new_int`, is the constructor's fast path
fn int_new(vm: &mut Vm, a: Args) -> R {
    a.need(vm, 1, "int.__new__()")?;
    if a.pos.len() > 3 {
        let n = a.pos.len() - 1;
        return Err(vm.type_error(format!("int() takes at most 2 arguments ({n} given)")));
    }
    let v = a.get(1).unwrap_or(Value::Int(0));
    let base = a.arg(vm, 2, "base");
    if let Some(b) = base {
        let b = vm.small_int(b).unwrap_or(10) as u32;
        let Some((text, shown)) = number_text(vm, v) else {
            return Err(vm.type_error("int() can't convert non-string with explicit base"));
        };
        return int_literal(vm, text, &shown, b);
    }
    match v {
        Value::Int(_) => ret(v),
        Value::Bool(b) => ret(Value::Int(b as i64)),
        Value::Float(f) => {
            if f.is_nan() {
                return Err(vm.value_error("cannot convert float NaN to integer"));
            }
            if f.is_infinite() {
                return Err(vm.exc(ExcKind::OverflowError, "cannot convert float infinity to integer"));
            }
            let t = f.trunc();
            match BigInt::from_f64_exact(t) {
                Some(b) => ret(vm.int_value(b)),
                None => ret(Value::Int(t as i64)),
            }
        }
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::BigInt(_) => ret(v),
            Obj::Str(s) => {
                let s = s.to_string();
                parse_int(vm, &s, 10)
            }
            Obj::Bytes(_) | Obj::ByteArray(_) => {
                let (text, shown) = number_text(vm, v).expect("bytes-like");
                int_literal(vm, text, &shown, 10)
            }
            _ => {
                if let Some(m) = {
                    let s = vm.names.intern("__int__");
                    vm.lookup_user_special(v, s)
                } {
                    return Ok(Action::Call { func: m, args: Args::one(v) });
                }
                Err(vm.type_error(format!(
                    "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                    vm.type_name(v)
                )))
            }
        },
        _ => Err(vm.type_error(
            "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'",
        )),
    }
}

fn parse_int(vm: &mut Vm, s: &str, base: u32) -> R {
    let text = crate::py::unicode::ascii_number_text(s);
    int_literal(vm, text, &crate::py::vm::format::str_repr(s), base)
}

/// The text `int()`/`float()` parse from a str or bytes-like value (bytes: ASCII only), and how
/// their errors show the value; None for other values.
fn number_text(vm: &Vm, v: Value) -> Option<(Option<String>, String)> {
    if let Some(s) = vm.str_of(v) {
        return Some((crate::py::unicode::ascii_number_text(s), crate::py::vm::format::str_repr(s)));
    }
    let Value::Obj(id) = v else { return None };
    match vm.heap.get(id) {
        Obj::Bytes(b) | Obj::ByteArray(b) => {
            let text = std::str::from_utf8(b).ok().filter(|t| t.is_ascii());
            Some((text.and_then(crate::py::unicode::ascii_number_text), crate::py::vm::format::bytes_repr(b)))
        }
        _ => None,
    }
}

fn int_literal(vm: &mut Vm, text: Option<String>, shown: &str, base: u32) -> R {
    if base != 0 && !(2..=36).contains(&base) {
        return Err(vm.value_error("int() base must be >= 2 and <= 36, or 0"));
    }
    match text.and_then(|t| int_from_text(&t, base)) {
        Some(b) => ret(vm.int_value(b)),
        None => Err(vm.value_error(format!("invalid literal for int() with base {base}: {shown}"))),
    }
}

/// CPython's `int(text, base)` grammar: a sign, a `0x`/`0o`/`0b` prefix when the base allows it,
/// digits with single underscores between them (one may follow the prefix); base 0 takes the prefix's
/// base, or 10 without leading zeros.
fn int_from_text(t: &str, base_given: u32) -> Option<BigInt> {
    let base = base_given;
    let (neg, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let prefix_base = match body.get(..2).map(str::to_ascii_lowercase).as_deref() {
        Some("0x") => 16,
        Some("0o") => 8,
        Some("0b") => 2,
        _ => 0,
    };
    let (base, digits, after_prefix) = if prefix_base != 0 && (base == 0 || base == prefix_base) {
        (prefix_base, &body[2..], true)
    } else {
        (if base == 0 { 10 } else { base }, body, false)
    };
    let mut groups = digits.split('_');
    if digits.is_empty() || (!after_prefix && digits.starts_with('_')) {
        return None;
    }
    if after_prefix && digits.starts_with('_') {
        groups.next();
    }
    let clean: String = groups.map(|g| (!g.is_empty()).then_some(g)).collect::<Option<Vec<_>>>()?.concat();
    if clean.is_empty() || !clean.chars().all(|c| c.is_digit(base)) {
        return None;
    }
    // Base 0 refuses `010` (Python 2's octal), but `000` is zero.
    if base_given == 0
        && prefix_base == 0
        && clean.starts_with('0')
        && !clean.trim_start_matches('0').is_empty()
    {
        return None;
    }
    let n = BigInt::parse_bytes(clean.as_bytes(), base)?;
    Some(if neg { -n } else { n })
}

/// CPython's `float(text)`: decimal digits with single underscores between digits, or inf/infinity/nan.
fn float_from_text(t: &str) -> Option<f64> {
    let bytes = t.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'_' {
            let around = |j: Option<usize>| j.and_then(|j| bytes.get(j)).is_some_and(u8::is_ascii_digit);
            if !around(i.checked_sub(1)) || !around(Some(i + 1)) {
                return None;
            }
        }
    }
    let clean = t.replace('_', "");
    let unsigned = clean.strip_prefix(['+', '-']).unwrap_or(&clean).to_ascii_lowercase();
    match unsigned.as_str() {
        "inf" | "infinity" | "nan" => {}
        // Rust also reads other spellings of the specials; Python does not.
        u if u.contains(['i', 'n']) => return None,
        _ => {}
    }
    clean.parse::<f64>().ok()
}

fn new_bool(vm: &mut Vm, a: Args) -> R {
    a.need(vm, 1, "bool.__new__()")?;
    match a.get(1) {
        None => ret(Value::Bool(false)),
        Some(v) => match vm.truthy(v)? {
            Some(b) => ret(Value::Bool(b)),
            None => {
                let m = vm
                    .lookup_special(v, vm.sym.bool_)
                    .or_else(|| vm.lookup_special(v, vm.sym.len))
                    .expect("truthy said a method decides");
                Ok(Action::CallThen { func: m, args: Args::one(v), cont: ContKind::Truth })
            }
        },
    }
}

fn new_float(vm: &mut Vm, a: Args) -> R {
    a.need(vm, 1, "float.__new__()")?;
    let v = a.get(1).unwrap_or(Value::Float(0.0));
    if let Some(f) = vm.as_f64(v) {
        if f.is_infinite() && vm.is_int(v) {
            return Err(vm.exc(ExcKind::OverflowError, "int too large to convert to float"));
        }
        return ret(Value::Float(f));
    }
    if let Some((text, shown)) = number_text(vm, v) {
        return match text.and_then(|t| float_from_text(&t)) {
            Some(f) => ret(vm.made_float(f)),
            None => Err(vm.value_error(format!("could not convert string to float: {shown}"))),
        };
    }
    if let Some(m) = {
        let s = vm.names.intern("__float__");
        vm.lookup_user_special(v, s)
    } {
        return Ok(Action::Call { func: m, args: Args::one(v) });
    }
    Err(vm
        .type_error(format!("float() argument must be a string or a real number, not '{}'", vm.type_name(v))))
}

/// `str.__new__(cls, …)`: a subclass's instance keeps its class (`of_subclass`).
fn new_str(vm: &mut Vm, a: Args) -> R {
    let cls = a.get(0);
    if cls == Some(Value::Obj(vm.types.str_)) && !a.pos.get(1).is_some_and(|&v| vm.has_base(v)) {
        return str_new(vm, a);
    }
    match str_new(vm, a)? {
        Action::Return(v) => ret(vm.of_subclass(cls, v)),
        other => Ok(other),
    }
}

#[inline(always)] // its one caller, `new_str`, is the constructor's fast path
fn str_new(vm: &mut Vm, a: Args) -> R {
    a.need(vm, 1, "str.__new__()")?;
    match a.get(1) {
        None => ret(vm.new_str("")),
        // The common cases need no user `__str__`.
        // An int's digits go straight into the new str.
        Some(Value::Int(n)) if a.pos.len() == 2 => {
            ret(Value::Obj(vm.heap.alloc(Obj::Str(PyStr::from_int(n)))))
        }
        Some(v @ (Value::Float(_) | Value::Bool(_) | Value::None)) if a.pos.len() == 2 => {
            let s = vm.plain_str(v);
            ret(vm.new_str(&s))
        }
        Some(v) if a.pos.len() == 2 && vm.str_of(v).is_some() => ret(v),
        Some(v) => {
            if a.arg(vm, 2, "encoding").is_some() || a.arg(vm, 3, "errors").is_some() {
                if let Value::Obj(id) = v {
                    if let Obj::Bytes(_) | Obj::ByteArray(_) = vm.heap.get(id) {
                        let (codec, errors) = super::methods::constructor_codec(vm, &a, "str")?;
                        return super::methods::decode_value(vm, v, codec, &errors);
                    }
                }
                let t = vm.type_name(v);
                return Err(vm.type_error(format!("decoding to str: need a bytes-like object, {t} found")));
            }
            Ok(Action::WithStrings(Box::new(crate::py::vm::format::AfterStrings::Str(v))))
        }
    }
}

/// The bytes of `bytes(x)`/`bytearray(x)` (`what` names the item in range errors: "bytes" or "byte"),
/// None when `x` is some other object (an iterable then gets iterated).
fn bytes_from(vm: &mut Vm, a: &Args, what: &str) -> Result<Option<Vec<u8>>, Value> {
    let Some(v) = a.get(1) else { return Ok(Some(vec![])) };
    if vm.str_of(v).is_some() {
        if a.arg(vm, 2, "encoding").is_none() {
            return Err(vm.type_error("string argument without an encoding"));
        }
        let (codec, errors) = super::methods::constructor_codec(vm, a, "bytes")?;
        return super::methods::encode_value(vm, v, codec, &errors).map(Some);
    }
    if let Some(n) = vm.small_int(v) {
        if n < 0 {
            return Err(vm.value_error("negative count"));
        }
        return Ok(Some(vec![0; n as usize]));
    }
    if let Value::Obj(id) = v {
        if let Obj::Bytes(b) | Obj::ByteArray(b) = vm.heap.get(id) {
            return Ok(Some(b.clone()));
        }
    }
    match vm.seq_items(v) {
        Some(items) => {
            let mut out = Vec::new();
            for i in items {
                match vm.small_int(i) {
                    Some(x) if (0..256).contains(&x) => out.push(x as u8),
                    Some(_) => return Err(vm.value_error(format!("{what} must be in range(0, 256)"))),
                    None => {
                        return Err(vm.type_error(format!(
                            "'{}' object cannot be interpreted as an integer",
                            vm.type_name(i)
                        )))
                    }
                }
            }
            Ok(Some(out))
        }
        None => Ok(None),
    }
}

/// `bytes(x)`/`bytearray(x)`: at once for what `bytes_from` knows, by iterating any other iterable.
fn bytes_or_collect(vm: &mut Vm, a: &Args, finish: Collected) -> R {
    let what = if finish == Collected::Bytes { "bytes" } else { "byte" };
    let Some(b) = bytes_from(vm, a, what)? else {
        let v = a.get(1).unwrap_or(Value::None);
        let iterable =
            matches!(vm.get_iter_builtin(v), Ok(Some(_))) || vm.lookup_user_special(v, vm.sym.iter).is_some();
        if iterable {
            return collect(vm, v, finish);
        }
        return Err(vm.type_error(format!("cannot convert '{}' object to bytes", vm.type_name(v))));
    };
    let o = if finish == Collected::Bytes { Obj::Bytes(b) } else { Obj::ByteArray(b) };
    ret(Value::Obj(vm.heap.alloc(o)))
}

fn new_bytes(vm: &mut Vm, a: Args) -> R {
    bytes_or_collect(vm, &a, Collected::Bytes)
}

fn new_bytearray(vm: &mut Vm, a: Args) -> R {
    bytes_or_collect(vm, &a, Collected::ByteArray)
}

fn new_tuple(vm: &mut Vm, a: Args) -> R {
    match a.get(1) {
        None => ret(vm.new_tuple(vec![])),
        Some(v) => collect(vm, v, Collected::Tuple),
    }
}

fn new_list(vm: &mut Vm, a: Args) -> R {
    match a.get(1) {
        None => ret(vm.new_list(vec![])),
        Some(v) => collect(vm, v, Collected::List),
    }
}

fn new_dict(vm: &mut Vm, a: Args) -> R {
    a.need(vm, 1, "dict.__new__()")?;
    let d = vm.heap.alloc(Obj::Dict(Default::default()));
    for (k, v) in a.kw.clone() {
        let ks = {
            let n = vm.sym_name(k).to_string();
            vm.new_str(&n)
        };
        vm.dict_set(d, ks, v)?;
    }
    match a.get(1) {
        None => ret(Value::Obj(d)),
        Some(src) => {
            if let Value::Obj(s) = src {
                if let Obj::Dict(sd) = vm.heap.get(s) {
                    let entries: Vec<(Value, Value)> = sd.iter().map(|e| (e.key, e.value)).collect();
                    for (k, v) in entries {
                        vm.dict_set(d, k, v)?;
                    }
                    for (k, v) in a.kw {
                        let ks = {
                            let n = vm.sym_name(k).to_string();
                            vm.new_str(&n)
                        };
                        vm.dict_set(d, ks, v)?;
                    }
                    return ret(Value::Obj(d));
                }
            }
            if let Some(merge) = super::mapping::merge_mapping(vm, d, src, Value::Obj(d)) {
                return merge;
            }
            collect(vm, src, Collected::Dict { dict: d, update: false })
        }
    }
}

fn new_set(vm: &mut Vm, a: Args) -> R {
    match a.get(1) {
        None => ret(Value::Obj(vm.heap.alloc(Obj::Set(Default::default())))),
        Some(v) => collect(vm, v, Collected::Set),
    }
}

fn new_frozenset(vm: &mut Vm, a: Args) -> R {
    match a.get(1) {
        None => ret(Value::Obj(vm.heap.alloc(Obj::FrozenSet(Default::default())))),
        Some(v) => collect(vm, v, Collected::FrozenSet),
    }
}

fn new_range(vm: &mut Vm, a: Args) -> R {
    a.need(vm, 1, "range.__new__()")?;
    let mut ints = Vec::new();
    for v in a.pos.iter().skip(1) {
        match vm.small_int(*v) {
            Some(i) => ints.push(i),
            None => {
                return Err(vm.type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    vm.type_name(*v)
                )))
            }
        }
    }
    let (start, stop, step) = match ints.len() {
        1 => (0, ints[0], 1),
        2 => (ints[0], ints[1], 1),
        3 => (ints[0], ints[1], ints[2]),
        0 => return Err(vm.type_error("range expected at least 1 argument, got 0")),
        n => return Err(vm.type_error(format!("range expected at most 3 arguments, got {n}"))),
    };
    if step == 0 {
        return Err(vm.value_error("range() arg 3 must not be zero"));
    }
    ret(Value::Obj(vm.heap.alloc(Obj::Range { start, stop, step })))
}

fn new_slice(vm: &mut Vm, a: Args) -> R {
    a.need(vm, 1, "slice.__new__()")?;
    let p = &a.pos[1..];
    let (start, stop, step) = match p.len() {
        1 => (Value::None, p[0], Value::None),
        2 => (p[0], p[1], Value::None),
        _ => (
            p.first().copied().unwrap_or(Value::None),
            p.get(1).copied().unwrap_or(Value::None),
            p.get(2).copied().unwrap_or(Value::None),
        ),
    };
    ret(Value::Obj(vm.heap.alloc(Obj::Slice { start, stop, step })))
}

fn new_property(vm: &mut Vm, a: Args) -> R {
    let get = a.arg(vm, 1, "fget").unwrap_or(Value::None);
    let set = a.arg(vm, 2, "fset").unwrap_or(Value::None);
    let del = a.arg(vm, 3, "fdel").unwrap_or(Value::None);
    ret(Value::Obj(vm.heap.alloc(Obj::Property { get, set, del })))
}

fn new_staticmethod(vm: &mut Vm, a: Args) -> R {
    let f = a.get(1).unwrap_or(Value::None);
    ret(Value::Obj(vm.heap.alloc(Obj::StaticMethod(f))))
}

fn new_classmethod(vm: &mut Vm, a: Args) -> R {
    let f = a.get(1).unwrap_or(Value::None);
    ret(Value::Obj(vm.heap.alloc(Obj::ClassMethod(f))))
}

/// `super()` (the `__class__` cell and first argument of the calling frame) or `super(C, obj)`.
fn new_super(vm: &mut Vm, a: Args) -> R {
    a.need(vm, 1, "super.__new__()")?;
    let (class, recv) = if a.pos.len() >= 3 {
        let Value::Obj(c) = a.pos[1] else {
            return Err(vm.type_error("super() argument 1 must be a type"));
        };
        (c, a.pos[2])
    } else {
        let Some(f) = vm.frames.last() else {
            return Err(vm.exc(ExcKind::RuntimeError, "super(): no arguments"));
        };
        let code = f.code.clone();
        let cls_sym = vm.names.lookup("__class__");
        let pos = code.freevars.iter().position(|&s| Some(s) == cls_sym);
        let Some(p) = pos else {
            return Err(vm.exc(ExcKind::RuntimeError, "super(): __class__ cell not found"));
        };
        let cell = f.cells[code.cellvars.len() + p];
        let class = match vm.heap.get(cell) {
            Obj::Cell(Value::Obj(c)) => *c,
            _ => return Err(vm.exc(ExcKind::RuntimeError, "super(): empty __class__ cell")),
        };
        if code.argcount == 0 {
            return Err(vm.exc(ExcKind::RuntimeError, "super(): no arguments"));
        }
        let mut recv = f.locals[0];
        if recv == Value::Unbound {
            // The first argument may live in a cell.
            if let Some(&(_, ci)) = code.cell_params.iter().find(|c| c.0 == 0) {
                if let Obj::Cell(v) = vm.heap.get(f.cells[ci as usize]) {
                    recv = *v;
                }
            }
        }
        (class, recv)
    };
    ret(Value::Obj(vm.heap.alloc(Obj::Super { class, recv })))
}
