//! Calls without Rust recursion: a Python call pushes a frame; a native returns an [`Action`]; whoever
//! waits for a result says so with a [`ReturnTo`], which is where a returning frame's value (or a
//! generator's next item, or an exhausted iterator) goes.

use super::super::bytecode::CodeKind;
use super::super::value::{Function, Instance, Obj, ObjId, Sym, Value};
use super::{Args, Event, ExcKind, Frame, GenState, Generator, GreenletState, Pending, Vm};
use crate::sys::{Call, Outcome, Ret};

/// Where a result goes when the frame (or native) producing it is done.
#[derive(Clone, Debug, Default)]
pub enum ReturnTo {
    /// Onto the caller's operand stack.
    #[default]
    Push,
    /// An iteration step of `ForIter`: exhaustion pops the iterator and jumps.
    ForIter { exit: u32 },
    /// A `yield from` step: a return value replaces the sub-iterator and jumps.
    Send { exit: u32 },
    /// `next()`/`send()` on a generator: exhaustion raises `StopIteration(value)` in the caller.
    Next,
    /// `__init__` ran: check it returned None, then deliver the instance.
    Init { instance: Value, then: Box<ReturnTo> },
    /// A native continues with the result.
    Native(Box<Cont>),
    /// The bottom frame of a greenlet: its end switches to the parent.
    GreenletRun(ObjId),
    /// Nobody needs the result (`__setitem__` from a store).
    Discard,
    /// The main module's frame: its end ends the program.
    Exit,
    /// A library module's body (see `vm/import.rs`): its end runs the caller's import instruction again.
    Reimport,
}

impl ReturnTo {
    /// Drops it. The variants without a box (nearly every drop on the call, return and generator paths)
    /// skip the drop glue, which is out of line because `Init` makes it recursive.
    #[inline(always)]
    pub(crate) fn discard(self) {
        if matches!(self, ReturnTo::Init { .. } | ReturnTo::Native(_)) {
            drop(self);
        } else {
            std::mem::forget(self);
        }
    }

    /// Whether the result goes onto the waiting frame's stack (a delivery that cannot fail).
    #[inline(always)]
    pub(crate) fn pushes(&self) -> bool {
        matches!(self, ReturnTo::Push | ReturnTo::ForIter { .. } | ReturnTo::Send { .. } | ReturnTo::Next)
    }

    pub fn trace(&self, out: &mut Vec<Value>) {
        match self {
            ReturnTo::Init { instance, then } => {
                out.push(*instance);
                then.trace(out);
            }
            ReturnTo::Native(c) => c.trace(out),
            ReturnTo::GreenletRun(g) => out.push(Value::Obj(*g)),
            _ => {}
        }
    }
}

/// A native's next move.
#[derive(Clone, Debug)]
pub enum Action {
    Return(Value),
    /// Call `func` and let its result be this native's result.
    Call {
        func: Value,
        args: Args,
    },
    /// Call `func`, then continue with `cont`.
    CallThen {
        func: Value,
        args: Args,
        cont: ContKind,
    },
    /// Take the next item of `iter`, then continue with `cont` (which sees `Exhausted` at the end).
    NextThen {
        iter: Value,
        cont: ContKind,
    },
    /// The next item of `iter` is this native's result (`StopIteration` at the end).
    Next {
        iter: Value,
    },
    /// Resume a generator with a value, or by throwing an exception into it.
    ResumeGen {
        gen: ObjId,
        value: Value,
        throw: bool,
    },
    /// Make a syscall.
    Syscall {
        call: Call,
        then: SysCont,
    },
    /// The iterator this native stands for is exhausted.
    Exhausted,
    /// Switch to a greenlet, passing arguments (or throwing an exception into it).
    Switch {
        target: ObjId,
        args: Args,
        throw: Option<Value>,
    },
    /// Format values (calling user `__str__`/`__repr__` first), then finish.
    WithStrings(Box<super::format::AfterStrings>),
    /// Run a class body in a namespace; the body's return (the `__class__` cell or None) goes to `cont`.
    RunBody {
        func: Value,
        ns: ObjId,
        cont: ContKind,
    },
    /// Carry out `act`, then hand its result to `cont`: how a native step uses another that may itself
    /// call Python (a sort's `<` on tuples of objects is a chain of `__eq__` and `__lt__` calls).
    Then {
        act: Box<Action>,
        cont: ContKind,
    },
}

/// What a continuation sees.
#[derive(Clone, Debug)]
pub enum Resume {
    Value(Value),
    /// The iterator it asked for an item is exhausted (with a generator's return value).
    Exhausted(Value),
    Error(Value),
}

/// A native waiting for a Python call: its state, and where its own result goes.
#[derive(Clone, Debug)]
pub struct Cont {
    pub kind: ContKind,
    pub then: ReturnTo,
}

impl Cont {
    pub fn trace(&self, out: &mut Vec<Value>) {
        self.kind.trace(out);
        self.then.trace(out);
    }
}

/// A continuation written outside the VM (a module's native): it gets the result and its `data`.
pub type ContFn = fn(&mut Vm, Resume, Value) -> Result<Action, Value>;

/// What a module's native does with a syscall's result (an errno is given as is: the native decides,
/// e.g. `vm.os_error(e)` for CPython's OSError subclass); `data` is what it kept (a socket object, …).
pub type SysFn = fn(&mut Vm, Result<Ret, crate::sys::Errno>, Value) -> Result<Action, Value>;

