//! Dict and set keys whose class defines `__hash__` or `__eq__` in Python.
//!
//! A dict operation is native code, and natives never call back into the interpreter. So when one
//! meets such a key and does not yet know the answer (the key's hash, or whether it equals a stored
//! key with the same hash), it records what it needs in [`KeyResolution::need`] and fails. The loop
//! then puts the failed step back as it was (the instruction's operand stack and position, or the
//! continuation and its input), calls the Python method, keeps the answer in a memo and runs the
//! step again; a key probing past several stored keys takes one round per comparison. The memo
//! lives only for the retries of that one step, so a key mutated later is asked again, as CPython
//! would. Steps are only made retryable once some class defines one of the two methods.

use std::cell::Cell;

use super::call::{Action, Cont, ContKind, Resume, ReturnTo};
use super::{Args, Vm};
use crate::py::value::{Obj, ObjId, Sym, Value};

/// A Python answer a dict operation is waiting for.
#[derive(Clone, Copy, Debug)]
pub enum KeyNeed {
    /// `type(key).__hash__(key)`.
    Hash(Value),
    /// Whether the stored key equals the probing key (`stored == probe`).
    Eq { stored: Value, probe: Value },
}

/// Answers already given by Python methods during the retries of one step.
#[derive(Clone, Debug, Default)]
pub struct KeyMemo {
    hashes: Vec<(Value, u64)>,
    eqs: Vec<(Value, Value, bool)>,
}

impl KeyMemo {
    fn clear(&mut self) {
        self.hashes.clear();
        self.eqs.clear();
    }

    pub fn trace(&self, out: &mut Vec<Value>) {
        out.extend(self.hashes.iter().map(|h| h.0));
        for &(a, b, _) in &self.eqs {
            out.extend([a, b]);
        }
    }
}

#[derive(Clone, Debug, Default)]
pub(crate) struct KeyResolution {
    /// Set once a class defines `__hash__` or `__eq__`: from then on each step keeps what a retry needs.
    pub enabled: bool,
    memo: KeyMemo,
    need: Cell<Option<KeyNeed>>,
}

/// The error a dict operation returns while it waits for a Python answer (never raised: the loop
/// sees [`KeyResolution::need`] and retries the step).
const WAITING: Value = Value::Unbound;

impl Vm {
    /// Notes that a class with this namespace may give dict keys a Python hash or equality.
    pub(crate) fn note_key_methods(&mut self, attrs: &crate::py::value::AttrMap) {
        if attrs.get(self.sym.hash).is_some() || attrs.get(self.sym.eq).is_some() {
            self.keys.enabled = true;
        }
    }

    /// A method of `v`'s class written in Python.
    fn python_method(&self, v: Value, name: Sym) -> Option<Value> {
        let Value::Obj(id) = v else { return None };
        let Obj::Instance(i) = self.heap.get(id) else {
            return None;
        };
        match self.lookup_in_class(i.class, name)? {
            f @ Value::Obj(fid) if matches!(self.heap.get(fid), Obj::Function(_)) => Some(f),
            _ => None,
        }
    }

    /// An instance's hash as a key: `None` if its class makes it unhashable (`__eq__` without
    /// `__hash__`, or `__hash__ = None`); its identity unless it defines `__hash__`.
    pub(crate) fn instance_key_hash(&self, v: Value, id: ObjId, cls: ObjId) -> Option<Result<u64, Value>> {
        let eq = self.lookup_in_class(cls, self.sym.eq);
        match self.lookup_in_class(cls, self.sym.hash) {
            Some(Value::None) => return None,
            None if eq.is_some_and(|f| self.python_method_value(f)) => return None,
            Some(f) if self.python_method_value(f) => {
                let known = self.keys.memo.hashes.iter().find(|h| h.0 == v).map(|h| h.1);
                return Some(known.ok_or_else(|| self.wait_for(KeyNeed::Hash(v))));
            }
            _ => {}
        }
        // An int or str subclass hashes as its value, so it finds the same dict entries.
        if let Obj::Instance(i) = self.heap.get(id) {
            if i.base != Value::Unbound {
                return Some(self.hash_ro(i.base));
            }
        }
        Some(Ok((id.0 as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)))
    }

    fn python_method_value(&self, f: Value) -> bool {
        matches!(f, Value::Obj(id) if matches!(self.heap.get(id), Obj::Function(_)))
    }

    /// Key equality for dict and set probes: identity, then a Python `__eq__` of either side (from
    /// the memo, or recorded as needed and answered "no" for now), then builtin equality.
    pub(crate) fn key_eq(&self, stored: Value, probe: Value) -> bool {
        // Two strs, the keys programs use most: equal text (no `__eq__` of a program can be involved).
        if let (Value::Obj(a), Value::Obj(b)) = (stored, probe) {
            if let (Obj::Str(x), Obj::Str(y)) = (self.heap.get(a), self.heap.get(b)) {
                return a == b || x == y;
            }
        }
        if self.is_same(stored, probe) {
            return true;
        }
        if self.keys.enabled
            && (self.python_method(stored, self.sym.eq).is_some()
                || self.python_method(probe, self.sym.eq).is_some())
        {
            if let Some(&(_, _, b)) = self.keys.memo.eqs.iter().find(|e| e.0 == stored && e.1 == probe) {
                return b;
            }
            self.wait_for(KeyNeed::Eq { stored, probe });
            return false;
        }
        self.eq(stored, probe)
    }

