//! Class hooks written in Python: a `__new__` of a user class (then `__init__`, when it made an
//! instance of the class), and `__init_subclass__` after a class statement. Each is a call the loop
//! makes, with a continuation for what follows, never Rust recursion.

use super::super::value::{Obj, ObjId, Sym, Value};
use super::call::{Action, ContFnPtr, ContKind, Resume, ReturnTo};
use super::{Args, Vm};

impl Vm {
    /// The `__new__` on `cls`'s MRO when it is written in Python (builtin ones are natives, which
    /// `instantiate` calls itself).
    pub(crate) fn python_new(&self, cls: ObjId) -> Option<Value> {
        let f = self.unwrap_static(self.lookup_in_class(cls, self.sym.new)?);
        self.is_python_function(f).then_some(f)
    }

    /// `Cls(...)` where `Cls.__new__` is Python: `__new__(Cls, ...)`, then `__init__(obj, ...)` if
    /// what it returned is an instance of `Cls`, as CPython's `type.__call__` does.
    pub(crate) fn construct_with_new(
        &mut self,
        cls: ObjId,
        new: Value,
        args: Args,
        ret: ReturnTo,
    ) -> Result<(), Value> {
        let mut kw_flat = Vec::with_capacity(args.kw.len() * 2);
        for &(k, v) in &args.kw {
            kw_flat.push(Value::Int(k.0 as i64));
            kw_flat.push(v);
        }
        let pos = self.new_tuple(args.pos.to_vec());
        let kw = self.new_tuple(kw_flat);
        let data = self.new_tuple(vec![Value::Obj(cls), pos, kw]);
        let mut a = args;
        a.pos.insert(0, Value::Obj(cls));
        let cont = ContKind::Native { f: ContFnPtr(after_new), data };
        self.perform(Action::CallThen { func: new, args: a, cont }, ret)
    }

    /// After a class statement made `cls`: the nearest base's Python `__init_subclass__(cls, **kw)`
    /// (an implicit classmethod), and the class is the statement's value.
    pub(crate) fn after_class_made(&mut self, cls: Value, kw: Vec<(Sym, Value)>) -> Result<Action, Value> {
        let Value::Obj(id) = cls else { return Ok(Action::Return(cls)) };
        let name = self.names.intern("__init_subclass__");
        let mro = match self.heap.get(id) {
            Obj::Class(c) => c.mro.clone(),
            _ => vec![],
        };
        let hook = mro.iter().skip(1).find_map(|&k| match self.heap.get(k) {
            Obj::Class(c) => c.attrs.get(name),
            _ => None,
        });
        let Some(hook) = hook else { return Ok(Action::Return(cls)) };
        let f = match hook {
            Value::Obj(h) => match self.heap.get(h) {
                Obj::ClassMethod(inner) => *inner,
                _ => hook,
            },
            _ => hook,
        };
        if !self.is_python_function(f) {
            return Ok(Action::Return(cls));
        }
        let args = Args::with_kw(&[cls], kw);
        Ok(Action::CallThen { func: f, args, cont: ContKind::Native { f: ContFnPtr(give_data), data: cls } })
    }

    fn unwrap_static(&self, f: Value) -> Value {
        match f {
            Value::Obj(id) => match self.heap.get(id) {
                Obj::StaticMethod(inner) => *inner,
                _ => f,
            },
            _ => f,
        }
    }

    fn is_python_function(&self, f: Value) -> bool {
        matches!(f, Value::Obj(id) if matches!(self.heap.get(id), Obj::Function(_)))
    }
}

/// `__new__` returned `obj`: run `__init__` on it when it is an instance of the class called.
fn after_new(vm: &mut Vm, r: Resume, data: Value) -> Result<Action, Value> {
    let obj = match r {
        Resume::Value(v) | Resume::Exhausted(v) => v,
        Resume::Error(e) => return Err(e),
    };
    let parts = vm.seq_items(data).unwrap_or_default();
    let [Value::Obj(cls), pos, kw] = parts[..] else { unreachable!("after_new's data is (cls, args, kw)") };
    if !vm.isinstance(obj, cls) {
        return Ok(Action::Return(obj));
    }
    let init = vm.lookup_in_class(cls, vm.sym.init);
    let object_init = vm.lookup_in_class(vm.types.object, vm.sym.init);
    let Some(init) = init.filter(|&f| Some(f) != object_init && vm.is_python_function(f)) else {
        return Ok(Action::Return(obj));
    };
    let mut args = Args::one(obj);
    args.pos.extend(vm.seq_items(pos).unwrap_or_default());
    let flat = vm.seq_items(kw).unwrap_or_default();
    for pair in flat.chunks(2) {
        if let [Value::Int(k), v] = pair {
            args.kw.push((Sym(*k as u32), *v));
        }
    }
    Ok(Action::CallThen { func: init, args, cont: ContKind::Native { f: ContFnPtr(give_data), data: obj } })
}

/// The call it waited for is done: the result is what was kept (the instance, the class).
fn give_data(_vm: &mut Vm, r: Resume, data: Value) -> Result<Action, Value> {
    match r {
        Resume::Error(e) => Err(e),
        _ => Ok(Action::Return(data)),
    }
}