/// The natives that continue after a Python call, and what they hold meanwhile.
#[derive(Clone, Debug)]
pub enum ContKind {
    /// A module's own continuation (sockets, select, …): see [`ContFn`].
    Native { f: ContFnPtr, data: Value },
    /// A signal handler interrupted a syscall (EINTR) and has run: make the call again (`retry`), or,
    /// for `pause`, complete it (PEP 475, as CPython does).
    AfterSignalHandler { retry: Option<crate::sys::Call>, kind: SysCont },
    /// `list(it)`, `tuple(it)`, `set(it)`, `sorted(it)`… collect items into `acc`, then finish.
    Collect { iter: Value, acc: Vec<Value>, finish: Collected },
    /// Strings for `str`/`repr`/`print` of objects with Python `__str__`/`__repr__`: one call each.
    Stringify { calls: Vec<(Value, bool)>, done: Vec<String>, after: super::format::AfterStrings },
    /// A user `__format__` ran for `format()`, an f-string field or a `str.format` field.
    UserFormat(Box<super::format::AfterStrings>),
    /// `sorted(key=…)`, `min`/`max(key=…)`: computing keys, then finishing.
    SortKeys { items: Vec<Value>, keys: Vec<Value>, func: Value, finish: Collected },
    /// `generator.close()`: the generator must not yield.
    Close,
    /// A Python `__hash__`/`__eq__` answered for a waiting dict operation; `redo` is the waiting
    /// continuation (none when it is the instruction the frame is back at).
    KeyAnswer { need: super::KeyNeed, memo: super::KeyMemo, redo: Option<Box<(Cont, Resume)>> },
    /// A class body ran: build the class.
    BuildClass { name: String, bases: Vec<ObjId>, ns: ObjId, meta_kw: Vec<(Sym, Value)> },
    /// A property read for `obj.name(...)`: push the value, then the no-receiver marker.
    LoadMethodAttr,
    /// `raise Cls`: the instance is made; raise it.
    RaiseResult { cause: Option<Value> },
    /// `x in obj` by iterating `obj` (`iter` None: `__iter__` is being called for it).
    ContainsIter { iter: Value, x: Value, negate: bool },
    /// A binary operator's method answered: `NotImplemented` moves to the next stage.
    Binary { op: super::super::ast::BinOp, a: Value, b: Value, inplace: bool, stage: u8 },
    /// `sum()` over objects: `acc` is the running total, `items[next..]` still to add.
    SumRest { items: Vec<Value>, next: usize },
    /// Iterating an object through `__getitem__(0)`, `__getitem__(1)`, …
    GetItemIter { adaptor: ObjId },
    /// A rich comparison got a result: `NotImplemented` moves to the next stage.
    Compare { op: super::super::ast::CmpOp, a: Value, b: Value, stage: u8, negate: bool },
    /// Ordering two lists or two tuples whose items compare through Python methods: the items before
    /// `i` are equal, and the answer of `a[i] == b[i]` is awaited.
    SeqOrder { op: super::super::ast::CmpOp, a: Value, b: Value, i: usize },
    /// Sorting or min/max with Python `__lt__`: insertion sort (stable), one comparison per step.
    /// `sorted[..]` is done; `item` is being placed and compared with `sorted[pos - 1]`.
    InsertSort {
        items: Vec<Value>,
        keys: Vec<Value>,
        sorted: Vec<usize>,
        next: usize,
        pos: usize,
        finish: Collected,
    },
    /// `x != y` via `__eq__`: negate.
    Not,
    /// A `__bool__`/`__len__` result turned into a bool.
    Truth,
    /// `any`/`all`: (stop when truth == `want`).
    AnyAll { iter: Value, want: bool },
    /// `filter(f, …)`: keep the item if `f(item)` is true, else ask the filter again.
    FilterCheck { item: Value, iter: Value },
    /// `next(it, default)`.
    NextDefault { default: Value },
    /// `__iter__` returned an iterator: collect it.
    StartCollect { finish: Collected },
    /// `enumerate`/`zip`/`map` adaptors waiting for an inner item.
    Adapt { adaptor: ObjId, got: Vec<Value> },
    /// `hasattr` turning AttributeError into False.
    HasAttr,
    /// `getattr(o, n, default)`.
    GetAttrDefault { default: Value },
}

/// What the collector builds from the items.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Collected {
    List,
    Tuple,
    Set,
    FrozenSet,
    Sorted {
        reverse: bool,
        key: Value,
    },
    /// `list.sort()` in place.
    SortInPlace {
        list: ObjId,
        reverse: bool,
        key: Value,
    },
    /// `[*it]` in a display: extend this list and give it back.
    Extend(ObjId),
    /// `list.extend(it)`: extend, give None.
    ExtendNone(ObjId),
    /// Unpacking into `n` targets, or starred (`before`, `after`): values go onto the stack.
    Unpack {
        n: u32,
    },
    UnpackEx {
        before: u32,
        after: u32,
    },
    /// `dict(pairs)` / `dict.update(pairs)` into this dict (None result when `update`).
    Dict {
        dict: ObjId,
        update: bool,
    },
    Bytes,
    ByteArray,
    Join(ObjId),
    Sum(Value),
    MinMax {
        is_max: bool,
        key: Value,
        default: Value,
    },
    AnyAll {
        want: bool,
    },
    /// `set.update(it)` and friends.
    SetUpdate(ObjId),
}

