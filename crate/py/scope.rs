//! Name analysis for one scope: which names a function binds, declares global or nonlocal, uses, and
//! which names its nested scopes need from outside (so the compiler knows locals, cells and free
//! variables without a second pass over the whole module).

use std::collections::BTreeSet;

use super::ast::*;

#[derive(Debug, Default, Clone)]
pub struct ScopeInfo {
    /// Names bound here, in first-binding order (parameters first, added by the caller).
    pub bound: Vec<String>,
    pub globals: BTreeSet<String>,
    pub nonlocals: BTreeSet<String>,
    pub uses: BTreeSet<String>,
    /// Names nested scopes use but do not bind: candidates for this scope's cells or free variables.
    pub child_free: BTreeSet<String>,
    pub has_yield: bool,
    /// `super` is named somewhere in a nested function (needs the `__class__` cell of a class body).
    pub uses_super: bool,
}

impl ScopeInfo {
    fn bind(&mut self, name: &str) {
        if !self.bound.iter().any(|b| b == name) {
            self.bound.push(name.to_string());
        }
    }

    pub fn is_local(&self, name: &str) -> bool {
        !self.globals.contains(name) && !self.nonlocals.contains(name) && self.bound.iter().any(|b| b == name)
    }

    /// What this scope, seen from its parent, needs from outside.
    pub fn free_names(&self) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for n in self.uses.iter().chain(self.child_free.iter()).chain(self.nonlocals.iter()) {
            if !self.is_local(n) && !self.globals.contains(n) {
                out.insert(n.clone());
            }
        }
        out
    }
}

/// Analyses a function body (or module, or class body) whose parameters are `params`.
pub fn analyze(params: &[String], body: &[Stmt]) -> ScopeInfo {
    let mut s = ScopeInfo::default();
    for p in params {
        s.bind(p);
    }
    for st in body {
        stmt(&mut s, st);
    }
    s
}

/// Analyses a lambda or comprehension body expression.
pub fn analyze_expr(params: &[String], e: &Expr) -> ScopeInfo {
    let mut s = ScopeInfo::default();
    for p in params {
        s.bind(p);
    }
    expr(&mut s, e);
    s
}

pub fn arg_names(a: &Arguments) -> Vec<String> {
    let mut v: Vec<String> = a.posonlyargs.iter().chain(a.args.iter()).map(|a| a.name.clone()).collect();
    // CPython's order of co_varnames: positional, keyword-only, *args, **kwargs.
    v.extend(a.kwonlyargs.iter().map(|a| a.name.clone()));
    if let Some(va) = &a.vararg {
        v.push(va.name.clone());
    }
    if let Some(kw) = &a.kwarg {
        v.push(kw.name.clone());
    }
    v
}

fn child(s: &mut ScopeInfo, c: ScopeInfo) {
    s.child_free.extend(c.free_names());
    if c.uses.contains("super") || c.uses_super {
        s.uses_super = true;
    }
}

fn args_exprs(s: &mut ScopeInfo, a: &Arguments) {
    for d in &a.defaults {
        expr(s, d);
    }
    for d in a.kw_defaults.iter().flatten() {
        expr(s, d);
    }
}

fn stmt(s: &mut ScopeInfo, st: &Stmt) {
    match &st.kind {
        StmtKind::Expr(e) => expr(s, e),
        StmtKind::Assign { targets, value } => {
            for t in targets {
                target(s, t);
            }
            expr(s, value);
        }
        StmtKind::AugAssign { target: t, value, .. } => {
            target(s, t);
            if let ExprKind::Name(n) = &t.kind {
                s.uses.insert(n.clone());
            }
            expr(s, value);
        }
        StmtKind::AnnAssign { target: t, annotation, value } => {
            if value.is_some() {
                target(s, t);
            }
            expr(s, annotation);
            if let Some(v) = value {
                expr(s, v);
            }
        }
        StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
            expr(s, test);
            body.iter().chain(orelse.iter()).for_each(|b| stmt(s, b));
        }
        StmtKind::For { target: t, iter, body, orelse } => {
            target(s, t);
            expr(s, iter);
            body.iter().chain(orelse.iter()).for_each(|b| stmt(s, b));
        }
        StmtKind::Break | StmtKind::Continue | StmtKind::Pass => {}
        StmtKind::FunctionDef(f) => {
            s.bind(&f.name);
            f.decorators.iter().for_each(|d| expr(s, d));
            args_exprs(s, &f.args);
            let c = analyze(&arg_names(&f.args), &f.body);
            child(s, c);
        }
        StmtKind::ClassDef(c) => {
            s.bind(&c.name);
            c.decorators.iter().for_each(|d| expr(s, d));
            c.bases.iter().for_each(|b| expr(s, b));
            c.keywords.iter().for_each(|k| expr(s, &k.value));
            let inner = analyze(&[], &c.body);
            // A class body's own names are not visible to its methods; what they need passes through.
            let mut free = inner.child_free.clone();
            for u in &inner.uses {
                if !inner.is_local(u) {
                    free.insert(u.clone());
                }
            }
            free.remove("__class__");
            s.child_free.extend(free);
        }
        StmtKind::Return(v) => {
            if let Some(v) = v {
                expr(s, v);
            }
        }
        StmtKind::Global(names) => s.globals.extend(names.iter().cloned()),
        StmtKind::Nonlocal(names) => s.nonlocals.extend(names.iter().cloned()),
        StmtKind::Try { body, handlers, orelse, finalbody } => {
            body.iter().for_each(|b| stmt(s, b));
            for h in handlers {
                if let Some(t) = &h.typ {
                    expr(s, t);
                }
                if let Some(n) = &h.name {
                    s.bind(n);
                }
                h.body.iter().for_each(|b| stmt(s, b));
            }
            orelse.iter().chain(finalbody.iter()).for_each(|b| stmt(s, b));
        }
        StmtKind::Raise { exc, cause } => {
            exc.iter().chain(cause.iter()).for_each(|e| expr(s, e));
        }
        StmtKind::With { items, body } => {
            for it in items {
                expr(s, &it.context);
                if let Some(t) = &it.target {
                    target(s, t);
                }
            }
            body.iter().for_each(|b| stmt(s, b));
        }
        StmtKind::Assert { test, msg } => {
            expr(s, test);
            if let Some(m) = msg {
                expr(s, m);
            }
        }
        StmtKind::Delete(ts) => ts.iter().for_each(|t| target(s, t)),
        StmtKind::Import(aliases) => {
            for a in aliases {
                match &a.asname {
                    Some(n) => s.bind(n),
                    None => s.bind(a.name.split('.').next().unwrap_or(&a.name)),
                }
            }
        }
        StmtKind::ImportFrom { names, .. } => {
            for a in names {
                if a.name != "*" {
                    s.bind(a.asname.as_ref().unwrap_or(&a.name));
                }
            }
        }
    }
}

