//! AST → bytecode. One [`Unit`] per code object being built; a stack of them mirrors the nesting of
//! functions, classes and comprehensions, which is also how free variables are resolved.

use std::collections::BTreeSet;
use std::rc::Rc;

use super::ast::*;
use super::bytecode::{AnchorKind, Code, CodeId, CodeKind, Loc, Op};
use super::heap::Heap;
use super::scope::{analyze, analyze_expr, arg_names, ScopeInfo};
use super::value::{Interner, Obj, PyStr, Sym, Value};

/// A compile error the parser cannot see (e.g. `return` outside a function): CPython's SyntaxError text.
#[derive(Debug, Clone)]
pub struct CompileError {
    pub msg: String,
    pub span: Span,
}

type CResult<T = ()> = Result<T, CompileError>;

/// Compiles a module. String constants and nested code objects are allocated on `heap`; every code
/// object made is appended to `codes`, at the index its [`CodeId`] names.
pub fn compile_module(
    module: &Module,
    filename: &str,
    heap: &mut Heap,
    names: &mut Interner,
    codes: &mut Vec<Rc<Code>>,
) -> Result<Rc<Code>, CompileError> {
    let mut c = Compiler { heap, names, codes, filename: Rc::from(filename), units: Vec::new() };
    let info = analyze(&[], &module.body);
    c.push_unit("<module>", "<module>", CodeKind::Module, info, 1);
    match docstring(&module.body) {
        Some(d) => c.load_str(d),
        None => c.load_const(Value::None),
    }
    let doc = c.sym("__doc__");
    c.emit(Op::StoreGlobal(doc));
    c.setup_annotations(&module.body);
    for st in &module.body {
        c.stmt(st)?;
    }
    c.load_const(Value::None);
    c.emit(Op::Return);
    Ok(c.pop_unit())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    Fast(u32),
    Deref(u32),
    Global,
    /// Class body or module: the namespace by name.
    Name,
}

/// What `break`, `continue` and `return` must undo on their way out.
#[derive(Clone)]
enum FBlock {
    While {
        start: usize,
        breaks: Vec<usize>,
    },
    For {
        start: usize,
        breaks: Vec<usize>,
    },
    /// A `try` with a `finally`: its body is inlined on the way out.
    Finally(Vec<Stmt>),
    /// Inside a `finally` run for an exception: the exception sits on the stack.
    FinallyHandler,
    With,
    /// Inside an `except` body.
    Handler,
}

struct Unit {
    name: String,
    qualname: String,
    kind: CodeKind,
    ops: Vec<Op>,
    locs: Vec<Loc>,
    consts: Vec<Value>,
    varnames: Vec<Sym>,
    cellvars: Vec<Sym>,
    freevars: Vec<Sym>,
    info: ScopeInfo,
    fblocks: Vec<FBlock>,
    loc: Loc,
    first_line: u32,
    argcount: u32,
    posonly: u32,
    kwonly: u32,
    varargs: bool,
    varkw: bool,
    doc: Option<Rc<str>>,
}

/// The docstring of a body: its first statement, when that is a string literal.
fn docstring(body: &[Stmt]) -> Option<&str> {
    match body.first().map(|s| &s.kind) {
        Some(StmtKind::Expr(Expr { kind: ExprKind::Constant(Constant::Str(s)), .. })) => Some(s),
        _ => None,
    }
}

struct Compiler<'a> {
    heap: &'a mut Heap,
    names: &'a mut Interner,
    /// The VM's table of code objects (see [`compile_module`]).
    codes: &'a mut Vec<Rc<Code>>,
    filename: Rc<str>,
    units: Vec<Unit>,
}

fn err<T>(msg: &str, span: Span) -> CResult<T> {
    Err(CompileError { msg: msg.to_string(), span })
}

impl<'a> Compiler<'a> {
    fn u(&mut self) -> &mut Unit {
        self.units.last_mut().expect("a unit")
    }

    fn push_unit(&mut self, name: &str, qualname: &str, kind: CodeKind, info: ScopeInfo, line: u32) {
        let mut unit = Unit {
            name: name.to_string(),
            qualname: qualname.to_string(),
            kind,
            ops: Vec::new(),
            locs: Vec::new(),
            consts: Vec::new(),
            varnames: Vec::new(),
            cellvars: Vec::new(),
            freevars: Vec::new(),
            info,
            fblocks: Vec::new(),
            loc: Loc { span: Span::new(line, 0, line, 0), anchor: None },
            first_line: line,
            argcount: 0,
            posonly: 0,
            kwonly: 0,
            varargs: false,
            varkw: false,
            doc: None,
        };
        let is_fn = matches!(kind, CodeKind::Function | CodeKind::Generator);
        if is_fn {
            // Locals are the bound names; cells the locals nested scopes need; free the names an
            // enclosing function binds (or passes through).
            for b in unit.info.bound.clone() {
                if unit.info.is_local(&b) {
                    let s = self.names.intern(&b);
                    unit.varnames.push(s);
                }
            }
            for n in unit.info.child_free.clone() {
                if unit.info.is_local(&n) {
                    let s = self.names.intern(&n);
                    unit.cellvars.push(s);
                }
            }
        }
        let mut wanted: BTreeSet<String> = unit.info.free_names();
        if kind == CodeKind::Class {
            wanted = unit.info.child_free.clone();
            wanted.extend(unit.info.uses.iter().cloned());
        }
        for n in wanted {
            if is_fn && unit.info.is_local(&n) {
                continue;
            }
            if self.enclosing_binds(&n) {
                let s = self.names.intern(&n);
                unit.freevars.push(s);
            }
        }
        if kind == CodeKind::Class && unit.info.uses_super {
            let s = self.names.intern("__class__");
            unit.cellvars.push(s);
        }
        if is_fn && unit.info.uses.contains("super") {
            if let Some(parent) = self.units.last() {
                if parent.kind == CodeKind::Class {
                    let s = self.names.intern("__class__");
                    unit.freevars.push(s);
                }
            }
        }
        self.units.push(unit);
    }