impl Collected {
    pub fn trace(&self, out: &mut Vec<Value>) {
        match *self {
            Collected::Sorted { key, .. } => out.push(key),
            Collected::SortInPlace { list, key, .. } => out.extend([Value::Obj(list), key]),
            Collected::Extend(l)
            | Collected::ExtendNone(l)
            | Collected::Join(l)
            | Collected::SetUpdate(l) => out.push(Value::Obj(l)),
            Collected::Dict { dict, .. } => out.push(Value::Obj(dict)),
            Collected::Sum(v) => out.push(v),
            Collected::MinMax { key, default, .. } => out.extend([key, default]),
            _ => {}
        }
    }
}

impl ContKind {
    pub fn trace(&self, out: &mut Vec<Value>) {
        match self {
            ContKind::Collect { iter, acc, finish } => {
                out.push(*iter);
                out.extend_from_slice(acc);
                finish.trace(out);
            }
            ContKind::Stringify { calls, after, .. } => {
                out.extend(calls.iter().map(|t| t.0));
                after.trace(out);
            }
            ContKind::UserFormat(after) => after.trace(out),
            ContKind::SortKeys { items, keys, func, finish } => {
                out.extend_from_slice(items);
                out.extend_from_slice(keys);
                out.push(*func);
                finish.trace(out);
            }
            ContKind::BuildClass { bases, ns, meta_kw, .. } => {
                out.extend(bases.iter().map(|b| Value::Obj(*b)));
                out.push(Value::Obj(*ns));
                out.extend(meta_kw.iter().map(|k| k.1));
            }
            ContKind::AnyAll { iter, .. } => out.push(*iter),
            ContKind::AfterSignalHandler { kind, .. } => kind.trace(out),
            ContKind::NextDefault { default } => out.push(*default),
            ContKind::Native { data, .. } => out.push(*data),
            ContKind::StartCollect { finish } => finish.trace(out),
            ContKind::FilterCheck { item, iter } => out.extend([*item, *iter]),
            ContKind::Adapt { adaptor, got } => {
                out.push(Value::Obj(*adaptor));
                out.extend_from_slice(got);
            }
            ContKind::GetAttrDefault { default } => out.push(*default),
            ContKind::RaiseResult { cause } => out.extend(cause.iter().copied()),
            ContKind::Compare { a, b, .. }
            | ContKind::Binary { a, b, .. }
            | ContKind::SeqOrder { a, b, .. } => out.extend([*a, *b]),
            ContKind::SumRest { items, .. } => out.extend_from_slice(items),
            ContKind::ContainsIter { iter, x, .. } => out.extend([*iter, *x]),
            ContKind::GetItemIter { adaptor } => out.push(Value::Obj(*adaptor)),
            ContKind::KeyAnswer { need, memo, redo } => {
                match *need {
                    super::KeyNeed::Hash(v) => out.push(v),
                    super::KeyNeed::Eq { stored, probe } => out.extend([stored, probe]),
                }
                memo.trace(out);
                if let Some(redo) = redo {
                    redo.0.trace(out);
                    let (Resume::Value(v) | Resume::Exhausted(v) | Resume::Error(v)) = redo.1;
                    out.push(v);
                }
            }
            ContKind::InsertSort { items, keys, finish, .. } => {
                out.extend_from_slice(items);
                out.extend_from_slice(keys);
                finish.trace(out);
            }
            _ => {}
        }
    }
}

/// A function pointer that prints as its address-free name in `Debug` (derive needs it).
#[derive(Clone, Copy)]
pub struct ContFnPtr(pub ContFn);

impl std::fmt::Debug for ContFnPtr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<continuation>")
    }
}

#[derive(Clone, Copy)]
pub struct SysFnPtr(pub SysFn);

impl std::fmt::Debug for SysFnPtr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<syscall continuation>")
    }
}

/// What to do with a syscall's answer.
#[derive(Clone, Debug)]
pub enum SysCont {
    /// A module's own continuation: see [`SysFn`].
    Native { f: SysFnPtr, data: Value },
    /// More pieces of one `print` to write, then return None.
    Writes { fd: i32, rest: Vec<Vec<u8>>, result: Value },
    /// `time.sleep`: the clock was read; now sleep until it plus `nanos`.
    SleepFromNow { nanos: u64 },
    /// The sleep is over.
    SleepDone,
    /// A clock read for `time.time()`: seconds as a float.
    Clock,
    /// A clock read for `time.monotonic_ns()`: nanoseconds as an int.
    ClockNs,
    /// `input()`: the prompt is written; read until a newline.
    InputAfterPrompt,
    /// `input()`: bytes arrived (or EOF); return a line or read more.
    InputRead,
    /// `sys.stdout.write`: return the count of characters.
    WriteCount(usize),
}

impl SysCont {
    pub fn trace(&self, out: &mut Vec<Value>) {
        match self {
            SysCont::Writes { result, .. } => out.push(*result),
            SysCont::Native { data, .. } => out.push(*data),
            _ => {}
        }
    }
}

