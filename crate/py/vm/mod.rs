//! The stackless VM: frames are heap data, a generator is a suspended frame, a greenlet a suspended
//! stack of frames, and natives return [`Action`]s instead of calling back in. [`Vm::step`] runs a
//! bounded slice and stops at a syscall, at the end, or when its fuel runs out.
//!
//! Files: `exec` (the instruction loop), `call` (calls, returns and continuations), `ops` (arithmetic,
//! comparison, hashing), `attr` (attribute access), `format` (repr, str, `%` and `format`), `exc`
//! (exception objects), `traceback` (CPython 3.11's traceback text), `suggest` ("Did you mean"),
//! `construct` (Python `__new__` and `__init_subclass__`), `finalize` (closing generators let go of),
//! `types` (the builtin classes), `proxy` (`mappingproxy`), `keys` (Python `__hash__`/`__eq__` for dict
//! and set keys).
//!
//! Deliberate differences from CPython 3.11 (each also noted where it is made):
//! - A dict or set key's Python `__hash__`/`__eq__` (and `__eq__` of list, tuple and dict items) is
//!   called as CPython calls it, but the native operation runs again after each answer (see `keys`).
//!   An uncaught exception's traceback line does not call a user `__repr__` of its args.
//! - `id()` and default reprs show synthetic addresses derived from the heap index (deterministic).
//! - A set of ints iterates in CPython's order (its table is replayed); other sets in insertion order
//!   (CPython randomises str hashes, so no program can rely on theirs).
//! - Sorting or min/max of objects through Python `__lt__` uses a stable insertion sort: the same
//!   result, more comparisons.
//! - Before formatting (`print`, `str`, `%`, f-strings), every user `__str__`/`__repr__` reachable
//!   from the arguments is called once, then the text is built.
//! - A float's identity is its bits (like an int's value), except that each NaN an operation or
//!   `float()` makes carries a payload of its own: `float('nan') is nan` is False and `nan in [nan]`
//!   True, as in CPython, but two equal non-NaN floats made apart are the same object (CPython: usually
//!   not), and their `id()` is derived from the value.
//! - A suspended generator inside a `try` is closed when the program lets go of it by a store, `del`,
//!   leaving a `for` loop or returning from the function holding it (a collection at the next
//!   instruction boundary finds it unreachable), and at a normal exit (those named by `__main__`'s
//!   globals first, then by age); not when a container holding it is emptied, and not at an exit by an
//!   uncaught exception. An exception raised by such a close is dropped (CPython prints it as
//!   "Exception ignored in").
//! - `gen.gi_frame` is the generator's code object (frames are not Python objects here).
//! - Time is the driver's virtual clock; `time.sleep` is `clock_gettime` + `clock_nanosleep`.

pub(crate) mod attr;
pub(crate) mod call;
mod construct;
mod exc;
mod exec;
mod finalize;
pub(crate) mod format;
mod import;
mod keys;
mod ops;
mod proxy;
mod suggest;
mod traceback;
mod types;

use std::collections::{BTreeMap, VecDeque};
use std::rc::Rc;

pub use call::{
    Action, Collected, Cont, ContFn, ContFnPtr, ContKind, Resume, ReturnTo, SysCont, SysFn, SysFnPtr,
};
pub use exc::ExcKind;
pub use keys::{KeyMemo, KeyNeed};
pub use types::Types;

use super::bytecode::{Code, CodeId};
use super::heap::Heap;
use super::value::{Interner, Obj, ObjId, PyStr, Sym, Value};
use crate::sys::{Call, Fd, Outcome, Ret};

/// The most items a native collects from an iterator (`list(it)`, …) before MemoryError.
pub const MAX_COLLECT: usize = 20_000_000;

/// A native function: it reads its arguments and returns what the VM should do next.
pub type NativeFn = fn(&mut Vm, Args) -> Result<Action, Value>;

