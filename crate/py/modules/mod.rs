//! Python's modules as programs see them, written as natives that return actions.
//!
//! `builtins` (functions and constructors), `methods` (methods of the builtin types), `conts` (natives
//! continuing after a Python call), `sysconts` (natives continuing after a syscall), and the modules
//! `greenlet`, `time`, `sys`, `math`, `struct`, `random` and `errno`.

pub mod _ioplay;
pub mod builtins;
pub mod conts;
mod errno;
pub mod greenlet;
pub(crate) mod mapping;
mod math;
pub(crate) mod methods;
pub mod random;
pub mod setorder;
mod sha512;
mod structmod;
pub mod sysconts;
mod sysmod;
mod time;

use super::value::{Native, Obj, ObjId, Value};
use super::vm::{Args, NativeFn, Vm};

/// Installs the builtins and the methods of builtin types.
pub fn install(vm: &mut Vm) {
    builtins::install(vm);
    methods::install(vm);
}

/// Makes one of ioplay's own modules on first import.
pub fn import_native(vm: &mut Vm, name: &str) -> Option<ObjId> {
    match name {
        "_time" => Some(time::module(vm)),
        "errno" => Some(errno::module(vm)),
        "random" => Some(random::module(vm)),
        "math" => Some(math::module(vm)),
        "struct" => Some(structmod::module(vm)),
        "sys" => Some(sysmod::module(vm)),
        "greenlet" => Some(greenlet::module(vm)),
        "_ioplay" => Some(_ioplay::module(vm)),
        _ => None,
    }
}

impl Vm {
    /// Defines `module.name` as a native (making the module on first use), for modules written
    /// outside `py` (the socket layer, tests). Its continuations use `ContKind::Native` and
    /// `SysCont::Native`.
    pub fn define_native(&mut self, module: &str, name: &'static str, f: NativeFn) {
        let m = match self.modules.get(module) {
            Some(&m) => m,
            None => {
                let m = self.new_module(module);
                self.modules.insert(module.to_string(), m);
                m
            }
        };
        self.def_native(m, name, f);
    }

    /// An attribute of a module already imported (a native module's own state: `struct.error`, the
    /// `_ioplay` tables), if both exist.
    pub(crate) fn loaded_module_attr(&self, module: &str, name: &str) -> Option<Value> {
        let m = *self.modules.get(module)?;
        let sym = self.names.lookup(name)?;
        match self.heap.get(m) {
            Obj::Module { attrs, .. } => attrs.get(sym),
            _ => None,
        }
    }

    pub(crate) fn native(&mut self, name: &'static str, f: NativeFn) -> Value {
        Value::Obj(self.heap.alloc(Obj::Native(Native { name, f })))
    }

    /// Puts a native into a module's (or class's) attributes.
    pub(crate) fn def_native(&mut self, target: ObjId, name: &'static str, f: NativeFn) {
        let short = name.rsplit('.').next().unwrap_or(name);
        let v = self.native(name, f);
        let s = self.names.intern(short);
        match self.heap.get_mut(target) {
            Obj::Module { attrs, .. } => attrs.set(s, v),
            Obj::Class(c) => c.attrs.set(s, v),
            _ => {}
        }
    }

    pub(crate) fn set_attr_raw(&mut self, target: ObjId, name: &str, v: Value) {
        let s = self.names.intern(name);
        match self.heap.get_mut(target) {
            Obj::Module { attrs, .. } => attrs.set(s, v),
            Obj::Class(c) => c.attrs.set(s, v),
            _ => {}
        }
    }
}

/// Argument helpers for natives.
impl Args {
    /// At least `n` positional arguments, else CPython's TypeError (natives index them freely after).
    pub fn need(&self, vm: &mut Vm, n: usize, what: &str) -> Result<(), Value> {
        if self.pos.len() >= n {
            return Ok(());
        }
        Err(vm.type_error(format!("{what} needs an argument")))
    }

    pub fn get(&self, i: usize) -> Option<Value> {
        self.pos.get(i).copied()
    }

    pub fn kw(&self, vm: &Vm, name: &str) -> Option<Value> {
        let s = vm.names.lookup(name)?;
        self.kw.iter().find(|k| k.0 == s).map(|k| k.1)
    }

    /// Positional `i`, or keyword `name`.
    pub fn arg(&self, vm: &Vm, i: usize, name: &str) -> Option<Value> {
        self.get(i).or_else(|| self.kw(vm, name))
    }
}