    /// Does an enclosing function scope (not a class, not the module) have `name` as a local or free variable?
    fn enclosing_binds(&self, name: &str) -> bool {
        for u in self.units.iter().rev() {
            match u.kind {
                CodeKind::Function | CodeKind::Generator => {
                    if u.info.is_local(name) || u.freevars.iter().any(|&f| self.names.name(f) == name) {
                        return true;
                    }
                    if u.info.globals.contains(name) {
                        return false;
                    }
                }
                CodeKind::Class => {}
                CodeKind::Module => return false,
            }
        }
        false
    }

    /// Finishes the innermost unit: its code object, registered in the table under the next id.
    fn pop_unit(&mut self) -> Rc<Code> {
        let u = self.units.pop().expect("a unit");
        let mut cell_params = Vec::new();
        let nparams = u.argcount + u.kwonly + u.varargs as u32 + u.varkw as u32;
        for (ci, c) in u.cellvars.iter().enumerate() {
            if let Some(pi) = u.varnames.iter().position(|v| v == c) {
                if (pi as u32) < nparams {
                    cell_params.push((pi as u32, ci as u32));
                }
            }
        }
        let plain = u.kind == CodeKind::Function && !u.varargs && !u.varkw && u.kwonly == 0;
        let plain_argc = (plain && u.cellvars.is_empty()).then_some(u.argcount);
        let code = Rc::new(Code {
            id: CodeId(self.codes.len() as u32),
            name: u.name,
            qualname: Rc::from(u.qualname.as_str()),
            filename: self.filename.clone(),
            kind: u.kind,
            ops: u.ops,
            locs: u.locs,
            consts: u.consts,
            varnames: u.varnames,
            cellvars: u.cellvars,
            freevars: u.freevars,
            cell_params,
            argcount: u.argcount,
            posonlyargcount: u.posonly,
            kwonlyargcount: u.kwonly,
            has_varargs: u.varargs,
            has_varkw: u.varkw,
            first_line: u.first_line,
            plain_argc,
            doc: u.doc,
        });
        self.codes.push(code.clone());
        code
    }

    fn emit(&mut self, op: Op) -> usize {
        let u = self.u();
        u.ops.push(op);
        u.locs.push(u.loc);
        u.ops.len() - 1
    }

    fn here(&mut self) -> usize {
        self.u().ops.len()
    }

    /// Points the jump at `at` to the current position.
    fn patch(&mut self, at: usize) {
        let target = self.here() as u32;
        self.patch_to(at, target);
    }

    fn patch_to(&mut self, at: usize, target: u32) {
        let op = &mut self.u().ops[at];
        *op = match *op {
            Op::Jump(_) => Op::Jump(target),
            Op::PopJumpIfFalse(_) => Op::PopJumpIfFalse(target),
            Op::PopJumpIfTrue(_) => Op::PopJumpIfTrue(target),
            Op::JumpIfFalseOrPop(_) => Op::JumpIfFalseOrPop(target),
            Op::JumpIfTrueOrPop(_) => Op::JumpIfTrueOrPop(target),
            Op::ForIter(_) => Op::ForIter(target),
            Op::Send(_) => Op::Send(target),
            Op::SetupExcept(_) => Op::SetupExcept(target),
            Op::SetupFinally(_) => Op::SetupFinally(target),
            other => panic!("patching a non-jump {other:?}"),
        };
    }

    fn set_loc(&mut self, span: Span) -> Loc {
        let old = self.u().loc;
        self.u().loc = Loc { span, anchor: None };
        old
    }

    fn add_const(&mut self, v: Value) -> u32 {
        let u = self.u();
        if let Some(i) = u.consts.iter().position(|c| same_const(*c, v)) {
            return i as u32;
        }
        u.consts.push(v);
        u.consts.len() as u32 - 1
    }

    fn load_const(&mut self, v: Value) {
        let i = self.add_const(v);
        self.emit(Op::LoadConst(i));
    }

    fn str_value(&mut self, s: &str) -> Value {
        // Equal string constants within a unit share one object.
        let heap = &*self.heap;
        let unit = self.units.last().expect("a unit");
        let existing = unit.consts.iter().copied().find(|c| match c {
            Value::Obj(id) => matches!(heap.get(*id), Obj::Str(x) if &**x == s),
            _ => false,
        });
        match existing {
            Some(v) => v,
            None => Value::Obj(self.heap.alloc(Obj::Str(PyStr::new(s)))),
        }
    }

    fn load_str(&mut self, s: &str) {
        let v = self.str_value(s);
        self.load_const(v);
    }

    fn constant(&mut self, c: &Constant) {
        let v = match c {
            Constant::None => Value::None,
            Constant::Bool(b) => Value::Bool(*b),
            Constant::Int(i) => match i64::try_from(i) {
                Ok(n) => Value::Int(n),
                Err(_) => Value::Obj(self.heap.alloc(Obj::BigInt(i.clone()))),
            },
            Constant::Float(f) => Value::Float(*f),
            Constant::Str(s) => self.str_value(s),
            Constant::Bytes(b) => Value::Obj(self.heap.alloc(Obj::Bytes(b.clone()))),
            Constant::Ellipsis => Value::Obj(self.heap.ellipsis()),
        };
        self.load_const(v);
    }

    fn sym(&mut self, s: &str) -> Sym {
        self.names.intern(s)
    }

    fn scope_of(&mut self, name: &str) -> Scope {
        let s = self.names.intern(name);
        let u = self.units.last().expect("a unit");
        match u.kind {
            CodeKind::Module => Scope::Global,
            CodeKind::Class => {
                if u.info.globals.contains(name) {
                    Scope::Global
                } else if !u.info.is_local(name) {
                    match u.freevars.iter().position(|&f| f == s) {
                        Some(i) => Scope::Deref((u.cellvars.len() + i) as u32),
                        None => Scope::Name,
                    }
                } else {
                    Scope::Name
                }
            }
            CodeKind::Function | CodeKind::Generator => {
                if u.info.globals.contains(name) {
                    return Scope::Global;
                }
                if let Some(i) = u.cellvars.iter().position(|&c| c == s) {
                    return Scope::Deref(i as u32);
                }
                if let Some(i) = u.freevars.iter().position(|&f| f == s) {
                    return Scope::Deref((u.cellvars.len() + i) as u32);
                }
                if let Some(i) = u.varnames.iter().position(|&v| v == s) {
                    return Scope::Fast(i as u32);
                }
                Scope::Global
            }
        }
    }