/// Positional arguments: nearly every call has at most four (a method's receiver included), and those
/// stay inline, so a native call allocates nothing for them.
pub type PosArgs = smallvec::SmallVec<[Value; 4]>;

/// Arguments of a native call; for a method the receiver is `pos[0]`.
#[derive(Clone, Debug, Default)]
pub struct Args {
    pub pos: PosArgs,
    /// Keywords in call order (an empty `Vec` does not allocate).
    pub kw: Vec<(Sym, Value)>,
}

impl Args {
    /// These positional arguments, no keywords.
    pub fn new(pos: &[Value]) -> Args {
        // A few values are written straight into the inline room: `from_slice` calls `memcpy`, whose
        // call costs more than the copy of a word or two.
        let u = Value::Unbound;
        let pos = match *pos {
            [] => PosArgs::new(),
            [a] => PosArgs::from_buf_and_len([a, u, u, u], 1),
            [a, b] => PosArgs::from_buf_and_len([a, b, u, u], 2),
            [a, b, c] => PosArgs::from_buf_and_len([a, b, c, u], 3),
            [a, b, c, d] => PosArgs::from_buf([a, b, c, d]),
            _ => PosArgs::from_slice(pos),
        };
        Args { pos, kw: Vec::new() }
    }

    /// One positional argument (a receiver, or a single value), no keywords.
    pub fn one(v: Value) -> Args {
        let mut pos = PosArgs::new();
        pos.push(v);
        Args { pos, kw: Vec::new() }
    }

    /// Positional arguments and keywords.
    pub fn with_kw(pos: &[Value], kw: Vec<(Sym, Value)>) -> Args {
        Args { pos: PosArgs::from_slice(pos), kw }
    }

    /// Positional arguments already collected in a `Vec` (one with more room than the inline storage
    /// keeps its buffer), no keywords.
    pub fn from_vec(pos: Vec<Value>) -> Args {
        Args { pos: PosArgs::from_vec(pos), kw: Vec::new() }
    }
}

/// How much a slice may run: one unit per instruction.
#[derive(Clone, Copy, Debug)]
pub struct Fuel {
    pub remaining: u64,
}

impl Fuel {
    pub fn new(n: u64) -> Fuel {
        Fuel { remaining: n }
    }
}

/// Why [`Vm::step`] returned.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// The program ended with this exit status (0, 1 after an uncaught exception, or `sys.exit(n)`).
    Finished(i32),
    OutOfFuel,
    /// Perform this syscall and call [`Vm::resume`] with its outcome (never `WouldBlock`: the driver retries).
    Syscall(Call),
}

/// What the tracer sees when tracing is on. Small and without reference counts, as there is one per
/// line change: a code object is named by its [`CodeId`] ([`Vm::code`] gives the code, its name,
/// file and lines).
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// The running line changed to `line` of `code`.
    Line {
        line: u32,
        code: CodeId,
    },
    Call {
        code: CodeId,
    },
    Return {
        code: CodeId,
    },
    Exception(Box<Raised>),
    GenResume {
        code: CodeId,
    },
    GenSuspend {
        code: CodeId,
    },
    GreenletSwitch {
        from: u32,
        to: u32,
    },
}

/// An exception being raised: its type's name and its message.
#[derive(Clone, Debug, PartialEq)]
pub struct Raised {
    pub kind: Rc<str>,
    pub msg: Rc<str>,
}

/// One activation: code, position, operand stack, locals, cells and exception blocks.
#[derive(Clone, Debug)]
pub struct Frame {
    pub code: Rc<Code>,
    pub pc: u32,
    pub stack: Vec<Value>,
    pub locals: Vec<Value>,
    pub cells: Vec<ObjId>,
    /// The module whose attributes are this frame's globals.
    pub globals: ObjId,
    /// A class body's namespace (a module object used as a plain namespace).
    pub ns: Option<ObjId>,
    pub blocks: Vec<Block>,
    /// Exceptions being handled here (innermost last): what bare `raise` re-raises.
    pub handled: Vec<Value>,
    pub ret: ReturnTo,
    /// The generator this frame belongs to.
    pub gen: Option<ObjId>,
    /// Called as `__next__`: a `StopIteration` leaving it means "exhausted".
    pub iter_call: bool,
}

