//! `dict(m)`, `dict.update(m)` and `{**m}` for a mapping that is not a dict — an instance with a
//! `keys()` method (`collections.Counter`, a user's class): `m.keys()`, then `m[key]` for each key, as
//! CPython's `PyDict_Merge` does. Each step is a Python call, so each is a continuation.

use crate::py::value::{Obj, ObjId, Value};
use crate::py::vm::{Action, Args, ContFnPtr, ContKind, Resume, Vm};

type R = Result<Action, Value>;

/// What the merge holds between steps, as a tuple: the target dict, the mapping, what the whole
/// operation returns, and the keys' iterator once there is one.
const DICT: usize = 0;
const SRC: usize = 1;
const RESULT: usize = 2;
const ITER: usize = 3;

/// If `src` is an instance with `keys()`, merges it into `dict` and then returns `result`; `None` when
/// `src` is not such a mapping (the caller takes it as an iterable of pairs).
pub fn merge_mapping(vm: &mut Vm, dict: ObjId, src: Value, result: Value) -> Option<R> {
    let keys_name = vm.names.intern("keys");
    let keys = vm.lookup_user_special(src, keys_name)?;
    let state = vm.new_tuple(vec![Value::Obj(dict), src, result, Value::None]);
    Some(Ok(Action::CallThen {
        func: keys,
        args: Args::one(src),
        cont: ContKind::Native { f: ContFnPtr(got_keys), data: state },
    }))
}

fn field(vm: &Vm, state: Value, i: usize) -> Value {
    let Value::Obj(id) = state else { unreachable!("the merge state is a tuple") };
    match vm.heap.get(id) {
        Obj::Tuple(items) => items[i],
        _ => unreachable!("the merge state is a tuple"),
    }
}

fn resumed(r: Resume) -> Result<Value, Value> {
    match r {
        Resume::Value(v) | Resume::Exhausted(v) => Ok(v),
        Resume::Error(e) => Err(e),
    }
}

/// `keys()` answered: iterate what it gave, with the builtin `iter` (which may call `__iter__`).
fn got_keys(vm: &mut Vm, r: Resume, state: Value) -> R {
    let keys = resumed(r)?;
    let iter = vm.builtin_value("iter");
    Ok(Action::CallThen {
        func: iter,
        args: Args::one(keys),
        cont: ContKind::Native { f: ContFnPtr(got_iter), data: state },
    })
}

fn got_iter(vm: &mut Vm, r: Resume, state: Value) -> R {
    let iter = resumed(r)?;
    let Value::Obj(id) = state else { unreachable!("the merge state is a tuple") };
    if let Obj::Tuple(items) = vm.heap.get_mut(id) {
        items[ITER] = iter;
    }
    next_key(iter, state)
}

fn next_key(iter: Value, state: Value) -> R {
    Ok(Action::NextThen { iter, cont: ContKind::Native { f: ContFnPtr(got_key), data: state } })
}

/// The next key: ask the mapping for its value, or finish when the keys are exhausted.
fn got_key(vm: &mut Vm, r: Resume, state: Value) -> R {
    let key = match r {
        Resume::Value(k) => k,
        Resume::Exhausted(_) => return Ok(Action::Return(field(vm, state, RESULT))),
        Resume::Error(e) => return Err(e),
    };
    let src = field(vm, state, SRC);
    let getitem = vm.sym.getitem;
    let Some(get) = vm.lookup_user_special(src, getitem) else {
        let t = vm.type_name(src);
        return Err(vm.type_error(format!("'{t}' object is not subscriptable")));
    };
    let pending = vm.new_tuple(vec![state, key]);
    Ok(Action::CallThen {
        func: get,
        args: Args::new(&[src, key]),
        cont: ContKind::Native { f: ContFnPtr(got_value), data: pending },
    })
}

fn got_value(vm: &mut Vm, r: Resume, pending: Value) -> R {
    let value = resumed(r)?;
    let (state, key) = (field(vm, pending, 0), field(vm, pending, 1));
    let Value::Obj(dict) = field(vm, state, DICT) else { unreachable!("the target is a dict") };
    vm.dict_set(dict, key, value)?;
    next_key(field(vm, state, ITER), state)
}
