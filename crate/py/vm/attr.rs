//! Attribute access: instances, classes (MRO lookup, binding), modules, and the builtin types whose
//! methods are natives in their class. A property getter or `__getattr__` becomes a call, not recursion.

use super::super::heap::Heap;
use super::super::value::{Obj, ObjId, Sym, Value};
use super::call::{Action, ContKind, ReturnTo};
use super::{Args, ExcKind, Vm};

/// The result of looking an attribute up: a value, or a call whose result is the value.
pub(crate) enum AttrOut {
    Value(Value),
    Call(Value, Args),
}

/// `name` looked up along the MRO of `cls`, reading only the heap (the VM's tight loop holds a frame).
#[inline]
pub(crate) fn class_attr(heap: &Heap, cls: ObjId, name: Sym) -> Option<Value> {
    let Obj::Class(c) = heap.get(cls) else {
        return None;
    };
    for &k in &c.mro {
        if let Obj::Class(kc) = heap.get(k) {
            if let Some(v) = kc.attrs.get(name) {
                return Some(v);
            }
        }
    }
    None
}

impl Vm {
    /// Looks `name` up along the MRO of `cls`.
    pub(crate) fn lookup_in_class(&self, cls: ObjId, name: Sym) -> Option<Value> {
        class_attr(&self.heap, cls, name)
    }

    /// A special method of `v`'s class (unbound).
    pub(crate) fn lookup_special(&self, v: Value, name: Sym) -> Option<Value> {
        let cls = self.class_of(v);
        self.lookup_in_class(cls, name)
    }

    /// A special method written in Python (or set by a user class) for an instance: what operators
    /// dispatch to. Builtin values never have one.
    pub(crate) fn lookup_user_special(&self, v: Value, name: Sym) -> Option<Value> {
        let Value::Obj(id) = v else { return None };
        if !matches!(self.heap.get(id), Obj::Instance(_) | Obj::Greenlet(_)) {
            return None;
        }
        match self.lookup_special(v, name)? {
            f @ Value::Obj(fid) if !matches!(self.heap.get(fid), Obj::Native(_)) => Some(f),
            _ => None,
        }
    }

    /// A function found on a class, bound to `recv`.
    pub(crate) fn bind(&mut self, f: Value, recv: Value) -> Value {
        let Value::Obj(id) = f else { return f };
        match self.heap.get(id) {
            Obj::Function(_) => Value::Obj(self.heap.alloc(Obj::Method { recv, func: f })),
            Obj::Native(n) => {
                let native = *n;
                Value::Obj(self.heap.alloc(Obj::NativeMethod { recv, native }))
            }
            Obj::StaticMethod(inner) => *inner,
            Obj::ClassMethod(inner) => {
                let inner = *inner;
                let cls = Value::Obj(self.class_of(recv));
                Value::Obj(self.heap.alloc(Obj::Method { recv: cls, func: inner }))
            }
            _ => f,
        }
    }

    /// `obj.name` as a value (a property getter is not allowed here: natives use this).
    pub(crate) fn get_attr_value(&mut self, obj: Value, name: Sym) -> Result<Value, Value> {
        match self.get_attr(obj, name)? {
            AttrOut::Value(v) => Ok(v),
            AttrOut::Call(..) => Err(self.type_error("a property cannot be read from here in ioplay")),
        }
    }

    #[inline(never)]
    pub(crate) fn load_attr_op(&mut self, obj: Value, name: Sym) -> Result<(), Value> {
        match self.get_attr(obj, name)? {
            AttrOut::Value(v) => {
                self.push(v);
                Ok(())
            }
            AttrOut::Call(f, args) => self.call_value(f, args, ReturnTo::Push),
        }
    }