#[derive(Clone, Copy, Debug)]
pub struct Block {
    pub kind: BlockKind,
    pub handler: u32,
    pub level: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Except,
    Finally,
    /// An exception is being handled (its entry in `Frame::handled` goes when this block does).
    Handling,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenState {
    Created,
    Suspended,
    Running,
    Closed,
}

/// A generator: a frame that is not on any stack while suspended.
#[derive(Clone, Debug)]
pub struct Generator {
    pub frame: Option<Box<Frame>>,
    pub state: GenState,
    pub name: String,
    pub qualname: String,
}

impl Generator {
    pub fn trace(&self, out: &mut Vec<Value>) {
        if let Some(f) = &self.frame {
            f.trace(out);
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GreenletState {
    New,
    Active,
    Suspended,
    Dead,
}

/// A greenlet: a stack of frames, suspended unless it is the current one.
#[derive(Clone, Debug)]
pub struct Greenlet {
    pub run: Value,
    pub parent: Option<ObjId>,
    #[allow(clippy::vec_box)]
    pub frames: Vec<Box<Frame>>,
    pub state: GreenletState,
    pub attrs: super::value::AttrMap,
    /// A greenlet subclass instance's class.
    pub class: ObjId,
    /// Small sequence number for the hook.
    pub serial: u32,
}

impl Greenlet {
    pub fn trace(&self, out: &mut Vec<Value>) {
        out.push(self.run);
        out.push(Value::Obj(self.class));
        if let Some(p) = self.parent {
            out.push(Value::Obj(p));
        }
        out.extend(self.attrs.iter().map(|a| a.1));
        for f in &self.frames {
            f.trace(out);
        }
    }
}

impl Frame {
    pub fn trace(&self, out: &mut Vec<Value>) {
        out.extend_from_slice(&self.stack);
        out.extend_from_slice(&self.locals);
        out.extend(self.cells.iter().map(|c| Value::Obj(*c)));
        out.push(Value::Obj(self.globals));
        if let Some(ns) = self.ns {
            out.push(Value::Obj(ns));
        }
        out.extend_from_slice(&self.handled);
        if let Some(g) = self.gen {
            out.push(Value::Obj(g));
        }
        out.extend_from_slice(&self.code.consts);
        self.ret.trace(out);
    }
}

/// The syscall in flight and what to do with its answer.
#[derive(Clone, Debug)]
pub(crate) struct Pending {
    pub kind: call::SysCont,
    pub ret: ReturnTo,
}

/// Limits that keep any program from hanging or exhausting the host.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub recursion: usize,
    /// Estimated bytes of live heap objects before `MemoryError`. A world runs several VMs, and the
    /// timeline clones them for checkpoints, so this stays well below wasm32's 4 GiB.
    pub bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { recursion: 1000, bytes: 256 << 20 }
    }
}

/// Collect at least this often (instructions): lists and dicts grow in place without allocating an
/// object, and only a collection counts their bytes again.
pub(crate) const GC_EVERY_INSTRUCTIONS: u64 = 1 << 24;
/// The fewest bytes allocated between collections that make one due.
const GC_MIN_BYTES: usize = 32 << 20;

/// A write still to make before the program ends (a traceback on fd 2).
pub(crate) type PendingWrite = (Fd, Vec<u8>);

/// The machine. Everything is data, so `clone()` is a checkpoint.
#[derive(Clone)]
pub struct Vm {
    pub heap: Heap,
    pub names: Interner,
    pub types: Types,
    /// The running greenlet's frames; boxed so a generator's frame moves as a pointer.
    #[allow(clippy::vec_box)]
    pub(crate) frames: Vec<Box<Frame>>,
    pub(crate) modules: BTreeMap<String, ObjId>,
    pub(crate) builtins: ObjId,
    pub(crate) main_greenlet: ObjId,
    pub(crate) current_greenlet: ObjId,
    pub(crate) greenlet_serial: u32,
    pub(crate) pending: Option<Pending>,
    /// A syscall a native just asked for, handed out by `step`.
    pub(crate) syscall_out: Option<Call>,
    /// Set when the running slice must stop (a syscall, the end); one check per instruction.
    pub(crate) interrupt: bool,
    /// Native continuations with their input, run by the loop before the next instruction.
    /// Boxed as `ReturnTo::Native` holds them: a continuation moves as a pointer.
    pub(crate) cont_queue: Vec<(Box<Cont>, call::Resume)>,
    /// The exception being raised is re-raised (bare `raise`, end of `finally`): no new traceback entry.
    pub(crate) reraising: bool,
    /// Results of user `__str__` (false) / `__repr__` (true) while a native formats with them.
    pub(crate) overrides: Vec<(ObjId, bool, String)>,
    /// Tracebacks and final writes still to make before finishing.
    pub(crate) exiting: Option<(VecDeque<PendingWrite>, i32)>,
    pub(crate) finished: Option<i32>,
    pub(crate) sources: BTreeMap<String, Rc<Vec<String>>>,
    pub(crate) stdin_buf: Vec<u8>,
    pub(crate) stdin_eof: bool,
    pub(crate) argv: Vec<String>,
    pub limits: Limits,
    pub tracing: bool,
    /// Runs simple instructions and plain calls in the tight loop (`exec::run_simple`). Off, every
    /// instruction goes through `exec_one`, the reference the tight loop must agree with to the
    /// instruction (tests compare the two).
    pub tight_loop: bool,
    pub events: Vec<Event>,
    pub(crate) last_line: u32,
    pub(crate) sym: types::Syms,
    pub(crate) gc_threshold: usize,
    /// Bytes allocated since the last collection that make the next one due.
    pub(crate) gc_bytes_threshold: usize,
    /// Instructions run since the last collection.
    pub(crate) ran_since_gc: u64,
    /// After a MemoryError, the most bytes its handler may hold while it lets go.
    pub(crate) memory_grace: Option<usize>,
    /// Nesting of the structural comparison running now (bounded, see `ops::MAX_COMPARE_DEPTH`).
    pub(crate) compare_depth: std::cell::Cell<u32>,
    /// Finished frames whose buffers the next calls reuse (no allocation per call).
    #[allow(clippy::vec_box)]
    pub(crate) frame_pool: Vec<Box<Frame>>,
    /// The compiled `__main__`, for `disassemble`.
    pub(crate) main_code: Option<Rc<Code>>,
    /// Every code object compiled here (`__main__`, library modules), indexed by [`CodeId`].
    pub(crate) codes: Vec<Rc<Code>>,
    /// What the world gives this process in place of the OS's entropy (its seed and pid, mixed): seeds
    /// `random` when the program does not. Advanced by every draw.
    pub(crate) entropy: u64,
    /// Python `__hash__`/`__eq__` answers for dict and set keys (see `keys`).
    pub(crate) keys: keys::KeyResolution,
    /// Set once a generator has suspended inside a `try`: from then on, stores, `del`, `break` and
    /// returns that let go of such a generator have it closed (`finalize`). Clear: no cost.
    pub(crate) finalizers_armed: bool,
    /// A finalizing collection is queued for the next instruction boundary.
    pub(crate) finalize_queued: bool,
    /// An instance of an int or str subclass exists (or did): operators look for them only then.
    pub(crate) subclass_values_made: bool,
    /// The last NaN payload handed out: each NaN a program makes is a distinct object (`ops::made_float`).
    pub(crate) nan_serial: u64,
}

impl Vm {
    /// A VM with the builtins and the native modules loaded, ready to run `load_main`'s module.
    pub fn new(argv: Vec<String>) -> Vm {
        let mut heap = Heap::default();
        let mut names = Interner::default();
        let sym = types::Syms::new(&mut names);
        let types = Types::new(&mut heap, &mut names);
        let builtins = heap.alloc(Obj::Module { name: "builtins".into(), attrs: Default::default() });
        let main_greenlet = heap.alloc(Obj::Free);
        let mut vm = Vm {
            heap,
            names,
            types,
            frames: Vec::new(),
            modules: BTreeMap::new(),
            builtins,
            main_greenlet,
            current_greenlet: main_greenlet,
            greenlet_serial: 0,
            pending: None,
            syscall_out: None,
            interrupt: false,
            cont_queue: Vec::new(),
            reraising: false,
            overrides: Vec::new(),
            exiting: None,
            finished: None,
            sources: BTreeMap::new(),
            stdin_buf: Vec::new(),
            stdin_eof: false,
            argv,
            limits: Limits::default(),
            tracing: false,
            tight_loop: true,
            events: Vec::new(),
            last_line: 0,
            sym,
            gc_threshold: 100_000,
            gc_bytes_threshold: GC_MIN_BYTES,
            ran_since_gc: 0,
            memory_grace: None,
            compare_depth: std::cell::Cell::new(0),
            frame_pool: Vec::new(),
            main_code: None,
            codes: Vec::new(),
            entropy: 0,
            keys: Default::default(),
            nan_serial: 0,
            finalizers_armed: false,
            finalize_queued: false,
            subclass_values_made: false,
        };
        let gl_class = vm.types.greenlet;
        *vm.heap.get_mut(main_greenlet) = Obj::Greenlet(Box::new(Greenlet {
            run: Value::None,
            parent: None,
            frames: Vec::new(),
            state: GreenletState::Active,
            attrs: Default::default(),
            class: gl_class,
            serial: 0,
        }));
        super::modules::install(&mut vm);
        proxy::install(&mut vm);
        vm
    }