fn target(s: &mut ScopeInfo, t: &Expr) {
    match &t.kind {
        ExprKind::Name(n) => s.bind(n),
        ExprKind::Tuple(items) | ExprKind::List(items) => items.iter().for_each(|i| target(s, i)),
        ExprKind::Starred(inner) => target(s, inner),
        _ => expr(s, t),
    }
}

fn comprehension(s: &mut ScopeInfo, generators: &[Comprehension], elts: &[&Expr]) {
    // The first iterable is evaluated in the enclosing scope; the rest is a nested scope.
    if let Some(first) = generators.first() {
        expr(s, &first.iter);
    }
    let mut inner = ScopeInfo::default();
    inner.bind(".0");
    for (i, g) in generators.iter().enumerate() {
        target(&mut inner, &g.target);
        if i > 0 {
            expr(&mut inner, &g.iter);
        }
        g.ifs.iter().for_each(|c| expr(&mut inner, c));
    }
    elts.iter().for_each(|e| expr(&mut inner, e));
    child(s, inner);
}

fn expr(s: &mut ScopeInfo, e: &Expr) {
    match &e.kind {
        ExprKind::BoolOp { values, .. } => values.iter().for_each(|v| expr(s, v)),
        ExprKind::BinOp { left, right, .. } => {
            expr(s, left);
            expr(s, right);
        }
        ExprKind::UnaryOp { operand, .. } => expr(s, operand),
        ExprKind::Lambda { args, body } => {
            args_exprs(s, args);
            let c = analyze_expr(&arg_names(args), body);
            child(s, c);
        }
        ExprKind::IfExp { test, body, orelse } => {
            expr(s, test);
            expr(s, body);
            expr(s, orelse);
        }
        ExprKind::Dict { keys, values } => {
            keys.iter().flatten().for_each(|k| expr(s, k));
            values.iter().for_each(|v| expr(s, v));
        }
        ExprKind::Set(items) | ExprKind::List(items) | ExprKind::Tuple(items) => {
            items.iter().for_each(|i| expr(s, i))
        }
        ExprKind::ListComp { elt, generators }
        | ExprKind::SetComp { elt, generators }
        | ExprKind::GeneratorExp { elt, generators } => comprehension(s, generators, &[elt]),
        ExprKind::DictComp { key, value, generators } => comprehension(s, generators, &[key, value]),
        ExprKind::Yield(v) => {
            s.has_yield = true;
            if let Some(v) = v {
                expr(s, v);
            }
        }
        ExprKind::YieldFrom(v) => {
            s.has_yield = true;
            expr(s, v);
        }
        ExprKind::Compare { left, comparators, .. } => {
            expr(s, left);
            comparators.iter().for_each(|c| expr(s, c));
        }
        ExprKind::Call { func, args, keywords } => {
            expr(s, func);
            args.iter().for_each(|a| expr(s, a));
            keywords.iter().for_each(|k| expr(s, &k.value));
        }
        ExprKind::JoinedStr(parts) => fstring(s, parts),
        ExprKind::Constant(_) => {}
        ExprKind::Attribute { value, .. } => expr(s, value),
        ExprKind::Subscript { value, slice } => {
            expr(s, value);
            expr(s, slice);
        }
        ExprKind::Starred(v) => expr(s, v),
        ExprKind::Name(n) => {
            s.uses.insert(n.clone());
        }
        ExprKind::Slice { lower, upper, step } => {
            lower.iter().chain(upper.iter()).chain(step.iter()).for_each(|x| expr(s, x));
        }
    }
}

fn fstring(s: &mut ScopeInfo, parts: &[FStringPart]) {
    for p in parts {
        if let FStringPart::Value { value, format_spec, .. } = p {
            expr(s, value);
            if let Some(spec) = format_spec {
                fstring(s, spec);
            }
        }
    }
}