    /// `obj.name(...)`: pushes the function and its receiver, so no bound method is made.
    #[inline(never)]
    pub(crate) fn load_method(&mut self, obj: Value, name: Sym) -> Result<(), Value> {
        if let Value::Obj(id) = obj {
            // An int or str subclass's instance hands int's and str's natives its value.
            let (cls, based) = match self.heap.get(id) {
                Obj::Instance(i) if i.dict.is_none() && i.attrs.get(name).is_none() => {
                    (Some(i.class), i.base != Value::Unbound)
                }
                o => (self.types.of_builtin_receiver(o), false),
            };
            if let Some(cls) = cls {
                if let Some(f @ Value::Obj(fid)) = self.lookup_in_class(cls, name) {
                    let callable = match self.heap.get(fid) {
                        Obj::Function(_) => Some(obj),
                        Obj::Native(_) if based => Some(self.base_value(obj)),
                        Obj::Native(_) => Some(obj),
                        _ => None,
                    };
                    if let Some(recv) = callable {
                        let fr = self.frames.last_mut().expect("frame");
                        fr.stack.push(f);
                        fr.stack.push(recv);
                        return Ok(());
                    }
                }
            }
        }
        match self.get_attr(obj, name)? {
            AttrOut::Value(v) => {
                let fr = self.frames.last_mut().expect("frame");
                fr.stack.push(v);
                fr.stack.push(Value::Unbound);
                Ok(())
            }
            AttrOut::Call(f, args) => self
                .perform(Action::CallThen { func: f, args, cont: ContKind::LoadMethodAttr }, ReturnTo::Push),
        }
    }

    fn no_attr(&mut self, obj: Value, name: Sym) -> Value {
        let n = self.sym_name(name).to_string();
        let msg = match obj {
            Value::Obj(id) => match self.heap.get(id) {
                Obj::Module { name: m, .. } => format!("module '{m}' has no attribute '{n}'"),
                Obj::Class(c) => format!("type object '{}' has no attribute '{n}'", c.name),
                _ => format!("'{}' object has no attribute '{n}'", self.type_name(obj)),
            },
            _ => format!("'{}' object has no attribute '{n}'", self.type_name(obj)),
        };
        let e = self.exc(ExcKind::AttributeError, msg);
        self.set_missing_name(e, &n, Some(obj));
        e
    }

