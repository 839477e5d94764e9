//! The `greenlet` module on the VM: a greenlet is a suspended stack of frames; `switch` swaps stacks.

use crate::py::value::{Obj, ObjId, Sym, Value};
use crate::py::vm::{Action, Args, ExcKind, Greenlet, GreenletState, Vm};

type R = Result<Action, Value>;

/// A new greenlet of class `cls` (not started); its parent defaults to the current greenlet.
pub fn new_greenlet(vm: &mut Vm, cls: ObjId, run: Value, parent: Option<ObjId>) -> Value {
    vm.greenlet_serial += 1;
    let serial = vm.greenlet_serial;
    let parent = Some(parent.unwrap_or(vm.current_greenlet));
    Value::Obj(vm.heap.alloc(Obj::Greenlet(Box::new(Greenlet {
        run,
        parent,
        frames: Vec::new(),
        state: GreenletState::New,
        attrs: Default::default(),
        class: cls,
        serial,
    }))))
}

pub fn module(vm: &mut Vm) -> ObjId {
    let m = vm.new_module("greenlet");
    let cls = vm.types.greenlet;
    if let Obj::Class(c) = vm.heap.get_mut(cls) {
        c.module = "greenlet".into();
    }
    vm.def_native(cls, "greenlet.__new__", greenlet_new);
    vm.def_native(cls, "greenlet.__init__", greenlet_init);
    vm.def_native(cls, "greenlet.switch", switch);
    vm.def_native(cls, "greenlet.throw", throw);
    let dead = vm.native("greenlet.dead", dead);
    let dead_p = Value::Obj(vm.heap.alloc(Obj::Property { get: dead, set: Value::None, del: Value::None }));
    vm.set_attr_raw(cls, "dead", dead_p);
    let parent = vm.native("greenlet.parent", parent);
    let parent_p =
        Value::Obj(vm.heap.alloc(Obj::Property { get: parent, set: Value::None, del: Value::None }));
    vm.set_attr_raw(cls, "parent", parent_p);
    let bool_ = vm.native("greenlet.__bool__", is_active);
    vm.set_attr_raw(cls, "__bool__", bool_);
    let gc = vm.native("greenlet.getcurrent", getcurrent);
    let gc = Value::Obj(vm.heap.alloc(Obj::StaticMethod(gc)));
    vm.set_attr_raw(cls, "getcurrent", gc);
    vm.set_attr_raw(m, "greenlet", Value::Obj(cls));
    vm.def_native(m, "getcurrent", getcurrent);
    let ge = vm.exc_class(ExcKind::GreenletExit);
    vm.set_attr_raw(m, "GreenletExit", Value::Obj(ge));
    let err = vm.exc_class(ExcKind::RuntimeError);
    vm.set_attr_raw(m, "error", Value::Obj(err));
    m
}

fn me(vm: &mut Vm, a: &Args) -> Result<ObjId, Value> {
    match a.get(0) {
        Some(Value::Obj(id)) if matches!(vm.heap.get(id), Obj::Greenlet(_)) => Ok(id),
        Some(v) => Err(
            vm.type_error(format!("GreenletChecker: Expected any type of greenlet, not {}", vm.type_name(v)))
        ),
        None => Err(vm.type_error("GreenletChecker: Expected any type of greenlet, not NoneType")),
    }
}

fn greenlet_new(vm: &mut Vm, a: Args) -> R {
    a.need(vm, 1, "greenlet.__new__()")?;
    let Some(Value::Obj(cls)) = a.get(0) else { unreachable!() };
    let run = a.arg(vm, 1, "run").unwrap_or(Value::None);
    let parent = parent_arg(vm, a.arg(vm, 2, "parent"))?;
    Ok(Action::Return(new_greenlet(vm, cls, run, parent)))
}

/// The `parent=` argument: None, or a greenlet (the greenlet package's own checker message).
fn parent_arg(vm: &mut Vm, v: Option<Value>) -> Result<Option<ObjId>, Value> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Obj(p)) if matches!(vm.heap.get(p), Obj::Greenlet(_)) => Ok(Some(p)),
        Some(other) => {
            let t = vm.type_name(other);
            Err(vm.type_error(format!("GreenletChecker: Expected any type of greenlet, not {t}")))
        }
    }
}