/// Whether a frame being set up is a plain call, or needs care.
impl Vm {
    /// Calls `func` with `args`; the result goes to `ret`.
    #[inline(never)]
    pub(crate) fn call_value(&mut self, func: Value, mut args: Args, ret: ReturnTo) -> Result<(), Value> {
        let Value::Obj(id) = func else {
            return Err(self.not_callable(func));
        };
        match self.heap.get(id) {
            Obj::Function(_) => self.call_function(id, args, ret, None),
            Obj::Native(n) => {
                let f = n.f;
                let answer = f(self, args);
                self.take_answer(answer, ret)
            }
            Obj::NativeMethod { recv, native } => {
                let (recv, f) = (*recv, native.f);
                args.pos.insert(0, recv);
                let answer = f(self, args);
                self.take_answer(answer, ret)
            }
            Obj::Method { recv, func } => {
                let (recv, func) = (*recv, *func);
                args.pos.insert(0, recv);
                self.call_value(func, args, ret)
            }
            Obj::Class(_) => self.instantiate(id, args, ret),
            Obj::StaticMethod(f) => {
                let f = *f;
                self.call_value(f, args, ret)
            }
            Obj::Instance(_) | Obj::Greenlet(_) => match self.lookup_special(func, self.sym.call) {
                Some(m) => {
                    args.pos.insert(0, func);
                    self.call_value(m, args, ret)
                }
                None => Err(self.not_callable(func)),
            },
            _ => Err(self.not_callable(func)),
        }
    }

    /// What a native answered, handed on: its value to `ret`, or its action performed. A value is read
    /// where the answer lies (an `Action` is some 250 bytes: `?` or a move would copy all of it).
    #[inline]
    pub(crate) fn take_answer(&mut self, answer: Result<Action, Value>, ret: ReturnTo) -> Result<(), Value> {
        match answer {
            Ok(Action::Return(v)) => self.deliver_here(ret, v),
            Ok(act) => self.perform(act, ret),
            Err(e) => Err(e),
        }
    }

    fn not_callable(&mut self, v: Value) -> Value {
        let t = self.type_name(v);
        self.type_error(format!("'{t}' object is not callable"))
    }

    /// Binds arguments into a new frame for a Python function (or makes its generator).
    pub(crate) fn call_function(
        &mut self,
        fid: ObjId,
        args: Args,
        ret: ReturnTo,
        ns: Option<ObjId>,
    ) -> Result<(), Value> {
        let Obj::Function(f) = self.heap.get(fid) else { unreachable!() };
        let f: &Function = f;
        let code = f.code.clone();
        let globals = f.globals;
        let closure = f.closure.clone();
        if self.frames.len() >= self.limits.recursion {
            return Err(self.exc(ExcKind::RecursionError, "maximum recursion depth exceeded"));
        }
        let mut frame = self.new_frame(code.clone(), globals, ReturnTo::Push);
        frame.cells.extend(closure);
        frame.ns = ns;
        // Fast path: exactly the positional parameters.
        let simple = args.kw.is_empty()
            && !code.has_varargs
            && !code.has_varkw
            && code.kwonlyargcount == 0
            && args.pos.len() == code.argcount as usize;
        if simple {
            for (i, v) in args.pos.into_iter().enumerate() {
                frame.locals[i] = v;
            }
        } else {
            self.bind_args(fid, &mut frame, args)?;
        }
        for &(pi, ci) in &code.cell_params {
            let v = frame.locals[pi as usize];
            *self.heap.get_mut(frame.cells[ci as usize]) = Obj::Cell(v);
        }
        if self.tracing {
            self.events.push(Event::Call { code: code.id });
        }
        if code.kind == CodeKind::Generator {
            let g = self.heap.alloc(Obj::Generator(Box::new(Generator {
                frame: Some(frame),
                state: GenState::Created,
                name: code.name.clone(),
                qualname: code.qualname.to_string(),
            })));
            return self.deliver(ret, Value::Obj(g));
        }
        frame.ret = ret;
        self.frames.push(frame);
        Ok(())
    }