    pub(crate) fn get_attr(&mut self, obj: Value, name: Sym) -> Result<AttrOut, Value> {
        let s = self.sym.clone();
        if name == s.class {
            return Ok(AttrOut::Value(Value::Obj(self.class_of(obj))));
        }
        let Value::Obj(id) = obj else {
            return self.builtin_attr(obj, name);
        };
        match self.heap.get(id) {
            Obj::Instance(inst) => {
                let cls = inst.class;
                let own = match inst.dict {
                    None => inst.attrs.get(name),
                    Some(d) => inst.attrs.get(name).or_else(|| self.dict_get_name(d, name)),
                };
                let cv = self.lookup_in_class(cls, name);
                if let Some(Value::Obj(pid)) = cv {
                    if let Obj::Property { get, .. } = self.heap.get(pid) {
                        return Ok(AttrOut::Call(*get, Args::one(obj)));
                    }
                }
                if let Some(v) = own {
                    return Ok(AttrOut::Value(v));
                }
                if let Some(v) = self.exc_attr(obj, name) {
                    return Ok(AttrOut::Value(v));
                }
                if let Some(v) = cv {
                    // int's and str's methods see the value of an int or str subclass's instance.
                    let native = matches!(v, Value::Obj(f) if matches!(self.heap.get(f), Obj::Native(_)));
                    let recv = if native { self.base_value(obj) } else { obj };
                    return Ok(AttrOut::Value(self.bind(v, recv)));
                }
                if name == s.dict {
                    return Ok(AttrOut::Value(self.instance_dict(id)));
                }
                // An int or str subclass has its value's data attributes (`real`, `imag`, …).
                let base = self.base_value(obj);
                if base != obj {
                    if let Ok(out) = self.builtin_attr(base, name) {
                        return Ok(out);
                    }
                }
                if let Some(ga) = self.lookup_in_class(cls, s.getattr) {
                    let n = {
                        let n = self.sym_name(name).to_string();
                        self.new_str(&n)
                    };
                    return Ok(AttrOut::Call(ga, Args::new(&[obj, n])));
                }
                Err(self.no_attr(obj, name))
            }
            Obj::Class(c) => {
                let found = self.lookup_in_class(id, name);
                if let Some(v) = found {
                    let v = match v {
                        Value::Obj(fid) => match self.heap.get(fid) {
                            Obj::ClassMethod(f) => {
                                let f = *f;
                                Value::Obj(self.heap.alloc(Obj::Method { recv: obj, func: f }))
                            }
                            Obj::StaticMethod(f) => *f,
                            _ => v,
                        },
                        _ => v,
                    };
                    return Ok(AttrOut::Value(v));
                }
                let (cname, qual, module, bases, mro) =
                    (c.name.clone(), c.qualname.clone(), c.module.clone(), c.bases.clone(), c.mro.clone());
                let v = if name == s.name {
                    self.new_str(&cname)
                } else if name == s.qualname {
                    self.new_str(&qual)
                } else if name == s.module {
                    self.new_str(&module)
                } else if self.sym_name(name) == "__base__" {
                    bases.first().map(|b| Value::Obj(*b)).unwrap_or(Value::None)
                } else if name == s.bases {
                    let b = bases.into_iter().map(Value::Obj).collect();
                    self.new_tuple(b)
                } else if name == s.mro {
                    let b = mro.into_iter().map(Value::Obj).collect();
                    self.new_tuple(b)
                } else if name == s.doc {
                    Value::None
                } else if name == s.dict {
                    self.class_proxy(id)
                } else {
                    return Err(self.no_attr(obj, name));
                };
                Ok(AttrOut::Value(v))
            }
            Obj::Module { attrs, .. } => match attrs.get(name) {
                Some(v) => Ok(AttrOut::Value(v)),
                None => {
                    if name == s.dict {
                        return Ok(AttrOut::Value(self.attrs_dict(id)));
                    }
                    Err(self.no_attr(obj, name))
                }
            },
            Obj::Function(f) => {
                if let Some(v) = f.attrs.get(name) {
                    return Ok(AttrOut::Value(v));
                }
                let (n, q, doc) = (f.name.clone(), f.qualname.clone(), f.code.doc.clone());
                let defaults = f.defaults.clone();
                let closure = f.closure.clone();
                let v = if name == s.name {
                    self.new_str(&n)
                } else if name == s.qualname {
                    self.new_str(&q)
                } else if name == s.doc {
                    match doc {
                        Some(d) => self.new_str(&d),
                        None => Value::None,
                    }
                } else if self.sym_name(name) == "__defaults__" {
                    if defaults.is_empty() {
                        Value::None
                    } else {
                        self.new_tuple(defaults)
                    }
                } else if self.sym_name(name) == "__closure__" {
                    if closure.is_empty() {
                        Value::None
                    } else {
                        let cells = closure.into_iter().map(Value::Obj).collect();
                        self.new_tuple(cells)
                    }
                } else if name == s.module {
                    self.new_str("__main__")
                } else if name == s.dict {
                    self.attrs_dict(id)
                } else {
                    return self.type_attr(obj, name);
                };
                Ok(AttrOut::Value(v))
            }
            Obj::Method { recv, func } => {
                let (recv, func) = (*recv, *func);
                match self.sym_name(name) {
                    "__self__" => Ok(AttrOut::Value(recv)),
                    "__func__" => Ok(AttrOut::Value(func)),
                    _ => self.get_attr(func, name),
                }
            }
            Obj::Native(n) => {
                let nm = n.name;
                if name == s.name || name == s.qualname {
                    let short = nm.rsplit('.').next().unwrap_or(nm).to_string();
                    return Ok(AttrOut::Value(self.new_str(&short)));
                }
                self.type_attr(obj, name)
            }
            Obj::Generator(g) => {
                let (n, q) = (g.name.clone(), g.qualname.clone());
                match self.sym_name(name) {
                    "__name__" => Ok(AttrOut::Value(self.new_str(&n))),
                    "__qualname__" => Ok(AttrOut::Value(self.new_str(&q))),
                    "gi_running" | "gi_suspended" | "gi_frame" => {
                        let Obj::Generator(g) = self.heap.get(id) else { unreachable!() };
                        let st = g.state;
                        let code = g.frame.as_ref().map(|f| f.code.clone());
                        Ok(AttrOut::Value(match self.sym_name(name) {
                            "gi_running" => Value::Bool(st == super::GenState::Running),
                            "gi_suspended" => Value::Bool(st == super::GenState::Suspended),
                            // Frames are not Python objects here; the code stands in for gi_frame.
                            _ => match code {
                                Some(c) if st != super::GenState::Closed => {
                                    Value::Obj(self.heap.alloc(Obj::Code(c)))
                                }
                                _ => Value::None,
                            },
                        }))
                    }
                    _ => self.type_attr(obj, name),
                }
            }
            Obj::Greenlet(g) => {
                if let Some(v) = g.attrs.get(name) {
                    return Ok(AttrOut::Value(v));
                }
                let cls = g.class;
                if let Some(v) = self.lookup_in_class(cls, name) {
                    if let Value::Obj(pid) = v {
                        if let Obj::Property { get, .. } = self.heap.get(pid) {
                            return Ok(AttrOut::Call(*get, Args::one(obj)));
                        }
                    }
                    return Ok(AttrOut::Value(self.bind(v, obj)));
                }
                Err(self.no_attr(obj, name))
            }
            Obj::Super { class, recv } => {
                let (class, recv) = (*class, *recv);
                let start_cls = match recv {
                    Value::Obj(r) if matches!(self.heap.get(r), Obj::Class(_)) => r,
                    _ => self.class_of(recv),
                };
                let mro = match self.heap.get(start_cls) {
                    Obj::Class(c) => c.mro.clone(),
                    _ => vec![],
                };
                let after = mro.iter().position(|&c| c == class).map(|p| p + 1).unwrap_or(mro.len());
                for &k in &mro[after..] {
                    let v = match self.heap.get(k) {
                        Obj::Class(kc) => kc.attrs.get(name),
                        _ => None,
                    };
                    if let Some(v) = v {
                        if let Value::Obj(pid) = v {
                            if let Obj::Property { get, .. } = self.heap.get(pid) {
                                return Ok(AttrOut::Call(*get, Args::one(recv)));
                            }
                        }
                        let bound = match recv {
                            Value::Obj(r) if matches!(self.heap.get(r), Obj::Class(_)) => match v {
                                Value::Obj(fid) => match self.heap.get(fid) {
                                    Obj::ClassMethod(f) => {
                                        let f = *f;
                                        Value::Obj(self.heap.alloc(Obj::Method { recv, func: f }))
                                    }
                                    _ => v,
                                },
                                _ => v,
                            },
                            _ => self.bind(v, recv),
                        };
                        return Ok(AttrOut::Value(bound));
                    }
                }
                let n = self.sym_name(name).to_string();
                Err(self.exc(ExcKind::AttributeError, format!("'super' object has no attribute '{n}'")))
            }
            Obj::Property { get, .. } if self.sym_name(name) == "fget" => Ok(AttrOut::Value(*get)),
            Obj::Slice { start, stop, step } => {
                let (a, b, c) = (*start, *stop, *step);
                match self.sym_name(name) {
                    "start" => Ok(AttrOut::Value(a)),
                    "stop" => Ok(AttrOut::Value(b)),
                    "step" => Ok(AttrOut::Value(c)),
                    _ => self.type_attr(obj, name),
                }
            }
            Obj::Range { start, stop, step } => {
                let (a, b, c) = (*start, *stop, *step);
                match self.sym_name(name) {
                    "start" => Ok(AttrOut::Value(Value::Int(a))),
                    "stop" => Ok(AttrOut::Value(Value::Int(b))),
                    "step" => Ok(AttrOut::Value(Value::Int(c))),
                    _ => self.type_attr(obj, name),
                }
            }
            _ => self.type_attr(obj, name),
        }
    }

