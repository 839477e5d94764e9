//! The instruction loop, and exception unwinding across frames, generators and greenlets.

use std::rc::Rc;

use super::super::bytecode::{Code, Op};
use super::super::value::{Function, IterState, Obj, PyStr, Value};
use super::call::{Action, ContKind, ReturnTo};
use super::{Args, Block, BlockKind, Event, ExcKind, Frame, Fuel, GenState, Pending, PosArgs, Step, Vm};
use crate::sys::Call;

/// Instructions run between checks for the collector.
const SLICE: u64 = 4096;

/// Why `run_simple` stopped.
enum Stop {
    /// The budget is spent.
    Budget,
    /// At this instruction, which `exec_op` is to run (its `pc` not yet moved past it).
    At(Op),
    /// After an instruction it finished itself in a way the tight loop does not go on from (a native
    /// that raised, or asked for a call or a syscall): the slice checks for an interrupt.
    Ran,
}

/// What `call_or_switch` did with an instruction.
enum Switched {
    /// Ran it; the tight loop goes on (in the new top frame).
    Yes,
    /// Left it for `exec_op`.
    No,
    /// Ran it, and the tight loop stops (see [`Stop::Ran`]).
    Left,
}

impl Vm {
    /// Runs until the program finishes, makes a syscall, or `fuel` runs out.
    pub fn step(&mut self, fuel: &mut Fuel) -> Step {
        loop {
            if let Some(call) = self.syscall_out.take() {
                self.interrupt = false;
                return Step::Syscall(call);
            }
            if let Some(s) = self.finished {
                return Step::Finished(s);
            }
            if let Some((writes, _)) = &self.exiting {
                if let Some((fd, data)) = writes.front() {
                    let call = Call::Write { fd: *fd, data: data.clone() };
                    self.pending =
                        Some(Pending { kind: super::call::SysCont::WriteCount(0), ret: ReturnTo::Push });
                    return Step::Syscall(call);
                }
            }
            if self.frames.is_empty() && self.cont_queue.is_empty() {
                // Defensive: nothing to run means the program is over.
                self.finished = Some(0);
                continue;
            }
            if fuel.remaining == 0 {
                return Step::OutOfFuel;
            }
            self.maybe_gc();
            if self.heap.bytes() > self.limits.bytes && self.over_memory_budget() {
                let e = self.memory_error();
                self.unwind(e);
                continue;
            }
            let budget = fuel.remaining.min(SLICE);
            let used = self.run_slice(budget);
            fuel.remaining -= used;
            self.ran_since_gc += used;
        }
    }

    /// Over the memory budget even after collecting? After a MemoryError its handler may hold a quarter of
    /// the budget more than it held then, to let go of what it built, as CPython's handlers can.
    fn over_memory_budget(&mut self) -> bool {
        self.heap.since_gc = usize::MAX;
        self.maybe_gc();
        let live = self.heap.bytes();
        let limit = self.limits.bytes;
        if live <= limit {
            self.memory_grace = None;
            return false;
        }
        if self.memory_grace.is_some_and(|ceiling| live <= ceiling) {
            return false;
        }
        self.memory_grace = Some(live + limit / 4);
        true
    }

    fn run_slice(&mut self, budget: u64) -> u64 {
        let mut n = 0;
        while n < budget {
            let r = if self.tight_loop && self.cont_queue.is_empty() {
                let (ran, stop) = self.run_simple(budget - n);
                n += ran;
                match stop {
                    Stop::Budget => break,
                    Stop::Ran => Ok(()),
                    // Once a class has Python key methods, an instruction that may hash or compare keys
                    // runs so that it can be retried after a Python answer (the tight loop's own
                    // instructions never do).
                    Stop::At(_) if self.keys.enabled => {
                        n += 1;
                        self.exec_one_retryable()
                    }
                    Stop::At(op) => {
                        n += 1;
                        // `run_simple` has traced and decoded it: run it as `exec_one` would.
                        self.frames.last_mut().expect("a running frame").pc += 1;
                        self.exec_op(op)
                    }
                }
            } else {
                n += 1;
                match self.cont_queue.pop() {
                    Some((c, resume)) if self.keys.enabled => self.run_cont_retryable(*c, resume),
                    Some((c, resume)) => self.run_queued(c, resume),
                    None => self.exec_one_retryable(),
                }
            };
            if let Err(exc) = r {
                self.unwind(exc);
            }
            if self.interrupt {
                // A syscall, the end, or an exit sequence: leave the slice.
                self.interrupt = false;
                break;
            }
        }
        n
    }

    /// Runs simple instructions in a tight loop (`run_simple_in_frame`), and goes on in the new top
    /// frame after a call of a plain Python function, a return or a `yield` onto the waiting frame's
    /// stack, or a `for` step into a generator (`call_or_switch`), and after a native call that answered
    /// with a value. It stops at the first instruction that needs more (another call, a return to a
    /// native, an error to raise, any non-int operand), which `exec_one` then runs: `exec_one` stays
    /// the reference for every instruction, and each case here is only its plain success path, through
    /// the same helpers. Returns how many ran, and why it stopped.
    fn run_simple(&mut self, budget: u64) -> (u64, Stop) {
        let mut n = 0;
        loop {
            let (ran, op) = self.run_simple_in_frame(budget - n);
            n += ran;
            if n == budget {
                return (n, Stop::Budget);
            }
            match self.call_or_switch(op) {
                Switched::Yes => n += 1,
                Switched::No => return (n, Stop::At(op)),
                Switched::Left => return (n + 1, Stop::Ran),
            }
        }
    }