    /// Compiles `source` as the `__main__` module and makes it the frame to run.
    pub fn load_main(&mut self, source: &str, filename: &str) -> Result<(), super::error::SyntaxError> {
        let module = super::parser::parse(source, filename)?;
        self.load_main_ast(&module, source, filename)
    }

    /// Like [`Vm::load_main`], from an AST (tests build ASTs by hand).
    pub fn load_main_ast(
        &mut self,
        module: &super::ast::Module,
        source: &str,
        filename: &str,
    ) -> Result<(), super::error::SyntaxError> {
        let code = super::compiler::compile_module(
            module,
            filename,
            &mut self.heap,
            &mut self.names,
            &mut self.codes,
        )
        .map_err(|e| {
            let text = source.lines().nth(e.span.line.saturating_sub(1) as usize).unwrap_or("");
            super::error::SyntaxError {
                kind: super::error::SyntaxErrorKind::SyntaxError,
                msg: e.msg,
                filename: filename.to_string(),
                line: e.span.line,
                offset: e.span.col + 1,
                end_offset: if e.span.end_line == e.span.line { e.span.end_col + 1 } else { e.span.col + 2 },
                text: text.to_string(),
            }
        })?;
        self.sources.insert(filename.to_string(), Rc::new(source.lines().map(String::from).collect()));
        let main = self.new_module("__main__");
        let file = self.new_str(filename);
        self.module_set(main, "__file__", file);
        self.modules.insert("__main__".into(), main);
        self.main_code = Some(code.clone());
        let frame = self.new_frame(code, main, ReturnTo::Exit);
        self.frames.push(frame);
        Ok(())
    }