    /// Attributes of ints, floats and other unboxed values.
    fn builtin_attr(&mut self, obj: Value, name: Sym) -> Result<AttrOut, Value> {
        match (obj, self.sym_name(name)) {
            (Value::Int(_) | Value::Bool(_), "real" | "numerator") => Ok(AttrOut::Value(obj)),
            (Value::Int(_) | Value::Bool(_), "imag") => Ok(AttrOut::Value(Value::Int(0))),
            (Value::Int(_) | Value::Bool(_), "denominator") => Ok(AttrOut::Value(Value::Int(1))),
            (Value::Float(_), "real") => Ok(AttrOut::Value(obj)),
            (Value::Float(_), "imag") => Ok(AttrOut::Value(Value::Float(0.0))),
            _ => self.type_attr(obj, name),
        }
    }

    /// A method of a builtin type, bound to `obj`.
    fn type_attr(&mut self, obj: Value, name: Sym) -> Result<AttrOut, Value> {
        let cls = self.class_of(obj);
        match self.lookup_in_class(cls, name) {
            Some(v) => Ok(AttrOut::Value(self.bind(v, obj))),
            None => Err(self.no_attr(obj, name)),
        }
    }

    /// Exception attributes kept outside the attribute map.
    fn exc_attr(&mut self, obj: Value, name: Sym) -> Option<Value> {
        let d = self.exc_data(obj)?;
        let s = &self.sym;
        if name == s.args {
            let a = d.args.clone();
            return Some(self.new_tuple(a));
        }
        if name == s.cause {
            return Some(d.cause.unwrap_or(Value::None));
        }
        if name == s.context {
            return Some(d.context.unwrap_or(Value::None));
        }
        if name == s.traceback {
            return Some(Value::None);
        }
        if self.sym_name(name) == "__suppress_context__" {
            return Some(Value::Bool(d.suppress_context));
        }
        if name == s.value && self.is_exc(obj, ExcKind::StopIteration) {
            let d = self.exc_data(obj)?;
            return Some(d.args.first().copied().unwrap_or(Value::None));
        }
        if name == s.code && self.is_exc(obj, ExcKind::SystemExit) {
            let d = self.exc_data(obj)?;
            return Some(d.args.first().copied().unwrap_or(Value::None));
        }
        if (name == s.errno || name == s.strerror || self.sym_name(name) == "filename")
            && self.is_exc(obj, ExcKind::OSError)
        {
            return Some(Value::None);
        }
        None
    }