    /// Runs `op`, the top frame's next instruction, when it only moves between frames and cannot fail:
    /// a call of a plain Python function, a return or a `yield` onto the waiting frame's stack, a `for`
    /// step into a generator that can run; and a call of a native function, which may fail or ask for
    /// more (then it is finished here as `exec_op` would, and the tight loop is left). Otherwise does
    /// nothing. Out of line, so the tight loop keeps its registers.
    #[inline(never)]
    fn call_or_switch(&mut self, op: Op) -> Switched {
        let f = self.frames.last_mut().expect("a running frame");
        match op {
            Op::Call(k) | Op::CallMethod(k) => {
                let top = f.stack.len() - k as usize;
                // (callable, where its arguments start, how many, slots under them that go too)
                let (func, base, n, below) = match op {
                    Op::Call(_) => (f.stack[top - 1], top, k, 1),
                    _ if f.stack[top - 1] == Value::Unbound => (f.stack[top - 2], top, k, 2),
                    _ => (f.stack[top - 2], top - 1, k + 1, 1),
                };
                let Value::Obj(fid) = func else { return Switched::No };
                match self.heap.get(fid) {
                    Obj::Function(_) => {
                        f.pc += 1;
                        if self.try_fast_call(func, base, n as usize, below) {
                            return Switched::Yes;
                        }
                        self.frames.last_mut().expect("the calling frame").pc -= 1;
                    }
                    // Natives may hash or compare keys: with Python key methods about, they are retryable
                    // steps of `exec_one_retryable`, not calls made here.
                    Obj::Native(native) if !self.keys.enabled => {
                        let native = native.f;
                        f.pc += 1;
                        let args = Args::new(&f.stack[base..]);
                        f.stack.truncate(base - below);
                        let done = match native(self, args) {
                            Ok(Action::Return(v)) => {
                                self.frames.last_mut().expect("the calling frame").stack.push(v);
                                return Switched::Yes;
                            }
                            Ok(act) => self.perform(act, ReturnTo::Push),
                            Err(e) => Err(e),
                        };
                        if let Err(e) = done {
                            self.unwind(e);
                        }
                        return Switched::Left;
                    }
                    _ => {}
                }
            }
            Op::Return if f.gen.is_none() && !self.finalizers_armed && f.ret.pushes() => {
                let v = f.stack.pop().expect("stack");
                f.pc += 1;
                let done = self.return_value(v);
                debug_assert!(done.is_ok(), "a return onto a stack cannot fail");
                return Switched::Yes;
            }
            Op::Yield if f.ret.pushes() => {
                let v = f.stack.pop().expect("stack");
                f.pc += 1;
                let done = self.yield_value(v);
                debug_assert!(done.is_ok(), "a yield onto a stack cannot fail");
                return Switched::Yes;
            }
            Op::ForIter(exit) if self.frames.len() < self.limits.recursion => {
                let f = self.frames.last_mut().expect("a running frame");
                let Some(&Value::Obj(id)) = f.stack.last() else { return Switched::No };
                let Obj::Generator(g) = self.heap.get(id) else { return Switched::No };
                if !matches!(g.state, GenState::Suspended | GenState::Created) {
                    return Switched::No;
                }
                f.pc += 1;
                self.enter_generator(id, Value::None, false, ReturnTo::ForIter { exit });
                return Switched::Yes;
            }
            _ => {}
        }
        Switched::No
    }

    /// Runs the top frame's simple instructions in a tight loop that holds the frame (no per-instruction
    /// look-up of the frame, the queue or the interrupt flag): locals, constants, int arithmetic and
    /// comparisons, jumps, range and list iteration, globals that are there, a builtin object's method
    /// and a list or tuple item. It stops, without
    /// running it, at the first instruction that needs more (a call, a return, an error to raise, any
    /// non-int operand). Returns how many ran, and that instruction.
    fn run_simple_in_frame(&mut self, budget: u64) -> (u64, Op) {
        let frame = self.frames.last_mut().expect("a running frame");
        let Frame { code, pc, stack, locals, cells, globals, .. } = &mut **frame;
        let code: &Code = code;
        let mut at = *pc as usize;
        let mut n = 0;
        while n < budget {
            if self.tracing {
                let line = code.line_of(at);
                if line != self.last_line {
                    self.last_line = line;
                    self.events.push(Event::Line { line, code: code.id });
                }
            }
            let op = code.ops[at];
            match op {
                Op::Nop => {}
                Op::LoadFast(i) => {
                    let v = locals[i as usize];
                    if matches!(v, Value::Unbound) {
                        break;
                    }
                    stack.push(v);
                }
                // Armed finalizers: letting go of the old value may close a generator.
                Op::StoreFast(i) if !self.finalizers_armed => {
                    locals[i as usize] = stack.pop().expect("stack")
                }
                Op::LoadConst(i) => stack.push(code.consts[i as usize]),
                Op::Binary(bop) | Op::Inplace(bop) => {
                    let top = stack.len() - 2;
                    let (Value::Int(x), Value::Int(y)) = (stack[top], stack[top + 1]) else { break };
                    let Some(v) = super::ops::int_fast(bop, x, y) else { break };
                    stack.truncate(top);
                    stack.push(v);
                }
                Op::Compare(cop) => {
                    let top = stack.len() - 2;
                    let (Value::Int(x), Value::Int(y)) = (stack[top], stack[top + 1]) else { break };
                    let Some(r) = super::ops::int_compare(cop, x, y) else { break };
                    stack.truncate(top);
                    stack.push(Value::Bool(r));
                }
                Op::Jump(t) => {
                    at = t as usize;
                    n += 1;
                    continue;
                }
                Op::PopJumpIfFalse(t) | Op::PopJumpIfTrue(t) => {
                    let Some(truth) = plain_truth(*stack.last().expect("stack")) else { break };
                    stack.pop();
                    if truth == matches!(op, Op::PopJumpIfTrue(_)) {
                        at = t as usize;
                        n += 1;
                        continue;
                    }
                }
                Op::JumpIfFalseOrPop(t) | Op::JumpIfTrueOrPop(t) => {
                    let Some(truth) = plain_truth(*stack.last().expect("stack")) else { break };
                    if truth == matches!(op, Op::JumpIfTrueOrPop(_)) {
                        at = t as usize;
                        n += 1;
                        continue;
                    }
                    stack.pop();
                }
                Op::Pop if !self.finalizers_armed => {
                    stack.pop();
                }
                Op::Dup => stack.push(*stack.last().expect("stack")),
                Op::Rot2 => {
                    let top = stack.len() - 1;
                    stack.swap(top, top - 1);
                }
                Op::ForIter(exit) => {
                    let Value::Obj(id) = *stack.last().expect("stack") else { break };
                    let item = match self.heap.get_mut(id) {
                        Obj::Iter(IterState::Range { next, stop, step }) => {
                            let v = *next;
                            if (*step > 0 && v < *stop) || (*step < 0 && v > *stop) {
                                *next = v + *step;
                                Some(Value::Int(v))
                            } else {
                                None
                            }
                        }
                        Obj::Iter(IterState::Seq { seq: Value::Obj(sid), pos }) => {
                            let (sid, p) = (*sid, *pos);
                            let (Obj::List(items) | Obj::Tuple(items)) = self.heap.get(sid) else { break };
                            let item = items.get(p).copied();
                            if item.is_some() {
                                if let Obj::Iter(IterState::Seq { pos, .. }) = self.heap.get_mut(id) {
                                    *pos += 1;
                                }
                            }
                            item
                        }
                        _ => break,
                    };
                    match item {
                        Some(v) => stack.push(v),
                        None => {
                            stack.pop();
                            at = exit as usize;
                            n += 1;
                            continue;
                        }
                    }
                }
                Op::LoadGlobal(s) => {
                    let found = match self.heap.get(*globals) {
                        Obj::Module { attrs, .. } => attrs.get(s),
                        _ => None,
                    };
                    let found = found.or_else(|| match self.heap.get(self.builtins) {
                        Obj::Module { attrs, .. } => attrs.get(s),
                        _ => None,
                    });
                    let Some(v) = found else { break };
                    stack.push(v);
                }
                // A builtin object's method (their classes are immutable): what `load_method` pushes.
                Op::LoadMethod(name) => {
                    let Some(&Value::Obj(id)) = stack.last() else { break };
                    let Some(cls) = self.types.of_builtin_receiver(self.heap.get(id)) else { break };
                    let Some(f @ Value::Obj(fid)) = super::attr::class_attr(&self.heap, cls, name) else {
                        break;
                    };
                    if !matches!(self.heap.get(fid), Obj::Native(_) | Obj::Function(_)) {
                        break;
                    }
                    let top = stack.len() - 1;
                    stack.push(stack[top]);
                    stack[top] = f;
                }
                // A list or tuple item at an int index in range.
                Op::Subscr => {
                    let top = stack.len() - 2;
                    let (Value::Obj(seq), Value::Int(i)) = (stack[top], stack[top + 1]) else { break };
                    let (Obj::List(items) | Obj::Tuple(items)) = self.heap.get(seq) else { break };
                    let Some(&v) = usize::try_from(if i < 0 { i + items.len() as i64 } else { i })
                        .ok()
                        .and_then(|i| items.get(i))
                    else {
                        break;
                    };
                    stack.truncate(top);
                    stack.push(v);
                }
                Op::LoadDeref(i) => {
                    let Obj::Cell(v) = self.heap.get(cells[i as usize]) else { break };
                    if matches!(v, Value::Unbound) {
                        break;
                    }
                    stack.push(*v);
                }
                _ => break,
            }
            at += 1;
            n += 1;
        }
        let stopped_at = if n < budget { code.ops[at] } else { Op::Nop };
        *pc = at as u32;
        (n, stopped_at)
    }