    /// The bytecode of `__main__` (not of nested functions), for debugging.
    pub fn disassemble_main(&self) -> String {
        self.main_code.as_ref().map(|c| c.disassemble()).unwrap_or_default()
    }

    /// The code object a trace event names.
    pub fn code(&self, id: CodeId) -> &Code {
        &self.codes[id.0 as usize]
    }

    /// The qualified name of the function (or `<module>`) a trace event names.
    pub fn code_name(&self, id: CodeId) -> &str {
        &self.code(id).qualname
    }

    /// The exit status, once the program has finished.
    pub fn is_finished(&self) -> Option<i32> {
        self.finished
    }

    /// The frames of the running greenlet, outermost first (for the UI's stack view).
    pub fn frames(&self) -> &[Box<Frame>] {
        &self.frames
    }

    /// Hands the outcome of the syscall [`Step::Syscall`] asked for back to the program.
    pub fn resume(&mut self, outcome: Outcome<Ret>) {
        let Some(p) = self.pending.take() else {
            panic!("resume without a pending syscall");
        };
        if let Some((writes, status)) = &mut self.exiting {
            let _ = writes.pop_front();
            if writes.is_empty() {
                self.finished = Some(*status);
            }
            return;
        }
        if let Err(exc) = self.complete_syscall(p, outcome) {
            self.unwind(exc);
        }
    }

