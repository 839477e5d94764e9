//! Closing the suspended generators a program lets go of. CPython frees a generator the moment its
//! last reference goes (`del g`, `g = None`, a `for` left by `break`, a function returning) and its
//! `close()` runs the generator's `finally` blocks right there; at exit it closes those still alive.
//!
//! The heap here is traced, not counted, so the same order comes from three pieces: a generator that
//! suspends inside a `try` arms the VM (until then none of this costs anything); while armed, an
//! instruction that lets go of such a generator queues a collection for the next instruction boundary;
//! that collection keeps the unreachable ones alive and closes each, as Python calls on the VM's own
//! frames (never on the Rust stack), before the program's next instruction.

use super::super::value::{Obj, ObjId, Value};
use super::call::{Action, Cont, ContFnPtr, ContKind, Resume, ReturnTo};
use super::{Args, GenState, Vm};

/// Is this heap object a suspended generator whose `close()` would run Python code (a `finally`, an
/// `except`, a `with` exit)?
fn finalizable(o: &Obj) -> bool {
    matches!(o, Obj::Generator(g) if g.state == GenState::Suspended
        && g.frame.as_ref().is_some_and(|f| !f.blocks.is_empty()))
}

impl Vm {
    /// A generator suspends: inside a `try`, it arms finalization.
    #[inline]
    pub(crate) fn note_suspended(&mut self, in_try: bool) {
        if in_try {
            self.finalizers_armed = true;
        }
    }

    /// An instruction let go of `old` (called only while armed): if it is a generator to finalize,
    /// look for unreachable ones at the next instruction boundary.
    #[cold]
    pub(crate) fn let_go(&mut self, old: Value) {
        if let Value::Obj(id) = old {
            if finalizable(self.heap.get(id)) && !self.finalize_queued {
                self.finalize_queued = true;
                let kind = ContKind::Native { f: ContFnPtr(collect_and_close), data: Value::None };
                self.cont_queue
                    .push((Box::new(Cont { kind, then: ReturnTo::Discard }), Resume::Value(Value::None)));
            }
        }
    }

    /// A returning frame lets go of its locals (called only while armed).
    #[cold]
    pub(crate) fn let_go_all(&mut self, values: &[Value]) {
        for &v in values {
            self.let_go(v);
        }
    }

    /// The main module returned: close every generator still to finalize, those named by `__main__`'s
    /// globals first (in their order), then the rest (oldest first), then finish. False when there
    /// are none.
    pub(crate) fn finalize_at_exit(&mut self) -> bool {
        self.finalizers_armed = false;
        let mut order: Vec<ObjId> = Vec::new();
        if let Some(&main) = self.modules.get("__main__") {
            if let Obj::Module { attrs, .. } = self.heap.get(main) {
                for &(_, v) in attrs.iter() {
                    if let Value::Obj(id) = v {
                        if finalizable(self.heap.get(id)) && !order.contains(&id) {
                            order.push(id);
                        }
                    }
                }
            }
        }
        let rest: Vec<ObjId> =
            self.heap.ids().filter(|&id| finalizable(self.heap.get(id)) && !order.contains(&id)).collect();
        order.extend(rest);
        if order.is_empty() {
            return false;
        }
        let data = self.close_list(order, true);
        let kind = ContKind::Native { f: ContFnPtr(close_next), data };
        self.cont_queue.push((Box::new(Cont { kind, then: ReturnTo::Discard }), Resume::Value(Value::None)));
        true
    }

    /// What `close_next` works through: `[generators…]` and whether the program ends after them.
    fn close_list(&mut self, gens: Vec<ObjId>, at_exit: bool) -> Value {
        let list = self.new_list(gens.into_iter().map(Value::Obj).collect());
        self.new_tuple(vec![list, Value::Bool(at_exit)])
    }
}

/// At an instruction boundary: collect, keeping the unreachable generators to finalize, and close them.
fn collect_and_close(vm: &mut Vm, _r: Resume, _data: Value) -> Result<Action, Value> {
    vm.finalize_queued = false;
    let roots = vm.gc_roots();
    let found = vm.heap.collect_keeping(&roots, finalizable);
    if found.is_empty() {
        return Ok(Action::Return(Value::None));
    }
    let data = vm.close_list(found, false);
    close_next(vm, Resume::Value(Value::None), data)
}

/// Closes the next generator of the list; the previous close's outcome is dropped (an exception from
/// a finalizer is not the program's: CPython prints "Exception ignored in" and goes on).
fn close_next(vm: &mut Vm, _previous: Resume, data: Value) -> Result<Action, Value> {
    let parts = vm.seq_items(data).unwrap_or_default();
    let [Value::Obj(list), Value::Bool(at_exit)] = parts[..] else { unreachable!("close_next's data") };
    let next = match vm.heap.get_mut(list) {
        Obj::List(items) if !items.is_empty() => Some(items.remove(0)),
        _ => None,
    };
    let Some(gen) = next else {
        if at_exit {
            vm.finish(0);
        }
        return Ok(Action::Return(Value::None));
    };
    let close_name = vm.names.intern("close");
    let close = vm.lookup_in_class(vm.types.generator, close_name).expect("generator.close");
    let args = Args::one(gen);
    Ok(Action::CallThen { func: close, args, cont: ContKind::Native { f: ContFnPtr(close_next), data } })
}