    fn trace_line(&mut self) {
        let f = self.frames.last().expect("a frame");
        let line = f.code.line_of(f.pc as usize);
        if line != self.last_line {
            self.last_line = line;
            self.events.push(Event::Line { line, code: f.code.id });
        }
    }

    /// Executes one instruction of the top frame.
    #[inline(always)]
    pub(crate) fn exec_one(&mut self) -> Result<(), Value> {
        if self.tracing {
            self.trace_line();
        }
        let f = self.frames.last_mut().expect("a running frame");
        let op = f.code.ops[f.pc as usize];
        f.pc += 1;
        self.exec_op(op)
    }

    /// Executes `op`, the top frame's instruction just before its `pc`.
    #[inline(always)]
    fn exec_op(&mut self, op: Op) -> Result<(), Value> {
        let f = self.frames.last_mut().expect("a running frame");
        match op {
            Op::Nop => {}
            Op::LoadFast(i) => {
                let v = f.locals[i as usize];
                if matches!(v, Value::Unbound) {
                    return Err(self.unbound_local(i));
                }
                f.stack.push(v);
            }
            Op::StoreFast(i) => {
                let v = f.stack.pop().expect("stack");
                let old = std::mem::replace(&mut f.locals[i as usize], v);
                if self.finalizers_armed {
                    self.let_go(old);
                }
            }
            Op::LoadConst(i) => {
                let v = f.code.consts[i as usize];
                f.stack.push(v);
            }
            Op::Binary(bop) | Op::Inplace(bop) => {
                let b = f.stack.pop().expect("stack");
                let a = f.stack.pop().expect("stack");
                if let (Value::Int(x), Value::Int(y)) = (a, b) {
                    if let Some(v) = super::ops::int_fast(bop, x, y) {
                        f.stack.push(v);
                        return Ok(());
                    }
                }
                let inplace = matches!(op, Op::Inplace(_));
                return self.binary(bop, a, b, inplace);
            }
            Op::Compare(cop) => {
                let b = f.stack.pop().expect("stack");
                let a = f.stack.pop().expect("stack");
                if let (Value::Int(x), Value::Int(y)) = (a, b) {
                    if let Some(r) = super::ops::int_compare(cop, x, y) {
                        f.stack.push(Value::Bool(r));
                        return Ok(());
                    }
                }
                return self.compare(cop, a, b);
            }
            Op::Jump(t) => f.pc = t,
            Op::PopJumpIfFalse(t) | Op::PopJumpIfTrue(t) => {
                let v = f.stack.pop().expect("stack");
                let want = matches!(op, Op::PopJumpIfTrue(_));
                let truth = match v {
                    Value::Bool(b) => b,
                    Value::Int(i) => i != 0,
                    Value::None => false,
                    _ => match self.truthy(v)? {
                        Some(b) => b,
                        None => return self.truth_by_call(v),
                    },
                };
                if truth == want {
                    self.frames.last_mut().expect("frame").pc = t;
                }
            }
            Op::JumpIfFalseOrPop(t) | Op::JumpIfTrueOrPop(t) => {
                let v = *f.stack.last().expect("stack");
                let want = matches!(op, Op::JumpIfTrueOrPop(_));
                let truth = self.truthy(v)?.unwrap_or(true);
                let f = self.frames.last_mut().expect("frame");
                if truth == want {
                    f.pc = t;
                } else {
                    f.stack.pop();
                }
            }
            Op::ForIter(exit) => {
                let it = *f.stack.last().expect("stack");
                // Ranges and lists step here without a call.
                if let Value::Obj(id) = it {
                    match self.heap.get_mut(id) {
                        Obj::Iter(IterState::Range { next, stop, step }) => {
                            let v = *next;
                            if (*step > 0 && v < *stop) || (*step < 0 && v > *stop) {
                                *next = v + *step;
                                f.stack.push(Value::Int(v));
                            } else {
                                f.stack.pop();
                                f.pc = exit;
                            }
                            return Ok(());
                        }
                        Obj::Iter(IterState::Seq { seq: Value::Obj(sid), pos }) => {
                            let (sid, p) = (*sid, *pos);
                            if let Obj::List(items) | Obj::Tuple(items) = self.heap.get(sid) {
                                match items.get(p) {
                                    Some(&v) => {
                                        f.stack.push(v);
                                        if let Obj::Iter(IterState::Seq { pos, .. }) = self.heap.get_mut(id) {
                                            *pos += 1;
                                        }
                                    }
                                    None => {
                                        f.stack.pop();
                                        f.pc = exit;
                                    }
                                }
                                return Ok(());
                            }
                        }
                        Obj::Generator(_) => {
                            return self.resume_gen(id, Value::None, false, ReturnTo::ForIter { exit });
                        }
                        _ => {}
                    }
                }
                return self.next_item(it, ReturnTo::ForIter { exit });
            }
            Op::Pop => {
                let v = f.stack.pop();
                if self.finalizers_armed {
                    self.let_go(v.unwrap_or(Value::None));
                }
            }
            Op::Dup => {
                let v = *f.stack.last().expect("stack");
                f.stack.push(v);
            }
            Op::Dup2 => {
                let n = f.stack.len();
                let (a, b) = (f.stack[n - 2], f.stack[n - 1]);
                f.stack.push(a);
                f.stack.push(b);
            }
            Op::Rot2 => {
                let n = f.stack.len();
                f.stack.swap(n - 1, n - 2);
            }
            Op::Rot3 => {
                let v = f.stack.pop().expect("stack");
                let n = f.stack.len();
                f.stack.insert(n - 2, v);
            }
            Op::Rot4 => {
                let v = f.stack.pop().expect("stack");
                let n = f.stack.len();
                f.stack.insert(n - 3, v);
            }
            Op::LoadGlobal(s) => {
                let g = f.globals;
                let v = match self.heap.get(g) {
                    Obj::Module { attrs, .. } => attrs.get(s),
                    _ => None,
                };
                let v = match v {
                    Some(v) => v,
                    None => self.load_builtin(s)?,
                };
                self.frames.last_mut().expect("frame").stack.push(v);
            }
            Op::StoreGlobal(s) => {
                let v = f.stack.pop().expect("stack");
                let g = f.globals;
                if let Obj::Module { attrs, .. } = self.heap.get_mut(g) {
                    let old = if self.finalizers_armed { attrs.get(s) } else { None };
                    attrs.set(s, v);
                    if let Some(old) = old {
                        self.let_go(old);
                    }
                }
            }
            Op::DeleteGlobal(s) => {
                let g = f.globals;
                let removed = match self.heap.get_mut(g) {
                    Obj::Module { attrs, .. } => attrs.remove(s),
                    _ => None,
                };
                if let (Some(old), true) = (removed, self.finalizers_armed) {
                    self.let_go(old);
                }
                if removed.is_none() {
                    let n = self.sym_name(s).to_string();
                    return Err(self.exc(ExcKind::NameError, format!("name '{n}' is not defined")));
                }
            }
            Op::LoadName(s) => {
                let (ns, g) = (f.ns, f.globals);
                let mut v = None;
                if let Some(ns) = ns {
                    if let Obj::Module { attrs, .. } = self.heap.get(ns) {
                        v = attrs.get(s);
                    }
                }
                if v.is_none() {
                    if let Obj::Module { attrs, .. } = self.heap.get(g) {
                        v = attrs.get(s);
                    }
                }
                let v = match v {
                    Some(v) => v,
                    None => self.load_builtin(s)?,
                };
                self.frames.last_mut().expect("frame").stack.push(v);
            }
            Op::StoreName(s) => {
                let v = f.stack.pop().expect("stack");
                let target = f.ns.unwrap_or(f.globals);
                if let Obj::Module { attrs, .. } = self.heap.get_mut(target) {
                    let old = if self.finalizers_armed { attrs.get(s) } else { None };
                    attrs.set(s, v);
                    if let Some(old) = old {
                        self.let_go(old);
                    }
                }
            }
            Op::DeleteName(s) => {
                let target = f.ns.unwrap_or(f.globals);
                let removed = match self.heap.get_mut(target) {
                    Obj::Module { attrs, .. } => attrs.remove(s),
                    _ => None,
                };
                if let (Some(old), true) = (removed, self.finalizers_armed) {
                    self.let_go(old);
                }
                if removed.is_none() {
                    let n = self.sym_name(s).to_string();
                    return Err(self.exc(ExcKind::NameError, format!("name '{n}' is not defined")));
                }
            }
            Op::DeleteFast(i) => {
                if f.locals[i as usize] == Value::Unbound {
                    let sym = f.code.varnames[i as usize];
                    let name = self.sym_name(sym).to_string();
                    return Err(self.exc(
                        ExcKind::UnboundLocalError,
                        format!(
                            "cannot access local variable '{name}' where it is not associated with a value"
                        ),
                    ));
                }
                let old = std::mem::replace(&mut f.locals[i as usize], Value::Unbound);
                if self.finalizers_armed {
                    self.let_go(old);
                }
            }
            Op::LoadDeref(i) => {
                let cell = f.cells[i as usize];
                let v = match self.heap.get(cell) {
                    Obj::Cell(v) => *v,
                    _ => Value::Unbound,
                };
                if v == Value::Unbound {
                    return Err(self.unbound_deref(i));
                }
                self.frames.last_mut().expect("frame").stack.push(v);
            }
            Op::StoreDeref(i) => {
                let v = f.stack.pop().expect("stack");
                let cell = f.cells[i as usize];
                *self.heap.get_mut(cell) = Obj::Cell(v);
            }
            Op::DeleteDeref(i) => {
                let cell = f.cells[i as usize];
                *self.heap.get_mut(cell) = Obj::Cell(Value::Unbound);
            }
            Op::LoadClosure(i) => {
                let cell = f.cells[i as usize];
                f.stack.push(Value::Obj(cell));
            }
            Op::LoadAttr(s) => {
                let obj = f.stack.pop().expect("stack");
                return self.load_attr_op(obj, s);
            }
            Op::StoreAttr(s) => {
                let obj = f.stack.pop().expect("stack");
                let v = f.stack.pop().expect("stack");
                return self.set_attr(obj, s, v);
            }
            Op::DeleteAttr(s) => {
                let obj = f.stack.pop().expect("stack");
                return self.del_attr(obj, s);
            }
            Op::LoadMethod(s) => {
                let obj = f.stack.pop().expect("stack");
                return self.load_method(obj, s);
            }
            Op::CallMethod(n) => {
                let at = f.stack.len() - n as usize;
                let recv = f.stack[at - 1];
                let func = f.stack[at - 2];
                if recv != Value::Unbound && self.try_fast_call(func, at - 1, n as usize + 1, 1) {
                    return Ok(());
                }
                if recv == Value::Unbound && self.try_fast_call(func, at, n as usize, 2) {
                    return Ok(());
                }
                let f = self.frames.last_mut().expect("frame");
                // The receiver and the arguments, copied inline (no allocation up to four), then one truncate.
                let start = if recv == Value::Unbound { at } else { at - 1 };
                let args = Args::new(&f.stack[start..]);
                f.stack.truncate(at - 2);
                return self.call_value(func, args, ReturnTo::Push);
            }
            Op::Call(n) => {
                let at = f.stack.len() - n as usize;
                let func = f.stack[at - 1];
                if self.try_fast_call(func, at, n as usize, 1) {
                    return Ok(());
                }
                let f = self.frames.last_mut().expect("frame");
                // Inline up to four, which leaves room for a receiver or class natives put in front.
                let args = Args::new(&f.stack[at..]);
                f.stack.truncate(at - 1);
                return self.call_value(func, args, ReturnTo::Push);
            }
            Op::CallKw { n, names } => return self.call_kw(n as usize, names),
            Op::CallEx => {
                let kwargs = f.stack.pop().expect("stack");
                let args = f.stack.pop().expect("stack");
                let func = f.stack.pop().expect("stack");
                let pos = PosArgs::from_vec(self.seq_items(args).unwrap_or_default());
                let mut kw = Vec::new();
                if let Value::Obj(d) = kwargs {
                    let entries: Vec<(Value, Value)> = match self.heap.get(d) {
                        Obj::Dict(d) => d.iter().map(|e| (e.key, e.value)).collect(),
                        _ => {
                            let t = self.type_name(kwargs);
                            return Err(
                                self.type_error(format!("argument after ** must be a mapping, not {t}"))
                            );
                        }
                    };
                    for (k, v) in entries {
                        let Some(name) = self.str_of(k).map(|s| s.to_string()) else {
                            return Err(self.type_error("keywords must be strings"));
                        };
                        kw.push((self.names.intern(&name), v));
                    }
                }
                return self.call_value(func, Args { pos, kw }, ReturnTo::Push);
            }
            Op::Return => {
                let v = f.stack.pop().expect("stack");
                return self.return_value(v);
            }
            Op::Yield => {
                let v = f.stack.pop().expect("stack");
                return self.yield_value(v);
            }
            _ => return self.exec_rare(op),
        }
        Ok(())
    }