    /// What `vars(obj)` gives: an instance's live `__dict__`, a class's mappingproxy, else a snapshot.
    pub(crate) fn attrs_dict(&mut self, id: ObjId) -> Value {
        match self.heap.get(id) {
            Obj::Instance(_) => self.instance_dict(id),
            Obj::Class(_) => self.class_proxy(id),
            _ => self.snapshot_dict(id),
        }
    }

    /// A dict made from an attribute map now; writes to it are not seen.
    pub(crate) fn snapshot_dict(&mut self, id: ObjId) -> Value {
        let entries: Vec<(Sym, Value)> = match self.heap.get(id) {
            Obj::Instance(i) => i.attrs.iter().copied().collect(),
            Obj::Class(c) => c.attrs.iter().copied().collect(),
            Obj::Module { attrs, .. } => attrs.iter().copied().collect(),
            Obj::Function(f) => f.attrs.iter().copied().collect(),
            _ => vec![],
        };
        let d = self.heap.alloc(Obj::Dict(Default::default()));
        for (k, v) in entries {
            let ks = {
                let n = self.sym_name(k).to_string();
                self.new_str(&n)
            };
            let _ = self.dict_set(d, ks, v);
        }
        Value::Obj(d)
    }

    /// An instance's live `__dict__`. The first request makes it from the attributes, which move
    /// into it: from then on `obj.x = 1` and `obj.__dict__['x'] = 1` are one write.
    pub(crate) fn instance_dict(&mut self, id: ObjId) -> Value {
        if let Obj::Instance(i) = self.heap.get(id) {
            if let Some(d) = i.dict {
                return Value::Obj(d);
            }
        }
        let d = self.snapshot_dict(id);
        if let (Obj::Instance(i), Value::Obj(did)) = (self.heap.get_mut(id), d) {
            i.attrs = Default::default();
            i.dict = Some(did);
        }
        d
    }

    /// A symbol's name as a Python str (a `__dict__` key).
    fn name_str(&mut self, name: Sym) -> Value {
        let n = self.sym_name(name).to_string();
        self.new_str(&n)
    }

    /// The names of an instance's own attributes, in insertion order (`dir()`, "Did you mean").
    pub(crate) fn instance_attr_names(&self, id: ObjId) -> Vec<String> {
        let Obj::Instance(i) = self.heap.get(id) else { return vec![] };
        let mut names: Vec<String> = i.attrs.iter().map(|a| self.sym_name(a.0).to_string()).collect();
        if let Some(Obj::Dict(d)) = i.dict.map(|d| self.heap.get(d)) {
            names.extend(d.iter().filter_map(|e| self.str_of(e.key)).map(String::from));
        }
        names
    }