    fn bind_args(&mut self, fid: ObjId, frame: &mut Frame, args: Args) -> Result<(), Value> {
        let Obj::Function(f) = self.heap.get(fid) else { unreachable!() };
        let code = f.code.clone();
        let defaults = f.defaults.clone();
        let kwdefaults = f.kwdefaults.clone();
        let fname = f.qualname.clone();
        let argc = code.argcount as usize;
        let npos = args.pos.len();
        let mut extra = Vec::new();
        for (i, v) in args.pos.into_iter().enumerate() {
            if i < argc {
                frame.locals[i] = v;
            } else {
                extra.push(v);
            }
        }
        let mut slot = argc + code.kwonlyargcount as usize;
        if code.has_varargs {
            frame.locals[slot] = self.new_tuple(extra);
            slot += 1;
        } else if !extra.is_empty() {
            let given = npos;
            let plural = if argc == 1 { "" } else { "s" };
            let req = if defaults.is_empty() {
                format!("{argc}")
            } else {
                format!("from {} to {}", argc - defaults.len(), argc)
            };
            return Err(self.type_error(format!(
                "{fname}() takes {req} positional argument{plural} but {given} {} given",
                if given == 1 { "was" } else { "were" }
            )));
        }
        let mut kwdict: Option<ObjId> = None;
        if code.has_varkw {
            let d = self.heap.alloc(Obj::Dict(Default::default()));
            frame.locals[slot] = Value::Obj(d);
            kwdict = Some(d);
        }
        for (k, v) in args.kw {
            let pos = code.varnames[..argc + code.kwonlyargcount as usize]
                .iter()
                .position(|&n| n == k)
                .filter(|&p| p >= code.posonlyargcount as usize);
            match pos {
                Some(p) => {
                    if frame.locals[p] != Value::Unbound {
                        let kn = self.sym_name(k).to_string();
                        return Err(
                            self.type_error(format!("{fname}() got multiple values for argument '{kn}'"))
                        );
                    }
                    frame.locals[p] = v;
                }
                None => match kwdict {
                    Some(d) => {
                        let key = {
                            let n = self.sym_name(k).to_string();
                            self.new_str(&n)
                        };
                        self.dict_set(d, key, v)?;
                    }
                    None => {
                        let kn = self.sym_name(k).to_string();
                        if code.varnames[..code.posonlyargcount as usize].contains(&k) {
                            return Err(self.type_error(format!(
                                "{fname}() got some positional-only arguments passed as keyword arguments: '{kn}'"
                            )));
                        }
                        return Err(
                            self.type_error(format!("{fname}() got an unexpected keyword argument '{kn}'"))
                        );
                    }
                },
            }
        }
        // Defaults for missing positionals, then keyword-only defaults.
        let first_default = argc - defaults.len();
        let mut missing = Vec::new();
        for i in 0..argc {
            if frame.locals[i] == Value::Unbound {
                if i >= first_default {
                    frame.locals[i] = defaults[i - first_default];
                } else {
                    missing.push(self.sym_name(code.varnames[i]).to_string());
                }
            }
        }
        if !missing.is_empty() {
            return Err(self.missing_args(&fname, &missing, "positional"));
        }
        let mut missing_kw = Vec::new();
        for i in argc..argc + code.kwonlyargcount as usize {
            if frame.locals[i] == Value::Unbound {
                let name = code.varnames[i];
                match kwdefaults.iter().find(|k| k.0 == name) {
                    Some(d) => frame.locals[i] = d.1,
                    None => missing_kw.push(self.sym_name(name).to_string()),
                }
            }
        }
        if !missing_kw.is_empty() {
            return Err(self.missing_args(&fname, &missing_kw, "keyword-only"));
        }
        Ok(())
    }

    fn missing_args(&mut self, fname: &str, missing: &[String], what: &str) -> Value {
        let quoted: Vec<String> = missing.iter().map(|m| format!("'{m}'")).collect();
        let list = match quoted.len() {
            1 => quoted[0].clone(),
            2 => format!("{} and {}", quoted[0], quoted[1]),
            n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
        };
        let plural = if missing.len() == 1 { "" } else { "s" };
        self.type_error(format!(
            "{fname}() missing {} required {what} argument{plural}: {list}",
            missing.len()
        ))
    }

    /// `Cls(...)`: builtin constructors are natives under `__new__`; user classes get an instance and
    /// their `__init__` called.
    fn instantiate(&mut self, cls: ObjId, args: Args, ret: ReturnTo) -> Result<(), Value> {
        let Obj::Class(c) = self.heap.get(cls) else { unreachable!() };
        let kind = c.kind;
        let user = c.module != "builtins";
        if user {
            if let Some(new) = self.python_new(cls) {
                return self.construct_with_new(cls, new, args, ret);
            }
        }
        use super::super::value::Kind;
        let user_greenlet = kind == Kind::Greenlet && user;
        if kind != Kind::Object && kind != Kind::Exception && !user_greenlet {
            // A builtin type (or a subclass of one, built as the base type).
            let newf = self.lookup_in_class(cls, self.sym.new);
            return match newf {
                // An int or str subclass keeps its class, so its Python `__init__` runs after.
                Some(f) if user && matches!(kind, Kind::Int | Kind::Str) => {
                    self.construct_with_new(cls, f, args, ret)
                }
                Some(f) => {
                    let mut a = args;
                    a.pos.insert(0, Value::Obj(cls));
                    self.call_value(f, a, ret)
                }
                None => {
                    let n = self.class_name(cls);
                    Err(self.type_error(format!("cannot create '{n}' instances")))
                }
            };
        }
        // `OSError(errno, strerror)` becomes the subclass the errno names, as in CPython.
        let mut cls = cls;
        if cls == self.exc_class(ExcKind::OSError) && args.pos.len() >= 2 {
            if let Some(code) = self.small_int(args.pos[0]) {
                if let Some(sub) = super::exc::oserror_subclass(code) {
                    cls = self.exc_class(sub);
                }
            }
        }
        let inst = if kind == Kind::Greenlet {
            super::super::modules::greenlet::new_greenlet(self, cls, Value::None, None)
        } else {
            let exc = if kind == Kind::Exception {
                Some(Box::new(super::super::value::ExcData { args: args.pos.to_vec(), ..Default::default() }))
            } else {
                None
            };
            Value::Obj(self.heap.alloc(Obj::Instance(Box::new(Instance { exc, ..Instance::new(cls) }))))
        };
        let object_init = self.lookup_in_class(self.types.object, self.sym.init);
        let init = self.lookup_in_class(cls, self.sym.init);
        if init == object_init && (!args.pos.is_empty() || !args.kw.is_empty()) {
            let n = self.class_name(cls);
            return Err(self.type_error(format!("{n}() takes no arguments")));
        }
        match init {
            Some(init) => {
                let mut a = args;
                a.pos.insert(0, inst);
                self.call_value(init, a, ReturnTo::Init { instance: inst, then: Box::new(ret) })
            }
            None => {
                if !args.pos.is_empty() || !args.kw.is_empty() {
                    let n = self.class_name(cls);
                    return Err(self.type_error(format!("{n}() takes no arguments")));
                }
                self.deliver(ret, inst)
            }
        }
    }