    /// A call with keywords: the callable, then `n` values on the stack, the last of them named by the
    /// constant tuple `names`. The names are interned straight from the constant's text (no copies).
    #[inline(never)]
    fn call_kw(&mut self, n: usize, names: u32) -> Result<(), Value> {
        let f = self.frames.last_mut().expect("a running frame");
        let at = f.stack.len() - n;
        let func = f.stack[at - 1];
        let Value::Obj(names) = f.code.consts[names as usize] else {
            unreachable!("the compiler names keywords with a tuple constant")
        };
        let Obj::Tuple(names) = self.heap.get(names) else {
            unreachable!("the compiler names keywords with a tuple constant")
        };
        let first_kw = at + n - names.len();
        let mut kw = Vec::with_capacity(names.len());
        for (&name, &v) in names.iter().zip(&f.stack[first_kw..]) {
            let Value::Obj(name) = name else { unreachable!("keyword names are strs") };
            let Obj::Str(name) = self.heap.get(name) else { unreachable!("keyword names are strs") };
            kw.push((self.names.intern(name), v));
        }
        let args = Args::with_kw(&f.stack[at..first_kw], kw);
        f.stack.truncate(at - 1);
        self.call_value(func, args, ReturnTo::Push)
    }

    /// A call of a plain Python function with exactly its positional parameters: the arguments go
    /// from the caller's stack straight into the new frame's locals. `base` is where the arguments
    /// start, `below` how many slots under them (function, receiver marker) go too.
    #[inline]
    fn try_fast_call(&mut self, func: Value, base: usize, n: usize, below: usize) -> bool {
        let Value::Obj(fid) = func else { return false };
        let Obj::Function(fun) = self.heap.get(fid) else {
            return false;
        };
        if fun.code.plain_argc != Some(n as u32) || self.frames.len() >= self.limits.recursion {
            return false;
        }
        let code = fun.code.clone();
        let globals = fun.globals;
        let closes_over = !fun.closure.is_empty();
        let nlocals = code.varnames.len();
        if self.tracing {
            self.events.push(Event::Call { code: code.id });
        }
        let mut frame = self.pooled_frame(code, globals, ReturnTo::Push);
        if closes_over {
            if let Obj::Function(fun) = self.heap.get(fid) {
                frame.cells.extend_from_slice(&fun.closure);
            }
        }
        let caller = self.frames.last_mut().expect("frame");
        frame.locals.extend_from_slice(&caller.stack[base..base + n]);
        frame.locals.resize(nlocals, Value::Unbound);
        caller.stack.truncate(base - below);
        self.frames.push(frame);
        true
    }