    /// `obj.__dict__ = mapping`: the dict becomes the instance's attributes (CPython's rule: a dict).
    fn replace_instance_dict(&mut self, id: ObjId, v: Value) -> Result<(), Value> {
        let is_dict = matches!(v, Value::Obj(d) if matches!(self.heap.get(d), Obj::Dict(_)));
        if !is_dict {
            let t = self.type_name(v);
            return Err(self.type_error(format!("__dict__ must be set to a dictionary, not a '{t}'")));
        }
        if let (Obj::Instance(i), Value::Obj(d)) = (self.heap.get_mut(id), v) {
            i.attrs = Default::default();
            i.dict = Some(d);
        }
        Ok(())
    }

    /// The value of a str key `name` in dict `d`, looked up without making the key string.
    fn dict_get_name(&self, d: ObjId, name: Sym) -> Option<Value> {
        let text = self.sym_name(name);
        let Obj::Dict(dict) = self.heap.get(d) else { return None };
        let found = dict.find(super::ops::str_hash(text), |k| self.str_of(k) == Some(text))?;
        Some(dict.entry(found).value)
    }

    #[inline(never)]
    pub(crate) fn set_attr(&mut self, obj: Value, name: Sym, v: Value) -> Result<(), Value> {
        let Value::Obj(id) = obj else {
            return Err(self.not_settable(obj, name));
        };
        match self.heap.get(id) {
            Obj::Instance(inst) => {
                let cls = inst.class;
                if let Some(Value::Obj(pid)) = self.lookup_in_class(cls, name) {
                    if let Obj::Property { set, .. } = self.heap.get(pid) {
                        let set = *set;
                        if set == Value::None {
                            let n = self.sym_name(name).to_string();
                            let t = self.type_name(obj);
                            return Err(self.exc(
                                ExcKind::AttributeError,
                                format!("property '{n}' of '{t}' object has no setter"),
                            ));
                        }
                        return self.call_value(set, Args::new(&[obj, v]), ReturnTo::Discard);
                    }
                }
                if let Some(sa) = self.lookup_user_special(obj, self.sym.setattr) {
                    let n = {
                        let n = self.sym_name(name).to_string();
                        self.new_str(&n)
                    };
                    return self.call_value(sa, Args::new(&[obj, n, v]), ReturnTo::Discard);
                }
                self.store_instance_attr(id, name, v)
            }
            Obj::Class(_) => {
                if let Some(e) = self.immutable_type(id, name) {
                    return Err(e);
                }
                if let Obj::Class(c) = self.heap.get_mut(id) {
                    c.attrs.set(name, v);
                }
                Ok(())
            }
            Obj::Module { .. } => {
                if let Obj::Module { attrs, .. } = self.heap.get_mut(id) {
                    attrs.set(name, v);
                }
                Ok(())
            }
            Obj::Function(_) => {
                if let Obj::Function(f) = self.heap.get_mut(id) {
                    f.attrs.set(name, v);
                }
                Ok(())
            }
            Obj::Greenlet(_) => super::super::modules::greenlet::set_attr(self, id, name, v),
            _ => Err(self.not_settable(obj, name)),
        }
    }

    /// `object.__setattr__`: stores into the instance (its live `__dict__` once it has one), past any
    /// property or `__setattr__`.
    pub(crate) fn store_instance_attr(&mut self, id: ObjId, name: Sym, v: Value) -> Result<(), Value> {
        if name == self.sym.dict {
            return self.replace_instance_dict(id, v);
        }
        let dict = match self.heap.get_mut(id) {
            Obj::Instance(inst) if inst.dict.is_none() => {
                inst.attrs.set(name, v);
                None
            }
            Obj::Instance(inst) => inst.dict,
            _ => None,
        };
        if let Some(d) = dict {
            let key = self.name_str(name);
            self.dict_set(d, key, v)?;
        }
        let obj = Value::Obj(id);
        if self.exc_data(obj).is_some() && name == self.sym.args {
            let items = self.seq_items(v).unwrap_or_default();
            if let Some(d) = self.exc_data_mut(obj) {
                d.args = items;
            }
        }
        Ok(())
    }