    pub(crate) fn new_frame(&mut self, code: Rc<Code>, globals: ObjId, ret: ReturnTo) -> Box<Frame> {
        let nlocals = code.varnames.len();
        let ncells = code.cellvars.len();
        let mut f = self.pooled_frame(code, globals, ret);
        f.locals.resize(nlocals, Value::Unbound);
        for _ in 0..ncells {
            let c = self.heap.alloc(Obj::Cell(Value::Unbound));
            f.cells.push(c);
        }
        f
    }

    /// A frame from the pool of finished ones (their buffers are reused), or a new one; empty.
    #[inline(always)]
    pub(crate) fn pooled_frame(&mut self, code: Rc<Code>, globals: ObjId, ret: ReturnTo) -> Box<Frame> {
        if let Some(mut f) = self.frame_pool.pop() {
            f.code = code;
            f.pc = 0;
            f.globals = globals;
            std::mem::replace(&mut f.ret, ret).discard();
            return f;
        }
        Box::new(Frame {
            code,
            pc: 0,
            stack: Vec::with_capacity(8),
            locals: Vec::new(),
            cells: Vec::new(),
            globals,
            ns: None,
            blocks: Vec::new(),
            handled: Vec::new(),
            ret,
            gen: None,
            iter_call: false,
        })
    }

    /// Keeps a finished (non-generator) frame's buffers for the next call.
    #[inline(always)]
    pub(crate) fn recycle_frame(&mut self, mut f: Box<Frame>) {
        if self.frame_pool.len() < 64 {
            f.stack.clear();
            f.locals.clear();
            f.cells.clear();
            f.blocks.clear();
            f.handled.clear();
            f.ns = None;
            f.gen = None;
            f.iter_call = false;
            self.frame_pool.push(f);
        }
    }

    pub(crate) fn new_module(&mut self, name: &str) -> ObjId {
        let m = self.heap.alloc(Obj::Module { name: name.to_string(), attrs: Default::default() });
        let n = self.new_str(name);
        self.module_set(m, "__name__", n);
        m
    }

    pub(crate) fn module_set(&mut self, m: ObjId, name: &str, v: Value) {
        let s = self.names.intern(name);
        if let Obj::Module { attrs, .. } = self.heap.get_mut(m) {
            attrs.set(s, v);
        }
    }

    pub fn new_str(&mut self, s: &str) -> Value {
        Value::Obj(self.heap.alloc(Obj::Str(PyStr::new(s))))
    }

    pub(crate) fn new_tuple(&mut self, items: Vec<Value>) -> Value {
        Value::Obj(self.heap.alloc(Obj::Tuple(items)))
    }

    pub(crate) fn new_list(&mut self, items: Vec<Value>) -> Value {
        Value::Obj(self.heap.alloc(Obj::List(items)))
    }