    #[cold]
    #[inline(never)]
    fn unbound_local(&mut self, i: u32) -> Value {
        let f = self.frames.last().expect("frame");
        let name = self.sym_name(f.code.varnames[i as usize]).to_string();
        self.exc(
            ExcKind::UnboundLocalError,
            format!("cannot access local variable '{name}' where it is not associated with a value"),
        )
    }

    #[cold]
    #[inline(never)]
    fn unbound_deref(&mut self, i: u32) -> Value {
        let f = self.frames.last().expect("frame");
        let code = f.code.clone();
        let ncell = code.cellvars.len();
        if (i as usize) < ncell {
            let n = self.sym_name(code.cellvars[i as usize]).to_string();
            self.exc(
                ExcKind::UnboundLocalError,
                format!("cannot access local variable '{n}' where it is not associated with a value"),
            )
        } else {
            let n = self.sym_name(code.freevars[i as usize - ncell]).to_string();
            self.exc(
                ExcKind::NameError,
                format!("cannot access free variable '{n}' where it is not associated with a value in enclosing scope"),
            )
        }
    }

    fn load_builtin(&mut self, s: super::super::value::Sym) -> Result<Value, Value> {
        if let Obj::Module { attrs, .. } = self.heap.get(self.builtins) {
            if let Some(v) = attrs.get(s) {
                return Ok(v);
            }
        }
        let n = self.sym_name(s).to_string();
        let e = self.exc(ExcKind::NameError, format!("name '{n}' is not defined"));
        self.set_missing_name(e, &n, None);
        Err(e)
    }

    /// `__bool__` or `__len__` decides: call it and run this jump again on its result.
    fn truth_by_call(&mut self, v: Value) -> Result<(), Value> {
        let m = self
            .lookup_special(v, self.sym.bool_)
            .or_else(|| self.lookup_special(v, self.sym.len))
            .expect("truthy said a method decides");
        self.frames.last_mut().expect("frame").pc -= 1;
        self.call_value(m, Args::one(v), ReturnTo::Push)
    }

    #[inline(always)]
    fn return_value(&mut self, v: Value) -> Result<(), Value> {
        let frame = self.frames.pop().expect("a frame to return from");
        if self.tracing {
            self.events.push(Event::Return { code: frame.code.id });
        }
        if let Some(g) = frame.gen {
            if let Obj::Generator(gen) = self.heap.get_mut(g) {
                gen.state = GenState::Closed;
                gen.frame = None;
            }
            return self.deliver_exhausted(frame.ret, v);
        }
        let mut frame = frame;
        if self.finalizers_armed {
            self.let_go_all(&frame.locals);
        }
        let ret = std::mem::take(&mut frame.ret);
        self.recycle_frame(frame);
        self.deliver_here(ret, v)
    }

    #[inline(always)]
    fn yield_value(&mut self, v: Value) -> Result<(), Value> {
        let mut frame = self.frames.pop().expect("a frame to yield from");
        let ret = std::mem::take(&mut frame.ret);
        let g = frame.gen.expect("yield outside a generator frame");
        if self.tracing {
            self.events.push(Event::GenSuspend { code: frame.code.id });
        }
        self.note_suspended(!frame.blocks.is_empty());
        if let Obj::Generator(gen) = self.heap.get_mut(g) {
            gen.state = GenState::Suspended;
            gen.frame = Some(frame);
        }
        self.deliver_here(ret, v)
    }