    /// Carries out a native's action; its result goes to `ret`.
    pub(crate) fn perform(&mut self, act: Action, ret: ReturnTo) -> Result<(), Value> {
        match act {
            Action::Return(v) => self.deliver(ret, v),
            Action::Call { func, args } => self.call_value(func, args, ret),
            Action::CallThen { func, args, cont } => {
                self.call_value(func, args, ReturnTo::Native(Box::new(Cont { kind: cont, then: ret })))
            }
            Action::NextThen { iter, cont } => {
                self.next_item(iter, ReturnTo::Native(Box::new(Cont { kind: cont, then: ret })))
            }
            Action::Next { iter } => self.next_item(iter, ret),
            Action::Exhausted => self.deliver_exhausted(ret, Value::None),
            Action::WithStrings(after) => self.with_strings(*after, ret),
            Action::ResumeGen { gen, value, throw } => self.resume_gen(gen, value, throw, ret),
            Action::Syscall { call, then } => {
                self.pending = Some(Pending { kind: then, ret });
                self.syscall_out = Some(call);
                self.interrupt = true;
                Ok(())
            }
            Action::Switch { target, args, throw } => self.switch_greenlet(target, args, throw, ret),
            Action::Then { act, cont } => {
                self.perform(*act, ReturnTo::Native(Box::new(Cont { kind: cont, then: ret })))
            }
            Action::RunBody { func, ns, cont } => {
                let Value::Obj(fid) = func else { unreachable!() };
                self.call_function(
                    fid,
                    Args::default(),
                    ReturnTo::Native(Box::new(Cont { kind: cont, then: ret })),
                    Some(ns),
                )
            }
        }
    }

    /// `deliver`, with its common case (onto the caller's stack) inline.
    #[inline(always)]
    pub(crate) fn deliver_here(&mut self, ret: ReturnTo, v: Value) -> Result<(), Value> {
        if ret.pushes() {
            self.frames.last_mut().expect("a frame to return to").stack.push(v);
            ret.discard();
            return Ok(());
        }
        self.deliver(ret, v)
    }

    /// Hands a result to whoever waits for it.
    #[inline(never)]
    pub(crate) fn deliver(&mut self, ret: ReturnTo, v: Value) -> Result<(), Value> {
        match ret {
            ReturnTo::Push | ReturnTo::ForIter { .. } | ReturnTo::Send { .. } | ReturnTo::Next => {
                self.frames.last_mut().expect("a frame to return to").stack.push(v);
                Ok(())
            }
            ReturnTo::Init { instance, then } => {
                if v != Value::None {
                    let t = self.type_name(v);
                    return Err(self.type_error(format!("__init__() should return None, not '{t}'")));
                }
                self.deliver(*then, instance)
            }
            // Queued, not run here: a chain of native steps (list(map(str, range(n)))) must not
            // grow the Rust stack. The loop runs it before the next instruction.
            ReturnTo::Native(c) => {
                self.cont_queue.push((c, Resume::Value(v)));
                Ok(())
            }
            ReturnTo::GreenletRun(g) => self.greenlet_finished(g, v, false),
            ReturnTo::Discard => Ok(()),
            ReturnTo::Exit => {
                // CPython closes the generators still suspended in a `try` as the program ends.
                if !(self.finalizers_armed && self.finalize_at_exit()) {
                    self.finish(0);
                }
                Ok(())
            }
            ReturnTo::Reimport => {
                self.frames.last_mut().expect("the importing frame").pc -= 1;
                Ok(())
            }
        }
    }

    /// The iterator the waiter asked an item of is exhausted (`value`: a generator's return value).
    pub(crate) fn deliver_exhausted(&mut self, ret: ReturnTo, value: Value) -> Result<(), Value> {
        match ret {
            ReturnTo::ForIter { exit } => {
                let f = self.frames.last_mut().expect("a frame");
                f.stack.pop();
                f.pc = exit;
                Ok(())
            }
            ReturnTo::Send { exit } => {
                let f = self.frames.last_mut().expect("a frame");
                f.stack.pop();
                f.stack.push(value);
                f.pc = exit;
                Ok(())
            }
            ReturnTo::Native(c) => {
                self.cont_queue.push((c, Resume::Exhausted(value)));
                Ok(())
            }
            _ => {
                let args = if value == Value::None { vec![] } else { vec![value] };
                let e = self.new_exc_from(self.exc_class(ExcKind::StopIteration), args);
                Err(e)
            }
        }
    }

    /// Asks `iter` for its next item; builtin iterators answer at once, generators and `__next__`
    /// methods run as frames.
    #[inline(never)]
    pub(crate) fn next_item(&mut self, iter: Value, ret: ReturnTo) -> Result<(), Value> {
        if let Value::Obj(id) = iter {
            match self.heap.get(id) {
                Obj::Iter(_) => {
                    return match self.builtin_next(id)? {
                        super::ops::NextStep::Item(v) => self.deliver(ret, v),
                        super::ops::NextStep::Done => self.deliver_exhausted(ret, Value::None),
                        super::ops::NextStep::Call { func, args, cont } => self.call_value(
                            func,
                            args,
                            ReturnTo::Native(Box::new(Cont { kind: cont, then: ret })),
                        ),
                        super::ops::NextStep::NextOf { iter, cont } => {
                            self.next_item(iter, ReturnTo::Native(Box::new(Cont { kind: cont, then: ret })))
                        }
                    };
                }
                Obj::Generator(_) => return self.resume_gen(id, Value::None, false, ret),
                _ => {}
            }
        }
        match self.lookup_special(iter, self.sym.next) {
            Some(m) => {
                let depth = self.frames.len();
                self.call_value(m, Args::one(iter), ret)?;
                if self.frames.len() > depth {
                    self.frames.last_mut().expect("pushed").iter_call = true;
                }
                Ok(())
            }
            None => {
                let t = self.type_name(iter);
                Err(self.type_error(format!("'{t}' object is not an iterator")))
            }
        }
    }