    fn load_name(&mut self, name: &str) {
        let s = self.sym(name);
        let op = match self.scope_of(name) {
            Scope::Fast(i) => Op::LoadFast(i),
            Scope::Deref(i) => Op::LoadDeref(i),
            Scope::Global => Op::LoadGlobal(s),
            Scope::Name => Op::LoadName(s),
        };
        self.emit(op);
    }

    fn store_name(&mut self, name: &str) {
        let s = self.sym(name);
        let op = match self.scope_of(name) {
            Scope::Fast(i) => Op::StoreFast(i),
            Scope::Deref(i) => Op::StoreDeref(i),
            Scope::Global => Op::StoreGlobal(s),
            Scope::Name => Op::StoreName(s),
        };
        self.emit(op);
    }

    fn delete_name(&mut self, name: &str) {
        let s = self.sym(name);
        let op = match self.scope_of(name) {
            Scope::Fast(i) => Op::DeleteFast(i),
            Scope::Deref(i) => Op::DeleteDeref(i),
            Scope::Global => Op::DeleteGlobal(s),
            Scope::Name => Op::DeleteName(s),
        };
        self.emit(op);
    }

    // ---- statements ----

    fn body(&mut self, stmts: &[Stmt]) -> CResult {
        for s in stmts {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, st: &Stmt) -> CResult {
        self.set_loc(st.span);
        match &st.kind {
            StmtKind::Expr(e) => {
                self.expr(e)?;
                self.emit(Op::Pop);
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.emit(Op::Dup);
                    }
                    self.store(t)?;
                }
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value, st.span)?,
            StmtKind::AnnAssign { target, annotation, value } => {
                if let Some(v) = value {
                    self.expr(v)?;
                    self.store(target)?;
                }
                if matches!(self.u().kind, CodeKind::Module | CodeKind::Class) {
                    self.expr(annotation)?;
                    // A name's annotation goes into `__annotations__` (dataclasses read it).
                    if let ExprKind::Name(name) = &target.kind {
                        self.load_name("__annotations__");
                        self.load_str(name);
                        self.emit(Op::StoreSubscr);
                    } else {
                        self.emit(Op::Pop);
                    }
                }
            }
            StmtKind::If { test, body, orelse } => {
                self.expr(test)?;
                let jf = self.emit(Op::PopJumpIfFalse(0));
                self.body(body)?;
                if orelse.is_empty() {
                    self.patch(jf);
                } else {
                    let je = self.emit(Op::Jump(0));
                    self.patch(jf);
                    self.body(orelse)?;
                    self.patch(je);
                }
            }
            StmtKind::While { test, body, orelse } => {
                let start = self.here();
                self.set_loc(test.span);
                self.expr(test)?;
                let jf = self.emit(Op::PopJumpIfFalse(0));
                self.u().fblocks.push(FBlock::While { start, breaks: Vec::new() });
                self.body(body)?;
                self.emit(Op::Jump(start as u32));
                let Some(FBlock::While { breaks, .. }) = self.u().fblocks.pop() else { unreachable!() };
                self.patch(jf);
                self.body(orelse)?;
                for b in breaks {
                    self.patch(b);
                }
            }
            StmtKind::For { target, iter, body, orelse } => {
                self.expr(iter)?;
                self.emit(Op::GetIter);
                let start = self.here();
                self.set_loc(st.span);
                let fi = self.emit(Op::ForIter(0));
                self.store(target)?;
                self.u().fblocks.push(FBlock::For { start, breaks: Vec::new() });
                self.body(body)?;
                self.emit(Op::Jump(start as u32));
                let Some(FBlock::For { breaks, .. }) = self.u().fblocks.pop() else { unreachable!() };
                self.patch(fi);
                self.body(orelse)?;
                for b in breaks {
                    self.patch(b);
                }
            }
            StmtKind::Break => self.break_continue(true, st.span)?,
            StmtKind::Continue => self.break_continue(false, st.span)?,
            StmtKind::Pass => {}
            StmtKind::FunctionDef(f) => self.function_def(f, st.span)?,
            StmtKind::ClassDef(c) => self.class_def(c, st.span)?,
            StmtKind::Return(v) => {
                if !matches!(self.u().kind, CodeKind::Function | CodeKind::Generator) {
                    return err("'return' outside function", st.span);
                }
                match v {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Value::None),
                }
                self.unwind_all_for_return()?;
                self.emit(Op::Return);
            }
            StmtKind::Global(_) | StmtKind::Nonlocal(_) => {}
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                if finalbody.is_empty() {
                    self.try_except(body, handlers, orelse)?;
                } else {
                    self.try_finally(body, handlers, orelse, finalbody)?;
                }
            }
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(e) = exc {
                    self.expr(e)?;
                    n = 1;
                    if let Some(c) = cause {
                        self.expr(c)?;
                        n = 2;
                    }
                }
                self.set_loc(st.span);
                self.emit(Op::Raise(n));
            }
            StmtKind::With { items, body } => self.with(items, body, st.span)?,
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                let j = self.emit(Op::PopJumpIfTrue(0));
                // CPython points a failed assert at its test.
                self.set_loc(test.span);
                self.emit(Op::LoadAssertionError);
                if let Some(m) = msg {
                    self.expr(m)?;
                    self.set_loc(test.span);
                    self.emit(Op::Call(1));
                }
                self.emit(Op::Raise(1));
                self.patch(j);
            }
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.delete(t)?;
                }
            }
            StmtKind::Import(aliases) => {
                for a in aliases {
                    let full = self.sym(&a.name);
                    self.emit(Op::ImportName(full));
                    match &a.asname {
                        Some(as_) => self.store_name(as_),
                        None => {
                            let top = a.name.split('.').next().unwrap_or(&a.name).to_string();
                            if top != a.name {
                                self.emit(Op::Pop);
                                let t = self.sym(&top);
                                self.emit(Op::ImportName(t));
                            }
                            self.store_name(&top);
                        }
                    }
                }
            }
            StmtKind::ImportFrom { module, names, level } => {
                if *level > 0 {
                    return err("attempted relative import with no known parent package", st.span);
                }
                let m = self.sym(module);
                self.emit(Op::ImportName(m));
                for a in names {
                    if a.name == "*" {
                        self.emit(Op::ImportStar);
                        return Ok(());
                    }
                    let n = self.sym(&a.name);
                    self.emit(Op::ImportFrom(n));
                    self.store_name(a.asname.as_ref().unwrap_or(&a.name));
                }
                self.emit(Op::Pop);
            }
        }
        Ok(())
    }

    fn aug_assign(&mut self, target: &Expr, op: BinOp, value: &Expr, span: Span) -> CResult {
        match &target.kind {
            ExprKind::Name(n) => {
                self.load_name(n);
                self.expr(value)?;
                self.set_loc(span); // CPython draws no operator markers for augmented assignment
                self.emit(Op::Inplace(op));
                self.store_name(n);
            }
            ExprKind::Attribute { value: obj, attr } => {
                self.expr(obj)?;
                self.emit(Op::Dup);
                let a = self.sym(attr);
                self.set_loc(target.span);
                self.emit(Op::LoadAttr(a));
                self.expr(value)?;
                self.set_loc(span); // CPython draws no operator markers for augmented assignment
                self.emit(Op::Inplace(op));
                self.emit(Op::Rot2);
                self.emit(Op::StoreAttr(a));
            }
            ExprKind::Subscript { value: obj, slice } => {
                self.expr(obj)?;
                self.expr(slice)?;
                self.emit(Op::Dup2);
                self.set_loc(target.span);
                self.emit(Op::Subscr);
                self.expr(value)?;
                self.set_loc(span); // CPython draws no operator markers for augmented assignment
                self.emit(Op::Inplace(op));
                self.emit(Op::Rot3);
                self.emit(Op::StoreSubscr);
            }
            _ => return err("'expression' is an illegal expression for augmented assignment", target.span),
        }
        Ok(())
    }

    fn set_anchor(&mut self, span: Span, left: Span, right: Span) {
        self.u().loc = Loc { span, anchor: Some((AnchorKind::BinOp, left.end_col, right.col)) };
        if left.end_line != right.line {
            self.u().loc.anchor = None;
        }
    }

    fn store(&mut self, t: &Expr) -> CResult {
        match &t.kind {
            ExprKind::Name(n) => self.store_name(n),
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let a = self.sym(attr);
                self.set_loc(t.span);
                self.emit(Op::StoreAttr(a));
            }
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.set_loc(t.span);
                self.emit(Op::StoreSubscr);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                self.set_loc(t.span);
                let star = items.iter().position(|i| matches!(i.kind, ExprKind::Starred(_)));
                match star {
                    None => {
                        self.emit(Op::UnpackSequence(items.len() as u32));
                    }
                    Some(p) => {
                        let after = (items.len() - p - 1) as u32;
                        self.emit(Op::UnpackEx { before: p as u32, after });
                    }
                }
                for i in items {
                    match &i.kind {
                        ExprKind::Starred(inner) => self.store(inner)?,
                        _ => self.store(i)?,
                    }
                }
            }
            ExprKind::Starred(_) => {
                return err("starred assignment target must be in a list or tuple", t.span)
            }
            _ => return err("cannot assign to expression", t.span),
        }
        Ok(())
    }

    fn delete(&mut self, t: &Expr) -> CResult {
        match &t.kind {
            ExprKind::Name(n) => self.delete_name(n),
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let a = self.sym(attr);
                self.set_loc(t.span);
                self.emit(Op::DeleteAttr(a));
            }
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.set_loc(t.span);
                self.emit(Op::DeleteSubscr);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.delete(i)?;
                }
            }
            _ => return err("cannot delete expression", t.span),
        }
        Ok(())
    }

    /// Emits what leaving the fblock at `idx` requires; `has_value` means a return value is on top.
    fn unwind_fblock(&mut self, idx: usize, has_value: bool) -> CResult {
        let fb = self.u().fblocks[idx].clone();
        match fb {
            FBlock::While { .. } => {}
            FBlock::For { .. } => {
                if has_value {
                    self.emit(Op::Rot2);
                }
                self.emit(Op::Pop);
            }
            FBlock::Finally(body) => {
                self.emit(Op::PopBlock);
                // The finally body runs outside its own block (a `break` in it must not re-run it).
                let saved = self.u().fblocks.split_off(idx);
                self.body(&body)?;
                self.u().fblocks.extend(saved);
            }
            FBlock::FinallyHandler => {
                if has_value {
                    self.emit(Op::Rot2);
                }
                self.emit(Op::Pop);
                self.emit(Op::PopExcept);
            }
            FBlock::With => {
                self.emit(Op::PopBlock);
                if has_value {
                    self.emit(Op::Rot2);
                }
                self.load_const(Value::None);
                self.emit(Op::Dup);
                self.emit(Op::Dup);
                self.emit(Op::Call(3));
                self.emit(Op::Pop);
            }
            FBlock::Handler => {
                self.emit(Op::PopExcept);
            }
        }
        Ok(())
    }

    fn unwind_all_for_return(&mut self) -> CResult {
        let n = self.u().fblocks.len();
        for idx in (0..n).rev() {
            self.unwind_fblock(idx, true)?;
        }
        Ok(())
    }

    fn break_continue(&mut self, is_break: bool, span: Span) -> CResult {
        let n = self.u().fblocks.len();
        let Some(lp) =
            (0..n).rev().find(|&i| matches!(self.u().fblocks[i], FBlock::While { .. } | FBlock::For { .. }))
        else {
            let msg = if is_break { "'break' outside loop" } else { "'continue' not properly in loop" };
            return err(msg, span);
        };
        for idx in (lp + 1..n).rev() {
            self.unwind_fblock(idx, false)?;
        }
        if is_break {
            self.unwind_fblock(lp, false)?;
            let j = self.emit(Op::Jump(0));
            match &mut self.u().fblocks[lp] {
                FBlock::While { breaks, .. } | FBlock::For { breaks, .. } => breaks.push(j),
                _ => unreachable!(),
            }
        } else {
            let start = match &self.u().fblocks[lp] {
                FBlock::While { start, .. } | FBlock::For { start, .. } => *start,
                _ => unreachable!(),
            };
            self.emit(Op::Jump(start as u32));
        }
        Ok(())
    }

    fn try_except(&mut self, body: &[Stmt], handlers: &[ExceptHandler], orelse: &[Stmt]) -> CResult {
        let setup = self.emit(Op::SetupExcept(0));
        self.body(body)?;
        self.emit(Op::PopBlock);
        self.body(orelse)?;
        let mut ends = vec![self.emit(Op::Jump(0))];
        self.patch(setup);
        for h in handlers {
            self.set_loc(h.span);
            let mut next = None;
            if let Some(t) = &h.typ {
                self.expr(t)?;
                self.set_loc(h.span);
                self.emit(Op::CheckExcMatch);
                next = Some(self.emit(Op::PopJumpIfFalse(0)));
            }
            match &h.name {
                Some(n) => self.store_name(n),
                None => {
                    self.emit(Op::Pop);
                }
            }
            self.u().fblocks.push(FBlock::Handler);
            self.body(&h.body)?;
            self.u().fblocks.pop();
            self.emit(Op::PopExcept);
            if let Some(n) = &h.name {
                self.load_const(Value::None);
                self.store_name(n);
                self.delete_name(n);
            }
            ends.push(self.emit(Op::Jump(0)));
            if let Some(nx) = next {
                self.patch(nx);
            }
        }
        self.emit(Op::Reraise);
        for e in ends {
            self.patch(e);
        }
        Ok(())
    }

    fn try_finally(
        &mut self,
        body: &[Stmt],
        handlers: &[ExceptHandler],
        orelse: &[Stmt],
        finalbody: &[Stmt],
    ) -> CResult {
        let setup = self.emit(Op::SetupFinally(0));
        self.u().fblocks.push(FBlock::Finally(finalbody.to_vec()));
        if handlers.is_empty() {
            self.body(body)?;
        } else {
            self.try_except(body, handlers, orelse)?;
        }
        self.u().fblocks.pop();
        self.emit(Op::PopBlock);
        self.body(finalbody)?;
        let end = self.emit(Op::Jump(0));
        self.patch(setup);
        self.u().fblocks.push(FBlock::FinallyHandler);
        self.body(finalbody)?;
        self.u().fblocks.pop();
        self.emit(Op::Reraise);
        self.patch(end);
        Ok(())
    }

    fn with(&mut self, items: &[WithItem], body: &[Stmt], span: Span) -> CResult {
        let Some((item, rest)) = items.split_first() else {
            return self.body(body);
        };
        self.expr(&item.context)?;
        self.set_loc(item.context.span);
        self.emit(Op::BeforeWith);
        let setup = self.emit(Op::SetupFinally(0));
        match &item.target {
            Some(t) => self.store(t)?,
            None => {
                self.emit(Op::Pop);
            }
        }
        self.u().fblocks.push(FBlock::With);
        self.with(rest, body, span)?;
        self.u().fblocks.pop();
        self.set_loc(span);
        self.emit(Op::PopBlock);
        self.load_const(Value::None);
        self.emit(Op::Dup);
        self.emit(Op::Dup);
        self.emit(Op::Call(3));
        self.emit(Op::Pop);
        let end = self.emit(Op::Jump(0));
        self.patch(setup);
        self.emit(Op::WithExceptStart);
        self.emit(Op::Call(3));
        let swallow = self.emit(Op::PopJumpIfTrue(0));
        self.emit(Op::Reraise);
        self.patch(swallow);
        self.emit(Op::Pop);
        self.emit(Op::PopExcept);
        self.emit(Op::Pop);
        self.patch(end);
        Ok(())
    }

    /// Pushes defaults and kw-defaults for a function being made; returns the MakeFunction flags.
    fn defaults(&mut self, args: &Arguments) -> CResult<u32> {
        let mut flags = 0;
        if !args.defaults.is_empty() {
            for d in &args.defaults {
                self.expr(d)?;
            }
            self.emit(Op::BuildTuple(args.defaults.len() as u32));
            flags |= 1;
        }
        let kw: Vec<(&Arg, &Expr)> = args
            .kwonlyargs
            .iter()
            .zip(args.kw_defaults.iter())
            .filter_map(|(a, d)| d.as_ref().map(|d| (a, d)))
            .collect();
        if !kw.is_empty() {
            for (a, d) in &kw {
                self.load_str(&a.name);
                self.expr(d)?;
            }
            self.emit(Op::BuildMap(kw.len() as u32));
            flags |= 2;
        }
        Ok(flags)
    }

    fn qualname(&self, name: &str) -> String {
        match self.units.last() {
            Some(u) if u.kind != CodeKind::Module => {
                if matches!(u.kind, CodeKind::Function | CodeKind::Generator) {
                    format!("{}.<locals>.{}", u.qualname, name)
                } else {
                    format!("{}.{}", u.qualname, name)
                }
            }
            _ => name.to_string(),
        }
    }

    fn set_params(&mut self, args: &Arguments) {
        let u = self.u();
        u.argcount = (args.posonlyargs.len() + args.args.len()) as u32;
        u.posonly = args.posonlyargs.len() as u32;
        u.kwonly = args.kwonlyargs.len() as u32;
        u.varargs = args.vararg.is_some();
        u.varkw = args.kwarg.is_some();
    }

    /// Pushes a function object made from `code` (with its closure).
    fn make_function(&mut self, code: Rc<Code>, flags: u32) {
        let mut flags = flags;
        if !code.freevars.is_empty() {
            for &fv in &code.freevars {
                let name = self.names.name(fv).to_string();
                let u = self.units.last().expect("a unit");
                let idx = match u.cellvars.iter().position(|&c| c == fv) {
                    Some(i) => i,
                    None => {
                        u.cellvars.len()
                            + u.freevars.iter().position(|&f| f == fv).unwrap_or_else(|| {
                                panic!("free variable {name} not found in the enclosing scope")
                            })
                    }
                };
                self.emit(Op::LoadClosure(idx as u32));
            }
            self.emit(Op::BuildTuple(code.freevars.len() as u32));
            flags |= 8;
        }
        let c = Value::Obj(self.heap.alloc(Obj::Code(code)));
        let ci = self.add_const(c);
        self.emit(Op::MakeFunction { code: ci, flags });
    }

    fn function_def(&mut self, f: &FunctionDef, span: Span) -> CResult {
        for d in &f.decorators {
            self.expr(d)?;
        }
        self.set_loc(span);
        let flags = self.defaults(&f.args)?;
        let info = analyze(&arg_names(&f.args), &f.body);
        let kind = if info.has_yield { CodeKind::Generator } else { CodeKind::Function };
        let qn = self.qualname(&f.name);
        self.push_unit(&f.name, &qn, kind, info, span.line);
        self.u().doc = docstring(&f.body).map(Rc::from);
        self.set_params(&f.args);
        self.body(&f.body)?;
        self.load_const(Value::None);
        self.emit(Op::Return);
        let code = self.pop_unit();
        self.set_loc(span);
        self.make_function(code, flags);
        for _ in &f.decorators {
            self.emit(Op::Call(1));
        }
        self.store_name(&f.name);
        Ok(())
    }

    /// CPython's SETUP_ANNOTATIONS: a module or class body that annotates a name (at any depth of its
    /// own statements) starts with an empty `__annotations__` dict.
    fn setup_annotations(&mut self, body: &[Stmt]) {
        fn annotates(stmts: &[Stmt]) -> bool {
            stmts.iter().any(|st| match &st.kind {
                StmtKind::AnnAssign { target, .. } => matches!(target.kind, ExprKind::Name(_)),
                StmtKind::If { body, orelse, .. }
                | StmtKind::While { body, orelse, .. }
                | StmtKind::For { body, orelse, .. } => annotates(body) || annotates(orelse),
                StmtKind::With { body, .. } => annotates(body),
                StmtKind::Try { body, handlers, orelse, finalbody } => {
                    annotates(body)
                        || handlers.iter().any(|h| annotates(&h.body))
                        || annotates(orelse)
                        || annotates(finalbody)
                }
                _ => false,
            })
        }
        if annotates(body) {
            self.emit(Op::BuildMap(0));
            self.store_name("__annotations__");
        }
    }

    fn class_def(&mut self, c: &ClassDef, span: Span) -> CResult {
        for d in &c.decorators {
            self.expr(d)?;
        }
        self.set_loc(span);
        self.emit(Op::LoadBuildClass);
        let info = analyze(&[], &c.body);
        let qn = self.qualname(&c.name);
        self.push_unit(&c.name, &qn, CodeKind::Class, info, span.line);
        if let Some(d) = docstring(&c.body) {
            self.load_str(d);
            self.store_name("__doc__");
        }
        self.setup_annotations(&c.body);
        self.body(&c.body)?;
        let class_cell = self.sym("__class__");
        match self.u().cellvars.iter().position(|&s| s == class_cell) {
            Some(i) => {
                self.emit(Op::LoadClosure(i as u32));
            }
            None => self.load_const(Value::None),
        }
        self.emit(Op::Return);
        let code = self.pop_unit();
        self.set_loc(span);
        self.make_function(code, 0);
        self.load_str(&c.name);
        for b in &c.bases {
            self.expr(b)?;
        }
        let mut names = Vec::new();
        for k in &c.keywords {
            if let Some(a) = &k.arg {
                self.expr(&k.value)?;
                names.push(a.clone());
            }
        }
        self.set_loc(span);
        let n = 2 + c.bases.len() as u32 + names.len() as u32;
        if names.is_empty() {
            self.emit(Op::Call(n));
        } else {
            let t = self.names_tuple(&names);
            self.emit(Op::CallKw { n, names: t });
        }
        for _ in &c.decorators {
            self.emit(Op::Call(1));
        }
        self.store_name(&c.name);
        Ok(())
    }

    fn names_tuple(&mut self, names: &[String]) -> u32 {
        let items: Vec<Value> = names.iter().map(|n| self.str_value(n)).collect();
        let t = Value::Obj(self.heap.alloc(Obj::Tuple(items)));
        self.add_const(t)
    }

    // ---- expressions ----

    fn expr(&mut self, e: &Expr) -> CResult {
        let saved = self.set_loc(e.span);
        self.expr_inner(e)?;
        self.u().loc = saved;
        Ok(())
    }

    fn expr_inner(&mut self, e: &Expr) -> CResult {
        match &e.kind {
            ExprKind::Constant(c) => self.constant(c),
            ExprKind::Name(n) => self.load_name(n),
            ExprKind::BinOp { left, op, right } => {
                self.expr(left)?;
                self.expr(right)?;
                self.set_anchor(e.span, left.span, right.span);
                self.emit(Op::Binary(*op));
            }
            ExprKind::UnaryOp { op, operand } => {
                self.expr(operand)?;
                self.set_loc(e.span);
                self.emit(match op {
                    UnaryOp::Not => Op::Not,
                    UnaryOp::USub => Op::Neg,
                    UnaryOp::UAdd => Op::Pos,
                    UnaryOp::Invert => Op::Invert,
                });
            }
            ExprKind::BoolOp { op, values } => {
                let mut jumps = Vec::new();
                for (i, v) in values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < values.len() {
                        jumps.push(self.emit(match op {
                            BoolOp::And => Op::JumpIfFalseOrPop(0),
                            BoolOp::Or => Op::JumpIfTrueOrPop(0),
                        }));
                    }
                }
                for j in jumps {
                    self.patch(j);
                }
            }
            ExprKind::Compare { left, ops, comparators } => {
                self.expr(left)?;
                if ops.len() == 1 {
                    self.expr(&comparators[0])?;
                    self.set_loc(e.span);
                    self.emit(Op::Compare(ops[0]));
                } else {
                    let mut cleanups = Vec::new();
                    for (i, (op, c)) in ops.iter().zip(comparators.iter()).enumerate() {
                        self.expr(c)?;
                        self.set_loc(e.span);
                        if i + 1 < ops.len() {
                            self.emit(Op::Dup);
                            self.emit(Op::Rot3);
                            self.emit(Op::Compare(*op));
                            cleanups.push(self.emit(Op::JumpIfFalseOrPop(0)));
                        } else {
                            self.emit(Op::Compare(*op));
                        }
                    }
                    let end = self.emit(Op::Jump(0));
                    for c in cleanups {
                        self.patch(c);
                    }
                    self.emit(Op::Rot2);
                    self.emit(Op::Pop);
                    self.patch(end);
                }
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                let jf = self.emit(Op::PopJumpIfFalse(0));
                self.expr(body)?;
                let je = self.emit(Op::Jump(0));
                self.patch(jf);
                self.expr(orelse)?;
                self.patch(je);
            }
            ExprKind::Call { func, args, keywords } => self.call(e, func, args, keywords)?,
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let a = self.sym(attr);
                self.set_loc(e.span);
                self.emit(Op::LoadAttr(a));
            }
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.u().loc = Loc {
                    span: e.span,
                    anchor: Some((AnchorKind::Subscript, value.span.end_col, slice.span.end_col)),
                };
                self.emit(Op::Subscr);
            }
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper] {
                    match part {
                        Some(p) => self.expr(p)?,
                        None => self.load_const(Value::None),
                    }
                }
                match step {
                    Some(s) => {
                        self.expr(s)?;
                        self.emit(Op::BuildSlice(3));
                    }
                    None => {
                        self.emit(Op::BuildSlice(2));
                    }
                }
            }
            ExprKind::Tuple(items) => {
                if self.sequence(items)? {
                    self.emit(Op::ListToTuple);
                } else {
                    self.emit(Op::BuildTuple(items.len() as u32));
                }
            }
            ExprKind::List(items) => {
                if !self.sequence(items)? {
                    self.emit(Op::BuildList(items.len() as u32));
                }
            }
            ExprKind::Set(items) => {
                if items.iter().any(|i| matches!(i.kind, ExprKind::Starred(_))) {
                    self.emit(Op::BuildSet(0));
                    for i in items {
                        match &i.kind {
                            ExprKind::Starred(inner) => {
                                self.expr(inner)?;
                                self.emit(Op::SetUpdate);
                            }
                            _ => {
                                self.expr(i)?;
                                self.emit(Op::SetAdd(1));
                            }
                        }
                    }
                } else {
                    for i in items {
                        self.expr(i)?;
                    }
                    self.emit(Op::BuildSet(items.len() as u32));
                }
            }
            ExprKind::Dict { keys, values } => {
                if keys.iter().any(|k| k.is_none()) {
                    self.emit(Op::BuildMap(0));
                    for (k, v) in keys.iter().zip(values.iter()) {
                        match k {
                            None => {
                                self.expr(v)?;
                                self.emit(Op::DictUpdate);
                            }
                            Some(k) => {
                                self.expr(k)?;
                                self.expr(v)?;
                                self.emit(Op::MapAdd(1));
                            }
                        }
                    }
                } else {
                    for (k, v) in keys.iter().zip(values.iter()) {
                        self.expr(k.as_ref().expect("no spread"))?;
                        self.expr(v)?;
                    }
                    self.emit(Op::BuildMap(keys.len() as u32));
                }
            }
            ExprKind::JoinedStr(parts) => self.fstring(parts)?,
            ExprKind::ListComp { elt, generators } => {
                self.comprehension(e, "<listcomp>", generators, CompKind::List, &[elt])?
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension(e, "<setcomp>", generators, CompKind::Set, &[elt])?
            }
            ExprKind::DictComp { key, value, generators } => {
                self.comprehension(e, "<dictcomp>", generators, CompKind::Dict, &[key, value])?
            }
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(e, "<genexpr>", generators, CompKind::Gen, &[elt])?
            }
            ExprKind::Lambda { args, body } => {
                let flags = self.defaults(args)?;
                let info = analyze_expr(&arg_names(args), body);
                let kind = if info.has_yield { CodeKind::Generator } else { CodeKind::Function };
                let qn = self.qualname("<lambda>");
                self.push_unit("<lambda>", &qn, kind, info, e.span.line);
                self.set_params(args);
                self.expr(body)?;
                self.emit(Op::Return);
                let code = self.pop_unit();
                self.set_loc(e.span);
                self.make_function(code, flags);
            }
            ExprKind::Yield(v) => {
                self.check_in_function("'yield' outside function", e.span)?;
                match v {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Value::None),
                }
                self.set_loc(e.span);
                self.emit(Op::Yield);
            }
            ExprKind::YieldFrom(v) => {
                self.check_in_function("'yield from' outside function", e.span)?;
                self.expr(v)?;
                self.set_loc(e.span);
                self.emit(Op::GetYieldFromIter);
                self.load_const(Value::None);
                let send = self.emit(Op::Send(0));
                self.emit(Op::Yield);
                self.emit(Op::Jump(send as u32));
                self.patch(send);
            }
            ExprKind::Starred(_) => return err("can't use starred expression here", e.span),
        }
        Ok(())
    }

    fn check_in_function(&mut self, msg: &str, span: Span) -> CResult {
        if matches!(self.u().kind, CodeKind::Function | CodeKind::Generator) {
            Ok(())
        } else {
            err(msg, span)
        }
    }

    /// Builds a list from items that may hold `*x`; returns false (and emits nothing) when none do.
    fn sequence(&mut self, items: &[Expr]) -> CResult<bool> {
        if !items.iter().any(|i| matches!(i.kind, ExprKind::Starred(_))) {
            for i in items {
                self.expr(i)?;
            }
            return Ok(false);
        }
        self.emit(Op::BuildList(0));
        for i in items {
            match &i.kind {
                ExprKind::Starred(inner) => {
                    self.expr(inner)?;
                    self.emit(Op::ListExtend);
                }
                _ => {
                    self.expr(i)?;
                    self.emit(Op::ListAppend(1));
                }
            }
        }
        Ok(true)
    }

    fn call(&mut self, e: &Expr, func: &Expr, args: &[Expr], keywords: &[Keyword]) -> CResult {
        let spread = args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)))
            || keywords.iter().any(|k| k.arg.is_none());
        if spread {
            self.expr(func)?;
            if !self.sequence(args)? {
                self.emit(Op::BuildList(args.len() as u32));
            }
            self.emit(Op::ListToTuple);
            if keywords.is_empty() {
                self.load_const(Value::None);
            } else {
                self.emit(Op::BuildMap(0));
                for k in keywords {
                    match &k.arg {
                        None => {
                            self.expr(&k.value)?;
                            self.emit(Op::DictUpdate);
                        }
                        Some(a) => {
                            self.load_str(a);
                            self.expr(&k.value)?;
                            self.emit(Op::MapAdd(1));
                        }
                    }
                }
            }
            self.set_loc(e.span);
            self.emit(Op::CallEx);
            return Ok(());
        }
        if let (ExprKind::Attribute { value, attr }, true) = (&func.kind, keywords.is_empty()) {
            self.expr(value)?;
            let a = self.sym(attr);
            self.set_loc(func.span);
            self.emit(Op::LoadMethod(a));
            for a in args {
                self.expr(a)?;
            }
            self.set_loc(e.span);
            self.emit(Op::CallMethod(args.len() as u32));
            return Ok(());
        }
        self.expr(func)?;
        for a in args {
            self.expr(a)?;
        }
        for k in keywords {
            self.expr(&k.value)?;
        }
        self.set_loc(e.span);
        let n = (args.len() + keywords.len()) as u32;
        if keywords.is_empty() {
            self.emit(Op::Call(n));
        } else {
            let names: Vec<String> = keywords.iter().map(|k| k.arg.clone().unwrap_or_default()).collect();
            let t = self.names_tuple(&names);
            self.emit(Op::CallKw { n, names: t });
        }
        Ok(())
    }

    fn fstring(&mut self, parts: &[FStringPart]) -> CResult {
        for p in parts {
            match p {
                FStringPart::Literal(s) => self.load_str(s),
                FStringPart::Value { value, conversion, format_spec } => {
                    self.expr(value)?;
                    let mut flags = match conversion {
                        Some('s') => 1,
                        Some('r') => 2,
                        Some('a') => 3,
                        _ => 0,
                    };
                    if let Some(spec) = format_spec {
                        self.fstring(spec)?;
                        flags |= 4;
                    }
                    self.emit(Op::FormatValue(flags));
                }
            }
        }
        if parts.len() != 1 || matches!(parts[0], FStringPart::Literal(_)) {
            self.emit(Op::BuildString(parts.len() as u32));
        }
        Ok(())
    }

    fn comprehension(
        &mut self,
        e: &Expr,
        name: &str,
        generators: &[Comprehension],
        kind: CompKind,
        elts: &[&Expr],
    ) -> CResult {
        // The outermost iterable is evaluated here and passed in as `.0`.
        self.expr(&generators[0].iter)?;
        let mut info = ScopeInfo::default();
        {
            // Analyse the comprehension as a function of `.0` whose body binds the targets.
            let mut body_names = analyze_expr(&[".0".to_string()], elts[0]);
            for x in elts.iter().skip(1) {
                let more = analyze_expr(&[], x);
                body_names.uses.extend(more.uses);
                body_names.child_free.extend(more.child_free);
            }
            for (i, g) in generators.iter().enumerate() {
                let t = analyze(
                    &[],
                    &[Stmt {
                        span: e.span,
                        kind: StmtKind::Assign { targets: vec![g.target.clone()], value: g.target.clone() },
                    }],
                );
                for b in t.bound {
                    if !body_names.bound.contains(&b) {
                        body_names.bound.push(b);
                    }
                }
                if i > 0 {
                    let it = analyze_expr(&[], &g.iter);
                    body_names.uses.extend(it.uses);
                    body_names.child_free.extend(it.child_free);
                }
                for c in &g.ifs {
                    let ci = analyze_expr(&[], c);
                    body_names.uses.extend(ci.uses);
                    body_names.child_free.extend(ci.child_free);
                }
            }
            info.bound = body_names.bound;
            info.uses = body_names.uses;
            info.child_free = body_names.child_free;
            info.has_yield = kind == CompKind::Gen;
        }
        let code_kind = if kind == CompKind::Gen { CodeKind::Generator } else { CodeKind::Function };
        let qn = self.qualname(name);
        self.push_unit(name, &qn, code_kind, info, e.span.line);
        self.u().argcount = 1;
        self.set_loc(e.span);
        match kind {
            CompKind::List => {
                self.emit(Op::BuildList(0));
            }
            CompKind::Set => {
                self.emit(Op::BuildSet(0));
            }
            CompKind::Dict => {
                self.emit(Op::BuildMap(0));
            }
            CompKind::Gen => {}
        }
        self.emit(Op::LoadFast(0));
        self.comp_level(e, generators, 0, kind, elts)?;
        if kind == CompKind::Gen {
            self.load_const(Value::None);
        }
        self.emit(Op::Return);
        let code = self.pop_unit();
        self.set_loc(e.span);
        self.make_function(code, 0);
        self.emit(Op::Rot2);
        self.emit(Op::GetIter);
        self.emit(Op::Call(1));
        Ok(())
    }

    /// One `for` level of a comprehension: the iterator is on the stack.
    fn comp_level(
        &mut self,
        e: &Expr,
        generators: &[Comprehension],
        level: usize,
        kind: CompKind,
        elts: &[&Expr],
    ) -> CResult {
        let g = &generators[level];
        if level > 0 {
            self.expr(&g.iter)?;
            self.emit(Op::GetIter);
        }
        let start = self.here();
        self.set_loc(e.span);
        let fi = self.emit(Op::ForIter(0));
        self.store(&g.target)?;
        for cond in &g.ifs {
            self.expr(cond)?;
            self.emit(Op::PopJumpIfFalse(start as u32));
        }
        if level + 1 < generators.len() {
            self.comp_level(e, generators, level + 1, kind, elts)?;
        } else {
            // Depth of the result below the iterators, counted after the element is popped.
            let depth = (level + 2) as u32;
            match kind {
                CompKind::List => {
                    self.expr(elts[0])?;
                    self.emit(Op::ListAppend(depth));
                }
                CompKind::Set => {
                    self.expr(elts[0])?;
                    self.emit(Op::SetAdd(depth));
                }
                CompKind::Dict => {
                    self.expr(elts[0])?;
                    self.expr(elts[1])?;
                    self.emit(Op::MapAdd(depth));
                }
                CompKind::Gen => {
                    self.expr(elts[0])?;
                    self.emit(Op::Yield);
                    self.emit(Op::Pop);
                }
            }
        }
        self.emit(Op::Jump(start as u32));
        self.patch(fi);
        Ok(())
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum CompKind {
    List,
    Set,
    Dict,
    Gen,
}

/// Constants are shared only when they are the same kind and value (`1` and `True` and `1.0` differ).
fn same_const(a: Value, b: Value) -> bool {
    match (a, b) {
        (Value::None, Value::None) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Float(x), Value::Float(y)) => x.to_bits() == y.to_bits(),
        (Value::Obj(x), Value::Obj(y)) => x == y,
        _ => false,
    }
}