    /// Records the first answer a step needs; returns the error that unwinds the step.
    /// Is `e` the marker of a dict operation waiting for a Python `__hash__`/`__eq__`?
    pub(crate) fn key_is_waiting(&self, e: Value) -> bool {
        e == WAITING
    }

    fn wait_for(&self, need: KeyNeed) -> Value {
        if self.keys.need.get().is_none() {
            self.keys.need.set(Some(need));
        }
        WAITING
    }

    /// The error to return after a probe, when it met a key it cannot answer for yet.
    pub(crate) fn key_waiting(&self) -> Result<(), Value> {
        match self.keys.need.get() {
            Some(_) => Err(WAITING),
            None => Ok(()),
        }
    }

    /// Runs one instruction so that it can be run again after a Python key method answers.
    pub(crate) fn exec_one_retryable(&mut self) -> Result<(), Value> {
        let f = self.frames.last().expect("a running frame");
        let (pc, stack, depth) = (f.pc, f.stack.clone(), self.frames.len());
        let r = self.exec_one();
        match self.keys.need.take() {
            Some(need) if r.is_err() && self.frames.len() == depth => {
                // The operands come back; the position stays just past the instruction, as during
                // any call it makes (tracebacks point at it), and the answer steps back onto it.
                let f = self.frames.last_mut().expect("a running frame");
                f.pc = pc + 1;
                f.stack = stack;
                self.ask_python(need, None)
            }
            need => self.step_done(need, r),
        }
    }

    /// Runs one continuation so that it can be run again after a Python key method answers.
    pub(crate) fn run_cont_retryable(&mut self, c: Cont, r: Resume) -> Result<(), Value> {
        if matches!(c.kind, ContKind::KeyAnswer { .. }) {
            // It fills the memo for the retry that comes next.
            return self.run_cont(c, r);
        }
        let saved = Box::new((c.clone(), r.clone()));
        let result = self.run_cont(c, r);
        match self.keys.need.take() {
            Some(need) if result.is_err() => self.ask_python(need, Some(saved)),
            need => self.step_done(need, result),
        }
    }

    fn step_done(&mut self, need: Option<KeyNeed>, r: Result<(), Value>) -> Result<(), Value> {
        self.keys.memo.clear();
        match r {
            // A probe that could not be retried here (a native reached outside the loop's steps).
            Err(WAITING) if need.is_some() => {
                Err(self.type_error("ioplay cannot call a Python __hash__ or __eq__ for a key at this point"))
            }
            r => r,
        }
    }

    /// Calls the Python method a step waits for; its answer goes to a [`ContKind::KeyAnswer`].
    fn ask_python(&mut self, need: KeyNeed, redo: Option<Box<(Cont, Resume)>>) -> Result<(), Value> {
        let memo = std::mem::take(&mut self.keys.memo);
        let (func, args) = match need {
            KeyNeed::Hash(v) => (self.python_method(v, self.sym.hash), Args::one(v)),
            KeyNeed::Eq { stored, probe } => match self.python_method(stored, self.sym.eq) {
                Some(f) => (Some(f), Args::new(&[stored, probe])),
                None => (self.python_method(probe, self.sym.eq), Args::new(&[probe, stored])),
            },
        };
        let func = func.expect("a key waits only for a Python method");
        let cont = Cont { kind: ContKind::KeyAnswer { need, memo, redo }, then: ReturnTo::Discard };
        self.call_value(func, args, ReturnTo::Native(Box::new(cont)))
    }

    /// A Python key method answered: remember it and let the waiting step run again.
    pub(crate) fn key_answer(
        &mut self,
        need: KeyNeed,
        mut memo: KeyMemo,
        redo: Option<Box<(Cont, Resume)>>,
        answer: Value,
    ) -> Result<Action, Value> {
        match need {
            KeyNeed::Hash(v) => {
                let h = match answer {
                    Value::Int(_) | Value::Bool(_) => self.hash(answer)?,
                    Value::Obj(id) if matches!(self.heap.get(id), Obj::BigInt(_)) => self.hash(answer)?,
                    _ => return Err(self.type_error("__hash__ method should return an integer")),
                };
                memo.hashes.push((v, h));
            }
            KeyNeed::Eq { stored, probe } => {
                let not_implemented =
                    matches!(answer, Value::Obj(id) if matches!(self.heap.get(id), Obj::NotImplemented));
                let equal = if not_implemented { false } else { self.truthy(answer)?.unwrap_or(true) };
                memo.eqs.push((stored, probe, equal));
            }
        }
        self.keys.memo = memo;
        match redo {
            Some(redo) => {
                let (c, r) = *redo;
                self.cont_queue.push((Box::new(c), r));
            }
            None => {
                // Back onto the waiting instruction (saturating: a method that switched greenlets
                // leaves another frame on top, which must not panic).
                let f = self.frames.last_mut().expect("the waiting frame");
                f.pc = f.pc.saturating_sub(1);
            }
        }
        Ok(Action::Return(Value::None))
    }
}