    /// Resumes generator `gid` with `value` (or throws `value` into it).
    pub(crate) fn resume_gen(
        &mut self,
        gid: ObjId,
        value: Value,
        throw: bool,
        ret: ReturnTo,
    ) -> Result<(), Value> {
        let Obj::Generator(g) = self.heap.get_mut(gid) else { unreachable!() };
        match g.state {
            GenState::Running => return Err(self.value_error("generator already executing")),
            GenState::Closed => {
                if throw {
                    return Err(value);
                }
                return self.deliver_exhausted(ret, Value::None);
            }
            GenState::Created if !throw && value != Value::None => {
                return Err(self.type_error("can't send non-None value to a just-started generator"));
            }
            GenState::Created if throw => {
                g.state = GenState::Closed;
                g.frame = None;
                return Err(value);
            }
            _ => {}
        }
        if self.frames.len() >= self.limits.recursion {
            return Err(self.exc(ExcKind::RecursionError, "maximum recursion depth exceeded"));
        }
        self.enter_generator(gid, value, throw, ret);
        if !throw {
            return Ok(());
        }
        // Suspended inside `yield from` on a generator: a throw goes to that generator first.
        if let Some((sub, send_pc, exit)) = self.yield_from_target(self.frames.last().expect("entered")) {
            self.frames.last_mut().expect("entered").pc = send_pc + 1;
            return self.resume_gen(sub, value, true, ReturnTo::Send { exit });
        }
        Err(value)
    }

    /// Puts the frame of generator `gid` (created or suspended; there is room on the stack) on top, to
    /// run with `ret` waiting for its next item. A suspended generator's `yield` gets `value` unless
    /// it is thrown (a created one starts at its top, and `value` is None).
    #[inline(always)]
    pub(crate) fn enter_generator(&mut self, gid: ObjId, value: Value, throw: bool, ret: ReturnTo) {
        let Obj::Generator(g) = self.heap.get_mut(gid) else { unreachable!() };
        let was_created = g.state == GenState::Created;
        g.state = GenState::Running;
        let mut frame = g.frame.take().expect("suspended generator has a frame");
        std::mem::replace(&mut frame.ret, ret).discard();
        frame.gen = Some(gid);
        if !was_created && !throw {
            frame.stack.push(value);
        }
        if self.tracing {
            self.events.push(Event::GenResume { code: frame.code.id });
        }
        self.frames.push(frame);
    }

    /// For a frame suspended at the `Yield` of a `yield from` loop over a generator: (the sub-generator,
    /// the `Send` instruction, its exit).
    fn yield_from_target(&self, frame: &Frame) -> Option<(ObjId, u32, u32)> {
        let Some(super::super::bytecode::Op::Jump(send_pc)) = frame.code.ops.get(frame.pc as usize) else {
            return None;
        };
        let super::super::bytecode::Op::Send(exit) = frame.code.ops[*send_pc as usize] else {
            return None;
        };
        match frame.stack.last() {
            Some(Value::Obj(sub)) if matches!(self.heap.get(*sub), Obj::Generator(_)) => {
                Some((*sub, *send_pc, exit))
            }
            _ => None,
        }
    }

    /// Runs a queued continuation. A collector (`list(it)`, `sum(it)`, …) given an item keeps it and
    /// asks for the next one with the same box: what `conts::resume` does for it, without moving the
    /// continuation out and into a new allocation per item.
    #[inline]
    pub(crate) fn run_queued(&mut self, mut c: Box<Cont>, r: Resume) -> Result<(), Value> {
        if let (ContKind::Collect { iter, acc, .. }, Resume::Value(v)) = (&mut c.kind, &r) {
            // At the limit, `conts::resume` raises the MemoryError.
            if acc.len() < super::MAX_COLLECT {
                acc.push(*v);
                let iter = *iter;
                return self.next_item(iter, ReturnTo::Native(c));
            }
        }
        self.run_cont(*c, r)
    }

    /// Continues a native after the call it waited for.
    pub(crate) fn run_cont(&mut self, c: Cont, r: Resume) -> Result<(), Value> {
        let Cont { mut kind, mut then } = c;
        let mut r = r;
        loop {
            match super::super::modules::conts::resume(self, kind, r) {
                Ok(act) => return self.perform(act, then),
                // An exception goes to whoever waits for this continuation's result: another native
                // continuation sees it (as it would from a Python frame), else the running frame does.
                // A dict key waiting for a Python answer is not an exception (see `keys`).
                Err(e) if !self.key_is_waiting(e) => match then {
                    ReturnTo::Native(next) => {
                        (kind, then, r) = (next.kind, next.then, Resume::Error(e));
                    }
                    _ => return Err(e),
                },
                Err(e) => return Err(e),
            }
        }
    }

