//! Bytecode: a compact instruction set (8 bytes an instruction) and the code object it lives in.
//! Every instruction carries a source location so tracebacks can point at it.

use super::ast::{BinOp, CmpOp, Span};
use super::value::{Sym, Value};

/// Jump targets and counts are instruction indices and sizes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Op {
    Nop,
    LoadConst(u32),
    LoadFast(u32),
    StoreFast(u32),
    DeleteFast(u32),
    /// Cells: the frame's own captured locals first, then the free variables it closes over.
    LoadDeref(u32),
    StoreDeref(u32),
    DeleteDeref(u32),
    /// Pushes the cell itself (to build a closure).
    LoadClosure(u32),
    LoadGlobal(Sym),
    StoreGlobal(Sym),
    DeleteGlobal(Sym),
    /// Class bodies and module level: the local namespace, then globals, then builtins.
    LoadName(Sym),
    StoreName(Sym),
    DeleteName(Sym),
    LoadAttr(Sym),
    StoreAttr(Sym),
    DeleteAttr(Sym),
    /// `obj.name` for a call: pushes `func, self` (or `callable, NULL-marker`) so no bound method is built.
    LoadMethod(Sym),
    /// Calls what `LoadMethod` left, with `n` more arguments.
    CallMethod(u32),
    Binary(BinOp),
    Inplace(BinOp),
    Compare(CmpOp),
    Not,
    Neg,
    Pos,
    Invert,
    Subscr,
    StoreSubscr,
    DeleteSubscr,
    BuildSlice(u32),
    BuildTuple(u32),
    BuildList(u32),
    BuildSet(u32),
    BuildMap(u32),
    /// Concatenates `n` strings.
    BuildString(u32),
    /// Formats TOS for an f-string: flags 1 = str, 2 = repr, 3 = ascii; 4 = a format spec is on top.
    FormatValue(u32),
    /// Appends TOS to the list `n` deep (comprehensions); `SetAdd` and `MapAdd` likewise.
    ListAppend(u32),
    SetAdd(u32),
    MapAdd(u32),
    /// `[*a]`: extends the list under TOS with the iterable TOS.
    ListExtend,
    SetUpdate,
    /// `{**a}`: merges the mapping TOS into the dict under it.
    DictUpdate,
    ListToTuple,
    /// Positional call with `n` arguments.
    Call(u32),
    /// Call with `n` arguments, the last `k` of which are keywords named by the tuple constant `names`.
    CallKw {
        n: u32,
        names: u32,
    },
    /// `f(*args, **kwargs)`: TOS is the kwargs dict (or None), TOS1 the args tuple.
    CallEx,
    /// Builds a function from the code constant; flags: 1 defaults tuple, 2 kwdefaults dict, 8 closure tuple.
    MakeFunction {
        code: u32,
        flags: u32,
    },
    /// Pushes the native that runs a class body and builds the class.
    LoadBuildClass,
    Jump(u32),
    PopJumpIfFalse(u32),
    PopJumpIfTrue(u32),
    JumpIfFalseOrPop(u32),
    JumpIfTrueOrPop(u32),
    GetIter,
    /// Pushes the next item of the iterator on TOS, or pops it and jumps when exhausted.
    ForIter(u32),
    Pop,
    Dup,
    Dup2,
    Rot2,
    Rot3,
    Rot4,
    Return,
    Yield,
    GetYieldFromIter,
    /// TOS is the value to send into the sub-iterator TOS1: pushes what it yields, or replaces both with
    /// its return value and jumps.
    Send(u32),
    /// Installs an exception handler at the target for the code that follows.
    SetupExcept(u32),
    /// Like `SetupExcept`; the handler re-raises at its end.
    SetupFinally(u32),
    PopBlock,
    /// Leaves an `except` body: the exception is no longer being handled.
    PopExcept,
    /// Pops the exception on TOS and raises it again, keeping its traceback.
    Reraise,
    /// `raise` (0), `raise x` (1), `raise x from y` (2).
    Raise(u32),
    /// TOS is an exception class or tuple, TOS1 the exception: replaces TOS with a bool.
    CheckExcMatch,
    /// With TOS an exception and TOS1 the `__exit__` callable: pushes `__exit__, type, exc, tb` ready to call.
    WithExceptStart,
    /// Pushes `__exit__` (bound) under the result of calling `__enter__` on TOS.
    BeforeWith,
    UnpackSequence(u32),
    /// Starred unpacking: `before` targets, a list, `after` targets.
    UnpackEx {
        before: u32,
        after: u32,
    },
    ImportName(Sym),
    ImportFrom(Sym),
    ImportStar,
    LoadAssertionError,
}

/// Where an instruction stands in the source. `anchor` marks the operator of a binary operation or the
/// brackets of a subscript, for CPython 3.11's `~~~^~~~` markers: (kind, left end column, right column).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Loc {
    pub span: Span,
    pub anchor: Option<(AnchorKind, u32, u32)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnchorKind {
    /// (left operand end col, right operand start col).
    BinOp,
    /// (value end col, slice end col).
    Subscript,
}

/// What a code object is the body of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeKind {
    Module,
    Class,
    Function,
    Generator,
}

/// Names a code object within one VM: its index in the VM's table of compiled code (in compile order,
/// so the same program gives the same ids). Trace events carry it instead of the code's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CodeId(pub u32);

/// A compiled body: a module, a class body, a function or a lambda.
#[derive(Clone, Debug)]
pub struct Code {
    pub id: CodeId,
    pub name: String,
    pub qualname: std::rc::Rc<str>,
    pub filename: std::rc::Rc<str>,
    pub kind: CodeKind,
    pub ops: Vec<Op>,
    pub locs: Vec<Loc>,
    /// Constants, already heap values (strings, code objects) allocated by the compiler.
    pub consts: Vec<Value>,
    /// Fast locals: parameters first.
    pub varnames: Vec<Sym>,
    /// Locals captured by inner functions (cells this frame creates).
    pub cellvars: Vec<Sym>,
    /// Variables this code closes over (cells it receives).
    pub freevars: Vec<Sym>,
    /// For parameters that are also cells: (parameter index, cell index).
    pub cell_params: Vec<(u32, u32)>,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub has_varargs: bool,
    pub has_varkw: bool,
    pub first_line: u32,
    /// `Some(argcount)` when a call with exactly that many positional arguments needs no binding: a
    /// plain function (not a generator or class body) with no `*args`, `**kwargs`, keyword-only
    /// parameters or cells of its own, whose arguments go straight into its first locals.
    pub plain_argc: Option<u32>,
    /// The docstring (`__doc__`) of a function.
    pub doc: Option<std::rc::Rc<str>>,
}

impl Code {
    pub fn line_of(&self, pc: usize) -> u32 {
        self.locs.get(pc).map(|l| l.span.line).unwrap_or(self.first_line)
    }
}

impl Code {
    /// A listing of the instructions, one per line, for debugging and tests.
    pub fn disassemble(&self) -> String {
        let mut out = format!("code {} ({:?})\n", self.qualname, self.kind);
        for (i, op) in self.ops.iter().enumerate() {
            out.push_str(&format!("{:4} L{:<4} {:?}\n", i, self.locs[i].span.line, op));
        }
        out
    }
}