/// `greenlet.__init__(self, run=None, parent=None)` for subclasses calling it.
fn greenlet_init(vm: &mut Vm, a: Args) -> R {
    let id = me(vm, &a)?;
    let run = a.arg(vm, 1, "run");
    let parent = parent_arg(vm, a.arg(vm, 2, "parent"))?;
    if let Obj::Greenlet(g) = vm.heap.get_mut(id) {
        if let Some(r) = run {
            g.run = r;
        }
        if let Some(p) = parent {
            g.parent = Some(p);
        }
    }
    Ok(Action::Return(Value::None))
}

fn switch(vm: &mut Vm, mut a: Args) -> R {
    let id = me(vm, &a)?;
    a.pos.remove(0);
    Ok(Action::Switch { target: id, args: a, throw: None })
}

/// `throw(typ=GreenletExit, val=None, tb=None)`: raise in the target greenlet.
fn throw(vm: &mut Vm, a: Args) -> R {
    let id = me(vm, &a)?;
    let typ = a.get(1).unwrap_or(Value::Obj(vm.exc_class(ExcKind::GreenletExit)));
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
        _ => return Err(vm.type_error("exceptions must be classes, or instances, not str")),
    };
    Ok(Action::Switch { target: id, args: Args::default(), throw: Some(exc) })
}

fn dead(vm: &mut Vm, a: Args) -> R {
    let id = me(vm, &a)?;
    let Obj::Greenlet(g) = vm.heap.get(id) else { unreachable!() };
    Ok(Action::Return(Value::Bool(g.state == GreenletState::Dead)))
}

fn is_active(vm: &mut Vm, a: Args) -> R {
    let id = me(vm, &a)?;
    let Obj::Greenlet(g) = vm.heap.get(id) else { unreachable!() };
    Ok(Action::Return(Value::Bool(matches!(g.state, GreenletState::Active | GreenletState::Suspended))))
}

fn parent(vm: &mut Vm, a: Args) -> R {
    let id = me(vm, &a)?;
    let Obj::Greenlet(g) = vm.heap.get(id) else { unreachable!() };
    Ok(Action::Return(g.parent.map(Value::Obj).unwrap_or(Value::None)))
}

fn getcurrent(vm: &mut Vm, _a: Args) -> R {
    Ok(Action::Return(Value::Obj(vm.current_greenlet)))
}

/// `g.parent = p`, `g.run = f`, or any attribute on a greenlet (subclasses keep state there).
pub fn set_attr(vm: &mut Vm, id: ObjId, name: Sym, v: Value) -> Result<(), Value> {
    let name_s = vm.names.name(name).to_string();
    match name_s.as_str() {
        "parent" if id == vm.main_greenlet => {
            Err(vm.exc(ExcKind::AttributeError, "cannot set the parent of a main greenlet"))
        }
        "parent" => match v {
            Value::Obj(p) if matches!(vm.heap.get(p), Obj::Greenlet(_)) => {
                // Walk up from the new parent: meeting ourselves would make a cycle.
                let mut cur = Some(p);
                while let Some(c) = cur {
                    if c == id {
                        return Err(vm.value_error("cyclic parent chain"));
                    }
                    cur = match vm.heap.get(c) {
                        Obj::Greenlet(g) => g.parent,
                        _ => None,
                    };
                }
                if let Obj::Greenlet(g) = vm.heap.get_mut(id) {
                    g.parent = Some(p);
                }
                Ok(())
            }
            _ => Err(vm.type_error("parent must be a greenlet")),
        },
        "run" => {
            let Obj::Greenlet(g) = vm.heap.get_mut(id) else { unreachable!() };
            if g.state != GreenletState::New {
                return Err(
                    vm.exc(ExcKind::AttributeError, "run cannot be set after the start of the greenlet")
                );
            }
            g.run = v;
            Ok(())
        }
        _ => {
            let Obj::Greenlet(g) = vm.heap.get_mut(id) else { unreachable!() };
            g.attrs.set(name, v);
            Ok(())
        }
    }
}