    #[inline(never)]
    fn exec_rare(&mut self, op: Op) -> Result<(), Value> {
        let f = self.frames.last_mut().expect("a running frame");
        match op {
            Op::Not => {
                let v = f.stack.pop().expect("stack");
                match self.truthy(v)? {
                    Some(b) => self.push(Value::Bool(!b)),
                    None => return self.truth_by_call(v),
                }
            }
            Op::Neg | Op::Pos | Op::Invert => {
                let v = f.stack.pop().expect("stack");
                return self.unary(op, v);
            }
            Op::Subscr => {
                let k = f.stack.pop().expect("stack");
                let o = f.stack.pop().expect("stack");
                return self.getitem_op(o, k);
            }
            Op::StoreSubscr => {
                let k = f.stack.pop().expect("stack");
                let o = f.stack.pop().expect("stack");
                let v = f.stack.pop().expect("stack");
                return self.setitem_op(o, k, v);
            }
            Op::DeleteSubscr => {
                let k = f.stack.pop().expect("stack");
                let o = f.stack.pop().expect("stack");
                return self.delitem_op(o, k);
            }
            Op::BuildSlice(n) => {
                let step = if n == 3 { f.stack.pop().expect("stack") } else { Value::None };
                let stop = f.stack.pop().expect("stack");
                let start = f.stack.pop().expect("stack");
                let s = self.heap.alloc(Obj::Slice { start, stop, step });
                self.push(Value::Obj(s));
            }
            Op::BuildTuple(n) => {
                let at = f.stack.len() - n as usize;
                let items = f.stack.split_off(at);
                let t = self.new_tuple(items);
                self.push(t);
            }
            Op::BuildList(n) => {
                let at = f.stack.len() - n as usize;
                let items = f.stack.split_off(at);
                let l = self.new_list(items);
                self.push(l);
            }
            Op::BuildSet(n) => {
                let at = f.stack.len() - n as usize;
                let items = f.stack.split_off(at);
                let s = self.heap.alloc(Obj::Set(Default::default()));
                for i in items {
                    self.set_add(s, i)?;
                }
                self.push(Value::Obj(s));
            }
            Op::BuildMap(n) => {
                let at = f.stack.len() - 2 * n as usize;
                let items = f.stack.split_off(at);
                let d = self.heap.alloc(Obj::Dict(Default::default()));
                for kv in items.chunks(2) {
                    self.dict_set(d, kv[0], kv[1])?;
                }
                self.push(Value::Obj(d));
            }
            Op::BuildString(n) => {
                // The parts are strs (FormatValue made them): their text goes straight into the new str.
                let at = f.stack.len() - n as usize;
                let f = self.frames.last().expect("frame");
                let parts: Vec<&str> = f.stack[at..].iter().map(|&v| self.str_of(v).unwrap_or("")).collect();
                let s = PyStr::join("", &parts);
                self.frames.last_mut().expect("frame").stack.truncate(at);
                let v = Value::Obj(self.heap.alloc(Obj::Str(s)));
                self.push(v);
            }
            Op::FormatValue(flags) => {
                let spec = if flags & 4 != 0 { Some(f.stack.pop().expect("stack")) } else { None };
                let v = f.stack.pop().expect("stack");
                return self.format_value_op(v, flags & 3, spec);
            }
            Op::ListAppend(d) | Op::SetAdd(d) => {
                let v = f.stack.pop().expect("stack");
                let target = f.stack[f.stack.len() - d as usize];
                let Value::Obj(id) = target else { unreachable!() };
                if matches!(op, Op::ListAppend(_)) {
                    if let Obj::List(l) = self.heap.get_mut(id) {
                        l.push(v);
                    }
                } else {
                    self.set_add(id, v)?;
                }
            }
            Op::MapAdd(d) => {
                let v = f.stack.pop().expect("stack");
                let k = f.stack.pop().expect("stack");
                let target = f.stack[f.stack.len() - d as usize];
                let Value::Obj(id) = target else { unreachable!() };
                self.dict_set(id, k, v)?;
            }
            Op::ListExtend | Op::SetUpdate => {
                let it = f.stack.pop().expect("stack");
                let target = *f.stack.last().expect("stack");
                let Value::Obj(id) = target else { unreachable!() };
                match self.seq_items(it) {
                    Some(items) => {
                        if matches!(op, Op::ListExtend) {
                            if let Obj::List(l) = self.heap.get_mut(id) {
                                l.extend(items);
                            }
                        } else {
                            for i in items {
                                self.set_add(id, i)?;
                            }
                        }
                    }
                    None => {
                        // A general iterable: collect it, then extend (the list stays on the stack).
                        let iter = self.get_iter(it)?;
                        let finish = if matches!(op, Op::ListExtend) {
                            super::call::Collected::Extend(id)
                        } else {
                            super::call::Collected::SetUpdate(id)
                        };
                        let act =
                            Action::NextThen { iter, cont: ContKind::Collect { iter, acc: vec![], finish } };
                        self.frames.last_mut().expect("frame").stack.pop();
                        return self.perform(act, ReturnTo::Push);
                    }
                }
            }
            Op::DictUpdate => {
                let src = f.stack.pop().expect("stack");
                let target = *f.stack.last().expect("stack");
                let Value::Obj(id) = target else { unreachable!() };
                if !matches!(src, Value::Obj(s) if matches!(self.heap.get(s), Obj::Dict(_))) {
                    // A mapping of Python's (`keys()` and `[key]`) merges by calls; the dict comes back.
                    if let Some(merge) = crate::py::modules::mapping::merge_mapping(self, id, src, target) {
                        self.frames.last_mut().expect("frame").stack.pop();
                        return self.perform(merge?, ReturnTo::Push);
                    }
                }
                let entries: Vec<(Value, Value)> = match src {
                    Value::Obj(s) => match self.heap.get(s) {
                        Obj::Dict(d) => d.iter().map(|e| (e.key, e.value)).collect(),
                        _ => {
                            let t = self.type_name(src);
                            return Err(self.type_error(format!("'{t}' object is not a mapping")));
                        }
                    },
                    _ => {
                        let t = self.type_name(src);
                        return Err(self.type_error(format!("'{t}' object is not a mapping")));
                    }
                };
                for (k, v) in entries {
                    self.dict_set(id, k, v)?;
                }
            }
            Op::ListToTuple => {
                let l = f.stack.pop().expect("stack");
                let items = self.seq_items(l).unwrap_or_default();
                let t = self.new_tuple(items);
                self.push(t);
            }
            Op::MakeFunction { code, flags } => {
                let closure = if flags & 8 != 0 { Some(f.stack.pop().expect("stack")) } else { None };
                let kwd = if flags & 2 != 0 { Some(f.stack.pop().expect("stack")) } else { None };
                let defs = if flags & 1 != 0 { Some(f.stack.pop().expect("stack")) } else { None };
                let code_v = f.code.consts[code as usize];
                let globals = f.globals;
                let Value::Obj(cid) = code_v else { unreachable!() };
                let Obj::Code(code) = self.heap.get(cid) else { unreachable!() };
                let code = code.clone();
                let closure = closure
                    .and_then(|c| self.seq_items(c))
                    .unwrap_or_default()
                    .into_iter()
                    .filter_map(|c| if let Value::Obj(id) = c { Some(id) } else { None })
                    .collect();
                let defaults = defs.and_then(|d| self.seq_items(d)).unwrap_or_default();
                let mut kwdefaults = Vec::new();
                if let Some(Value::Obj(d)) = kwd {
                    let entries: Vec<(Value, Value)> = match self.heap.get(d) {
                        Obj::Dict(d) => d.iter().map(|e| (e.key, e.value)).collect(),
                        _ => vec![],
                    };
                    for (k, v) in entries {
                        let name = self.str_of(k).unwrap_or("").to_string();
                        kwdefaults.push((self.names.intern(&name), v));
                    }
                }
                let func = Function {
                    name: code.name.clone(),
                    qualname: code.qualname.to_string(),
                    code,
                    globals,
                    defaults,
                    kwdefaults,
                    closure,
                    attrs: Default::default(),
                };
                let id = self.heap.alloc(Obj::Function(Box::new(func)));
                self.push(Value::Obj(id));
            }
            Op::LoadBuildClass => {
                let b = self.builtin_value("__build_class__");
                self.push(b);
            }
            Op::GetIter => {
                let v = f.stack.pop().expect("stack");
                return self.get_iter_op(v);
            }
            Op::GetYieldFromIter => {
                let v = *f.stack.last().expect("stack");
                if let Value::Obj(id) = v {
                    if matches!(self.heap.get(id), Obj::Generator(_)) {
                        return Ok(());
                    }
                }
                self.frames.last_mut().expect("frame").stack.pop();
                return self.get_iter_op(v);
            }
            Op::Send(exit) => {
                let v = f.stack.pop().expect("stack");
                let sub = *f.stack.last().expect("stack");
                if let Value::Obj(id) = sub {
                    if matches!(self.heap.get(id), Obj::Generator(_)) {
                        return self.resume_gen(id, v, false, ReturnTo::Send { exit });
                    }
                }
                if v == Value::None {
                    return self.next_item(sub, ReturnTo::Send { exit });
                }
                let send = self.get_attr_value(sub, self.sym.send)?;
                return self.call_value(send, Args::one(v), ReturnTo::Send { exit });
            }
            Op::SetupExcept(h) | Op::SetupFinally(h) => {
                let kind =
                    if matches!(op, Op::SetupExcept(_)) { BlockKind::Except } else { BlockKind::Finally };
                let level = f.stack.len() as u32;
                f.blocks.push(Block { kind, handler: h, level });
            }
            Op::PopBlock => {
                f.blocks.pop();
            }
            Op::PopExcept => {
                let b = f.blocks.pop();
                debug_assert!(matches!(b, Some(Block { kind: BlockKind::Handling, .. })));
                f.handled.pop();
            }
            Op::Reraise => {
                let e = f.stack.pop().expect("stack");
                self.reraising = true;
                return Err(e);
            }
            Op::Raise(n) => return self.raise_op(n),
            Op::CheckExcMatch => {
                let t = f.stack.pop().expect("stack");
                let e = *f.stack.last().expect("stack");
                let m = self.exc_matches(e, t)?;
                self.push(Value::Bool(m));
            }
            Op::WithExceptStart => {
                let e = *f.stack.last().expect("stack");
                let exit = f.stack[f.stack.len() - 2];
                let t = Value::Obj(self.class_of(e));
                let f = self.frames.last_mut().expect("frame");
                f.stack.extend([exit, t, e, Value::None]);
            }
            Op::BeforeWith => {
                let ctx = f.stack.pop().expect("stack");
                let exit = self.lookup_special(ctx, self.sym.exit);
                let enter = self.lookup_special(ctx, self.sym.enter);
                let (Some(exit), Some(enter)) = (exit, enter) else {
                    let t = self.type_name(ctx);
                    return Err(self
                        .type_error(format!("'{t}' object does not support the context manager protocol")));
                };
                let bound_exit = self.bind(exit, ctx);
                self.push(bound_exit);
                return self.call_value(enter, Args::one(ctx), ReturnTo::Push);
            }
            Op::UnpackSequence(n) => {
                let v = f.stack.pop().expect("stack");
                return self.unpack_op(v, n, None);
            }
            Op::UnpackEx { before, after } => {
                let v = f.stack.pop().expect("stack");
                return self.unpack_op(v, before + after, Some((before, after)));
            }
            Op::ImportName(s) => {
                let name = self.sym_name(s).to_string();
                // None: a library module's body runs first, then this instruction again.
                if let Some(m) = self.import_step(&name)? {
                    self.push(Value::Obj(m));
                }
            }
            Op::ImportFrom(s) => {
                let m = *f.stack.last().expect("stack");
                let v = match m {
                    Value::Obj(id) => match self.heap.get(id) {
                        Obj::Module { attrs, .. } => attrs.get(s),
                        _ => None,
                    },
                    _ => None,
                };
                let Some(v) = v else {
                    let n = self.sym_name(s).to_string();
                    let mn = match m {
                        Value::Obj(id) => match self.heap.get(id) {
                            Obj::Module { name, .. } => name.clone(),
                            _ => String::new(),
                        },
                        _ => String::new(),
                    };
                    match self.import_submodule(&mn, &n)? {
                        super::import::Submodule::Loaded(sub) => {
                            self.push(Value::Obj(sub));
                            return Ok(());
                        }
                        super::import::Submodule::Started => return Ok(()),
                        super::import::Submodule::Missing => {}
                    }
                    return Err(self.exc(
                        ExcKind::ImportError,
                        format!("cannot import name '{n}' from '{mn}' (unknown location)"),
                    ));
                };
                self.push(v);
            }
            Op::ImportStar => {
                let m = f.stack.pop().expect("stack");
                let g = f.ns.unwrap_or(f.globals);
                let attrs: Vec<(super::super::value::Sym, Value)> = match m {
                    Value::Obj(id) => match self.heap.get(id) {
                        Obj::Module { attrs, .. } => attrs.iter().copied().collect(),
                        _ => vec![],
                    },
                    _ => vec![],
                };
                for (k, v) in attrs {
                    if !self.sym_name(k).starts_with('_') {
                        if let Obj::Module { attrs, .. } = self.heap.get_mut(g) {
                            attrs.set(k, v);
                        }
                    }
                }
            }
            Op::LoadAssertionError => {
                let c = self.exc_class(ExcKind::AssertionError);
                self.push(Value::Obj(c));
            }
            _ => unreachable!("hot op {op:?} handled in exec_one"),
        }
        Ok(())
    }

