//! A minimal `sys`: `argv`, `exit`, `stdout`/`stderr` with `write`, `maxsize`, recursion limit, the
//! platform and the version.

use crate::py::value::{Instance, Kind, Obj, ObjId, Value};
use crate::py::vm::{Action, Args, ExcKind, SysCont, Vm};
use crate::sys::Call;

type R = Result<Action, Value>;

pub fn module(vm: &mut Vm) -> ObjId {
    let m = vm.new_module("sys");
    let argv: Vec<Value> = vm.argv.clone().iter().map(|a| vm.new_str(a)).collect();
    let argv = vm.new_list(argv);
    vm.set_attr_raw(m, "argv", argv);
    vm.def_native(m, "sys.exit", exit);
    vm.def_native(m, "sys.getrecursionlimit", getrecursionlimit);
    vm.def_native(m, "sys.setrecursionlimit", setrecursionlimit);
    vm.set_attr_raw(m, "maxsize", Value::Int(i64::MAX));
    // `sys.modules`: a snapshot of what is loaded when `sys` is first imported, plus `sys`.
    let mods = vm.heap.alloc(Obj::Dict(Default::default()));
    let loaded: Vec<(String, ObjId)> = vm.modules.iter().map(|(k, v)| (k.clone(), *v)).collect();
    for (k, v) in loaded.into_iter().chain([("sys".to_string(), m)]) {
        let ks = vm.new_str(&k);
        let _ = vm.dict_set(mods, ks, Value::Obj(v));
    }
    vm.set_attr_raw(m, "modules", Value::Obj(mods));
    let p = vm.new_str("linux");
    vm.set_attr_raw(m, "platform", p);
    let bo = vm.new_str("little");
    vm.set_attr_raw(m, "byteorder", bo);
    // The language version ioplay follows. `version_info` is a plain tuple (no `.major`).
    let version = vm.new_str("3.11.7 (ioplay: CPython 3.11's language on a simulated Linux kernel)");
    vm.set_attr_raw(m, "version", version);
    let release = vm.new_str("final");
    let info = vm.new_tuple(vec![Value::Int(3), Value::Int(11), Value::Int(7), release, Value::Int(0)]);
    vm.set_attr_raw(m, "version_info", info);
    vm.set_attr_raw(m, "hexversion", Value::Int(0x030b07f0));
    let obj = vm.types.object;
    let io = crate::py::vm::types_new_class(vm, "TextIOWrapper", obj, Kind::Object, "_io");
    vm.def_native(io, "TextIOWrapper.write", write);
    vm.def_native(io, "TextIOWrapper.flush", flush);
    vm.def_native(io, "TextIOWrapper.fileno", fileno);
    for (name, fd) in [("stdin", 0), ("stdout", 1), ("stderr", 2)] {
        let f = vm.heap.alloc(Obj::Instance(Box::new(Instance::new(io))));
        let s = vm.names.intern("_fd");
        if let Obj::Instance(i) = vm.heap.get_mut(f) {
            i.attrs.set(s, Value::Int(fd));
        }
        vm.set_attr_raw(m, name, Value::Obj(f));
        vm.set_attr_raw(m, &format!("__{name}__"), Value::Obj(f));
    }
    m
}

fn exit(vm: &mut Vm, a: Args) -> R {
    let args = a.get(0).map(|c| vec![c]).unwrap_or_default();
    Err(vm.new_exc_from(vm.exc_class(ExcKind::SystemExit), args))
}

fn getrecursionlimit(vm: &mut Vm, _a: Args) -> R {
    Ok(Action::Return(Value::Int(vm.limits.recursion as i64)))
}

fn setrecursionlimit(vm: &mut Vm, a: Args) -> R {
    match a.get(0).and_then(|v| vm.small_int(v)) {
        Some(n) if n > 0 => {
            vm.limits.recursion = (n as usize).min(100_000);
            Ok(Action::Return(Value::None))
        }
        _ => Err(vm.value_error("recursion limit must be greater or equal than 1")),
    }
}

fn fd_of(vm: &mut Vm, a: &Args) -> i64 {
    let s = vm.names.intern("_fd");
    match a.get(0) {
        Some(Value::Obj(id)) => match vm.heap.get(id) {
            Obj::Instance(i) => i.attrs.get(s).and_then(|v| vm.small_int(v)).unwrap_or(1),
            _ => 1,
        },
        _ => 1,
    }
}

/// `sys.stdout.write(s)`: one `write(2)`; returns the number of characters.
fn write(vm: &mut Vm, a: Args) -> R {
    let fd = fd_of(vm, &a);
    let v = a.get(1).unwrap_or(Value::None);
    let Some(s) = vm.str_of(v).map(|s| s.to_string()) else {
        return Err(vm.type_error(format!("write() argument must be str, not {}", vm.type_name(v))));
    };
    let n = s.chars().count();
    if s.is_empty() {
        return Ok(Action::Return(Value::Int(0)));
    }
    Ok(Action::Syscall {
        call: Call::Write { fd: fd as i32, data: s.into_bytes() },
        then: SysCont::WriteCount(n),
    })
}

fn flush(_vm: &mut Vm, _a: Args) -> R {
    Ok(Action::Return(Value::None))
}

fn fileno(vm: &mut Vm, a: Args) -> R {
    let fd = fd_of(vm, &a);
    Ok(Action::Return(Value::Int(fd)))
}