    /// Assigning an attribute of a builtin value: CPython's message depends on what the name is.
    fn not_settable(&mut self, obj: Value, name: Sym) -> Value {
        let n = self.sym_name(name).to_string();
        let t = self.type_name(obj);
        let number = matches!(obj, Value::Int(_) | Value::Bool(_) | Value::Float(_)) || self.is_int(obj);
        if number && matches!(n.as_str(), "real" | "imag" | "numerator" | "denominator") {
            // The message names the type defining the descriptor: bool's come from int.
            let owner = if matches!(obj, Value::Bool(_)) { "int" } else { t.as_str() };
            let msg = format!("attribute '{n}' of '{owner}' objects is not writable");
            return self.exc(ExcKind::AttributeError, msg);
        }
        if self.lookup_in_class(self.class_of(obj), name).is_some() {
            let msg = format!("'{t}' object attribute '{n}' is read-only");
            return self.exc(ExcKind::AttributeError, msg);
        }
        self.no_attr(obj, name)
    }

    pub(crate) fn del_attr(&mut self, obj: Value, name: Sym) -> Result<(), Value> {
        if let Value::Obj(id) = obj {
            if let Obj::Instance(inst) = self.heap.get(id) {
                if let Some(Value::Obj(pid)) = self.lookup_in_class(inst.class, name) {
                    if let Obj::Property { del, .. } = self.heap.get(pid) {
                        let del = *del;
                        if del == Value::None {
                            let n = self.sym_name(name).to_string();
                            let t = self.type_name(obj);
                            return Err(self.exc(
                                ExcKind::AttributeError,
                                format!("property '{n}' of '{t}' object has no deleter"),
                            ));
                        }
                        let args = Args::one(obj);
                        return self.call_value(del, args, ReturnTo::Discard);
                    }
                }
            }
        }
        if let Some(da) = self.lookup_user_special(obj, self.sym.delattr) {
            let n = self.name_str(name);
            return self.call_value(da, Args::new(&[obj, n]), ReturnTo::Discard);
        }
        self.remove_instance_attr(obj, name)
    }

    /// `object.__delattr__`: removes from the instance, past any `__delattr__`.
    pub(crate) fn remove_instance_attr(&mut self, obj: Value, name: Sym) -> Result<(), Value> {
        if let Value::Obj(id) = obj {
            if let Obj::Instance(inst) = self.heap.get(id) {
                let Some(d) = inst.dict else { return self.del_attr_slot(obj, name) };
                let key = self.name_str(name);
                return match self.dict_remove(d, key)? {
                    Some(_) => Ok(()),
                    None => Err(self.no_attr(obj, name)),
                };
            }
        }
        self.del_attr_slot(obj, name)
    }

    /// `del obj.name` where the attribute lives in an attribute map.
    /// A builtin type's attributes cannot be set or deleted (`str.upper = 5`): CPython's TypeError.
    fn immutable_type(&mut self, class: ObjId, name: Sym) -> Option<Value> {
        let Obj::Class(c) = self.heap.get(class) else { return None };
        if c.module != "builtins" {
            return None;
        }
        let (n, t) = (self.sym_name(name).to_string(), c.name.clone());
        Some(self.type_error(format!("cannot set '{n}' attribute of immutable type '{t}'")))
    }

    fn del_attr_slot(&mut self, obj: Value, name: Sym) -> Result<(), Value> {
        if let Value::Obj(id) = obj {
            if let Some(e) = self.immutable_type(id, name) {
                return Err(e);
            }
        }
        let removed = match obj {
            Value::Obj(id) => match self.heap.get_mut(id) {
                Obj::Instance(i) => i.attrs.remove(name),
                Obj::Class(c) => c.attrs.remove(name),
                Obj::Module { attrs, .. } => attrs.remove(name),
                _ => None,
            },
            _ => None,
        };
        match removed {
            Some(_) => Ok(()),
            None => Err(self.no_attr(obj, name)),
        }
    }

    /// `import name`: a loaded module, or one of ioplay's native modules.
    pub(crate) fn import(&mut self, name: &str) -> Result<ObjId, Value> {
        if let Some(&m) = self.modules.get(name) {
            return Ok(m);
        }
        if let Some(m) = super::super::modules::import_native(self, name) {
            self.modules.insert(name.to_string(), m);
            return Ok(m);
        }
        let e = self.exc(ExcKind::ModuleNotFoundError, format!("No module named '{name}'"));
        self.set_missing_name(e, name, None);
        Err(e)
    }
}