    /// Runs the collector when enough has been allocated. Roots: every frame (running, suspended in
    /// greenlets and generators is reached through the heap), modules, builtins and pending work.
    pub(crate) fn maybe_gc(&mut self) {
        if self.heap.since_gc < self.gc_threshold
            && self.heap.bytes_since_gc < self.gc_bytes_threshold
            && self.ran_since_gc < GC_EVERY_INSTRUCTIONS
        {
            return;
        }
        let roots = self.gc_roots();
        self.heap.collect(&roots);
        // Collect less often when most of the heap is live.
        self.gc_threshold = (self.heap.live() * 2).max(100_000);
        self.gc_bytes_threshold = self.heap.bytes().max(GC_MIN_BYTES);
        self.ran_since_gc = 0;
    }

    /// What the collector starts from, at an instruction boundary.
    pub(crate) fn gc_roots(&self) -> Vec<Value> {
        let mut roots: Vec<Value> = Vec::new();
        for f in &self.frames {
            f.trace(&mut roots);
        }
        roots.extend(self.modules.values().map(|m| Value::Obj(*m)));
        roots.push(Value::Obj(self.builtins));
        roots.push(Value::Obj(self.main_greenlet));
        roots.push(Value::Obj(self.current_greenlet));
        self.types.trace(&mut roots);
        if let Some(p) = &self.pending {
            p.ret.trace(&mut roots);
            p.kind.trace(&mut roots);
        }
        for (c, r) in &self.cont_queue {
            c.trace(&mut roots);
            let (call::Resume::Value(v) | call::Resume::Exhausted(v) | call::Resume::Error(v)) = r;
            roots.push(*v);
        }
        roots
    }

    #[inline]
    pub(crate) fn str_of(&self, v: Value) -> Option<&str> {
        match v {
            Value::Obj(id) => match self.heap.get(id) {
                Obj::Str(s) => Some(s),
                // An instance of a str subclass is its str.
                Obj::Instance(i) => match i.base {
                    Value::Obj(b) => match self.heap.get(b) {
                        Obj::Str(s) => Some(s),
                        _ => None,
                    },
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        }
    }

    pub(crate) fn sym_name(&self, s: Sym) -> &str {
        self.names.name(s)
    }
}

/// Makes a builtin-style class (used by native modules for their own types, e.g. `_io.TextIOWrapper`).
pub(crate) fn types_new_class(
    vm: &mut Vm,
    name: &str,
    base: ObjId,
    kind: super::value::Kind,
    module: &str,
) -> ObjId {
    let c = types::new_class(&mut vm.heap, &mut vm.names, name, &[base], kind);
    if let Obj::Class(cl) = vm.heap.get_mut(c) {
        cl.module = module.to_string();
    }
    c
}

#[cfg(test)]
mod args_tests {
    use super::{Action, Args, Value};

    #[test]
    fn up_to_four_positional_arguments_stay_inline() {
        let four = [Value::Int(1), Value::None, Value::Bool(true), Value::Float(2.5)];
        let args = Args::new(&four);
        assert!(!args.pos.spilled());
        assert_eq!(&args.pos[..], &four[..]);
        assert!(args.kw.is_empty());
        let mut one = Args::one(Value::Int(7));
        assert_eq!(&one.pos[..], &[Value::Int(7)]);
        // A receiver put in front of three arguments still fits.
        one.pos.extend([Value::None, Value::None]);
        one.pos.insert(0, Value::Int(0));
        assert!(!one.pos.spilled());
        let five = Args::from_vec(vec![Value::None; 5]);
        assert!(five.pos.spilled());
        assert_eq!(five.pos.into_vec(), vec![Value::None; 5]);
    }

    #[test]
    fn inline_arguments_keep_args_and_action_small() {
        // Every native call moves an `Args` and returns an `Action`: growing them costs on every call.
        // On 64-bit: `Args` is 72 (four values inline) + 24 (keywords); `Action::CallThen` adds a callee
        // and a `ContKind`.
        assert!(std::mem::size_of::<Args>() <= 96, "Args is {} bytes", std::mem::size_of::<Args>());
        assert!(std::mem::size_of::<Action>() <= 256, "Action is {} bytes", std::mem::size_of::<Action>());
    }
}