    pub(crate) fn push(&mut self, v: Value) {
        self.frames.last_mut().expect("a frame").stack.push(v);
    }

    pub(crate) fn builtin_value(&mut self, name: &str) -> Value {
        let s = self.names.intern(name);
        match self.heap.get(self.builtins) {
            Obj::Module { attrs, .. } => attrs.get(s).unwrap_or(Value::None),
            _ => Value::None,
        }
    }

    fn raise_op(&mut self, n: u32) -> Result<(), Value> {
        let f = self.frames.last_mut().expect("frame");
        match n {
            0 => {
                let active = self.frames.iter().rev().find_map(|f| f.handled.last().copied());
                match active {
                    Some(e) => {
                        self.reraising = true;
                        Err(e)
                    }
                    None => Err(self.exc(ExcKind::RuntimeError, "No active exception to reraise")),
                }
            }
            _ => {
                let cause = if n == 2 { Some(f.stack.pop().expect("stack")) } else { None };
                let e = f.stack.pop().expect("stack");
                self.raise_value(e, cause)
            }
        }
    }

    /// `raise e [from c]`: classes are instantiated first (which may run `__init__`).
    pub(crate) fn raise_value(&mut self, e: Value, cause: Option<Value>) -> Result<(), Value> {
        if let Value::Obj(id) = e {
            if matches!(self.heap.get(id), Obj::Class(_)) && self.is_exc_class(id) {
                let act = Action::CallThen {
                    func: e,
                    args: Args::default(),
                    cont: ContKind::RaiseResult { cause },
                };
                return self.perform(act, ReturnTo::Push);
            }
        }
        if self.exc_data(e).is_none() {
            return Err(self.type_error("exceptions must derive from BaseException"));
        }
        if let Some(c) = cause {
            let c = match c {
                Value::Obj(id) if matches!(self.heap.get(id), Obj::Class(_)) && self.is_exc_class(id) => {
                    self.new_exc_from(id, vec![])
                }
                Value::None => Value::None,
                other if self.exc_data(other).is_some() => other,
                _ => return Err(self.type_error("exception causes must derive from BaseException")),
            };
            let d = self.exc_data_mut(e).expect("an exception");
            d.cause = if c == Value::None { None } else { Some(c) };
            d.suppress_context = true;
        }
        Err(e)
    }