    /// Completes a syscall the program made, with the kernel's answer.
    pub(crate) fn complete_syscall(&mut self, p: Pending, out: Outcome<Ret>) -> Result<(), Value> {
        let act = super::super::modules::sysconts::complete(self, p.kind, out)?;
        self.perform(act, p.ret)
    }

    /// Switches greenlets: the running stack goes into the current greenlet, the target's comes out.
    /// A new greenlet calls `run(*args, **kwargs)`; a suspended one gets them packed as its `switch()`
    /// result; `throw` raises in the target instead.
    pub(crate) fn switch_greenlet(
        &mut self,
        target: ObjId,
        args: Args,
        throw: Option<Value>,
        ret: ReturnTo,
    ) -> Result<(), Value> {
        let state = match self.heap.get(target) {
            Obj::Greenlet(g) => g.state,
            _ => return Err(self.type_error("switch to a non-greenlet")),
        };
        if target == self.current_greenlet || state == GreenletState::Dead {
            // Switching to itself, or to a dead greenlet, returns at once.
            return match throw {
                Some(e) => Err(e),
                None => {
                    let v = self.pack_switch_args(args);
                    self.deliver(ret, v)
                }
            };
        }
        // Park the caller: its pending `switch()` will receive a value pushed on its top frame.
        let cur = self.current_greenlet;
        let frames = std::mem::take(&mut self.frames);
        let from_serial;
        {
            let Obj::Greenlet(g) = self.heap.get_mut(cur) else { unreachable!() };
            g.frames = frames;
            if g.state != GreenletState::Dead {
                g.state = GreenletState::Suspended;
            }
            from_serial = g.serial;
        }
        self.current_greenlet = target;
        let Obj::Greenlet(t) = self.heap.get_mut(target) else { unreachable!() };
        let to_serial = t.serial;
        let was_new = t.state == GreenletState::New;
        t.state = GreenletState::Active;
        self.frames = std::mem::take(&mut t.frames);
        let run = t.run;
        if self.tracing {
            self.events.push(Event::GreenletSwitch { from: from_serial, to: to_serial });
        }
        if was_new {
            if let Some(e) = throw {
                return self.greenlet_finished(target, e, true);
            }
            let run = if run == Value::None {
                // A subclass with a `run` method.
                match self.lookup_special(Value::Obj(target), self.sym.run) {
                    Some(r) => self.bind(r, Value::Obj(target)),
                    None => return Err(self.exc(ExcKind::AttributeError, "run")),
                }
            } else {
                run
            };
            // A `run` that fails at once (not callable, bad arguments) kills the greenlet: the
            // exception goes to its parent.
            return match self.call_value(run, args, ReturnTo::GreenletRun(target)) {
                Err(e) if self.frames.is_empty() => self.greenlet_finished(target, e, true),
                other => other,
            };
        }
        if let Some(e) = throw {
            return Err(e);
        }
        let v = self.pack_switch_args(args);
        self.frames.last_mut().expect("a suspended greenlet has a frame").stack.push(v);
        Ok(())
    }

    /// What `switch()` returns: `()`, the one value, a tuple, a kwargs dict, or `(args, kwargs)`.
    fn pack_switch_args(&mut self, args: Args) -> Value {
        let kw = if args.kw.is_empty() {
            None
        } else {
            let d = self.heap.alloc(Obj::Dict(Default::default()));
            for (k, v) in args.kw {
                let key = {
                    let n = self.sym_name(k).to_string();
                    self.new_str(&n)
                };
                let _ = self.dict_set(d, key, v);
            }
            Some(Value::Obj(d))
        };
        match (args.pos.len(), kw) {
            (1, None) => args.pos[0],
            (_, None) => self.new_tuple(args.pos.into_vec()),
            (0, Some(d)) => d,
            (_, Some(d)) => {
                let t = self.new_tuple(args.pos.into_vec());
                self.new_tuple(vec![t, d])
            }
        }
    }

    /// A greenlet's `run` ended (with a value, or an exception when `raised`): it dies and its parent
    /// resumes with the value or the exception.
    pub(crate) fn greenlet_finished(&mut self, g: ObjId, v: Value, raised: bool) -> Result<(), Value> {
        let parent = {
            let Obj::Greenlet(gl) = self.heap.get_mut(g) else { unreachable!() };
            gl.state = GreenletState::Dead;
            gl.frames.clear();
            gl.parent
        };
        let mut target = parent.unwrap_or(self.main_greenlet);
        // Skip dead ancestors.
        loop {
            match self.heap.get(target) {
                Obj::Greenlet(t) if t.state == GreenletState::Dead => match t.parent {
                    Some(p) => target = p,
                    None => break,
                },
                _ => break,
            }
        }
        // GreenletExit is not an error: the parent receives the exception object as a value.
        let (args, throw) = if raised && !self.is_exc(v, ExcKind::GreenletExit) {
            (Args::default(), Some(v))
        } else {
            (Args::one(v), None)
        };
        self.current_greenlet = g;
        self.switch_greenlet(target, args, throw, ReturnTo::Push)
    }

    /// Ends the program: queued writes (a traceback) first.
    pub(crate) fn finish(&mut self, status: i32) {
        self.interrupt = true;
        match &mut self.exiting {
            Some((writes, st)) => {
                *st = status;
                if writes.is_empty() {
                    self.finished = Some(status);
                }
            }
            None => self.finished = Some(status),
        }
        self.frames.clear();
    }
}
