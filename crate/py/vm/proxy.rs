//! `mappingproxy`: what `vars(Cls)` and `Cls.__dict__` give, a read-only live view of a class's own
//! attributes. Reads go to a dict made from the class's attributes at the moment of the read, so a
//! proxy kept across `Cls.x = 1` sees the new attribute, and writes fail as CPython's do.

use super::super::value::{Obj, ObjId, Value};
use super::call::Action;
use super::{Args, Vm};

impl Vm {
    /// The dict a mappingproxy reads now (`None` when `v` is not a proxy).
    pub(crate) fn proxy_snapshot(&mut self, v: Value) -> Option<Value> {
        let Value::Obj(id) = v else { return None };
        let Obj::MappingProxy(cls) = *self.heap.get(id) else { return None };
        Some(self.snapshot_dict(cls))
    }

    /// `Cls.__dict__`.
    pub(crate) fn class_proxy(&mut self, cls: ObjId) -> Value {
        Value::Obj(self.heap.alloc(Obj::MappingProxy(cls)))
    }
}

/// `proxy.method(...)`: the dict method of the same name on the proxy's current contents.
fn delegate(vm: &mut Vm, mut a: Args, method: &str) -> Result<Action, Value> {
    let recv = a.pos.first().copied().unwrap_or(Value::None);
    let Some(snapshot) = vm.proxy_snapshot(recv) else {
        let t = vm.type_name(recv);
        return Err(vm.type_error(format!(
            "descriptor '{method}' for 'mappingproxy' objects doesn't apply to a '{t}' object"
        )));
    };
    a.pos[0] = snapshot;
    let name = vm.names.intern(method);
    let func = vm.lookup_in_class(vm.types.dict, name).expect("dict has its methods");
    Ok(Action::Call { func, args: a })
}

macro_rules! delegating {
    ($($f:ident = $name:literal),* $(,)?) => {
        $(fn $f(vm: &mut Vm, a: Args) -> Result<Action, Value> { delegate(vm, a, $name) })*
        /// Gives the `mappingproxy` class its read-only dict methods.
        pub(crate) fn install(vm: &mut Vm) {
            let cls = vm.types.mappingproxy;
            $(vm.def_native(cls, concat!("mappingproxy.", $name), $f);)*
        }
    };
}

delegating! { keys = "keys", values = "values", items = "items", get = "get", copy = "copy" }