    fn exc_matches(&mut self, e: Value, t: Value) -> Result<bool, Value> {
        let classes: Vec<Value> = match t {
            Value::Obj(id) => match self.heap.get(id) {
                Obj::Tuple(items) => items.clone(),
                _ => vec![t],
            },
            _ => vec![t],
        };
        let ec = self.class_of(e);
        let mut hit = false;
        for c in classes {
            match c {
                Value::Obj(id) if matches!(self.heap.get(id), Obj::Class(_)) && self.is_exc_class(id) => {
                    if self.is_subclass(ec, id) {
                        hit = true;
                    }
                }
                _ => {
                    return Err(self.type_error(
                        "catching classes that do not inherit from BaseException is not allowed",
                    ))
                }
            }
        }
        Ok(hit)
    }

    /// Raises `exc` where the top frame stands, unwinding through blocks, frames, generators and
    /// greenlets until a handler takes it or the program dies.
    pub(crate) fn unwind(&mut self, exc: Value) {
        let mut exc = exc;
        let mut add_tb = !std::mem::take(&mut self.reraising);
        if add_tb {
            self.set_context(exc);
        }
        if self.tracing {
            let kind: Rc<str> = Rc::from(self.exc_type_name(exc).as_str());
            let msg: Rc<str> = Rc::from(self.exc_message(exc).as_str());
            self.events.push(Event::Exception(Box::new(super::Raised { kind, msg })));
        }
        loop {
            let Some(f) = self.frames.last_mut() else {
                self.die(exc);
                return;
            };
            if add_tb {
                let entry = (f.code.clone(), f.pc.saturating_sub(1));
                if let Some(d) = self.exc_data_mut(exc) {
                    d.traceback.push(entry);
                }
            }
            add_tb = true;
            let f = self.frames.last_mut().expect("frame");
            while let Some(b) = f.blocks.pop() {
                match b.kind {
                    BlockKind::Handling => {
                        f.handled.pop();
                    }
                    BlockKind::Except | BlockKind::Finally => {
                        f.stack.truncate(b.level as usize);
                        f.blocks.push(Block { kind: BlockKind::Handling, handler: 0, level: b.level });
                        f.handled.push(exc);
                        f.stack.push(exc);
                        f.pc = b.handler;
                        return;
                    }
                }
            }
            // No handler here: the frame ends.
            let frame = self.frames.pop().expect("frame");
            if let Some(g) = frame.gen {
                if let Obj::Generator(gen) = self.heap.get_mut(g) {
                    gen.state = GenState::Closed;
                    gen.frame = None;
                }
                if self.is_exc(exc, ExcKind::StopIteration) {
                    let e2 = self.exc(ExcKind::RuntimeError, "generator raised StopIteration");
                    if let Some(d) = self.exc_data_mut(e2) {
                        d.cause = Some(exc);
                        d.context = Some(exc);
                        d.suppress_context = true;
                    }
                    exc = e2;
                }
            } else if frame.iter_call && self.is_exc(exc, ExcKind::StopIteration) {
                let value = self.exc_data(exc).and_then(|d| d.args.first().copied()).unwrap_or(Value::None);
                match self.deliver_exhausted(frame.ret, value) {
                    Ok(()) => return,
                    Err(e) => {
                        exc = e;
                        continue;
                    }
                }
            }
            let result = match frame.ret {
                super::call::ReturnTo::Native(c) => self.run_cont(*c, super::call::Resume::Error(exc)),
                super::call::ReturnTo::GreenletRun(g) => self.greenlet_finished(g, exc, true),
                super::call::ReturnTo::Exit => {
                    self.die(exc);
                    return;
                }
                _ => Err(exc),
            };
            match result {
                Ok(()) => return,
                Err(e) => {
                    if e != exc {
                        // A continuation raised something new: it starts its own traceback here.
                        self.set_context(e);
                    }
                    exc = e;
                }
            }
        }
    }

    /// Implicit chaining: an exception raised while another is handled remembers it.
    fn set_context(&mut self, exc: Value) {
        let active = self.frames.iter().rev().find_map(|f| f.handled.last().copied());
        if let Some(a) = active {
            if a != exc {
                if let Some(d) = self.exc_data_mut(exc) {
                    if d.context.is_none() {
                        d.context = Some(a);
                    }
                }
            }
        }
    }

    /// An uncaught exception: print the traceback to fd 2 and end with status 1 (or SystemExit's code).
    fn die(&mut self, exc: Value) {
        if self.is_exc(exc, ExcKind::SystemExit) {
            let code = self.exc_data(exc).and_then(|d| d.args.first().copied()).unwrap_or(Value::None);
            let (status, msg) = match code {
                Value::None => (0, None),
                Value::Int(i) => (i as i32, None),
                Value::Bool(b) => (b as i32, None),
                other => (1, Some(self.plain_str(other))),
            };
            let mut writes = std::collections::VecDeque::new();
            if let Some(m) = msg {
                writes.push_back((2, format!("{m}\n").into_bytes()));
            }
            self.exiting = Some((writes, status));
            self.interrupt = true;
            self.finish(status);
            return;
        }
        let text = self.format_traceback(exc);
        let mut writes = std::collections::VecDeque::new();
        writes.push_back((2, text.into_bytes()));
        self.exiting = Some((writes, 1));
        self.interrupt = true;
        self.finish(1);
    }

    pub(crate) fn code_of_function(&self, f: Value) -> Option<Rc<super::super::bytecode::Code>> {
        match f {
            Value::Obj(id) => match self.heap.get(id) {
                Obj::Function(func) => Some(func.code.clone()),
                _ => None,
            },
            _ => None,
        }
    }
}

/// The truth of a value that needs no method call (bools, ints, None); None for everything else.
#[inline]
fn plain_truth(v: Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(b),
        Value::Int(i) => Some(i != 0),
        Value::None => Some(false),
        _ => None,
    }
}
