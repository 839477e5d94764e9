//! Prints an AST exactly as CPython 3.11's `ast.dump(tree)` does (or, with `attributes`, as
//! `ast.dump(tree, include_attributes=True)` with columns in characters), so tests can compare our parser
//! with CPython's. Expression contexts (`Load()`, `Store()`, `Del()`) are inferred from position.

use crate::py::ast::*;
use num_bigint::BigInt;

/// `ast.dump(module)`; with `attributes`, every node's `lineno`, `col_offset`, `end_lineno` and
/// `end_col_offset` too (columns counted in characters).
pub fn dump(module: &Module, attributes: bool) -> String {
    let d = Dumper { attributes };
    format!("Module(body={}, type_ignores=[])", d.stmts(&module.body))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Load,
    Store,
    Del,
}

struct Dumper {
    attributes: bool,
}

/// One node being written: `Name(field=value, ...)`, fields in CPython's order.
struct Node {
    name: &'static str,
    fields: Vec<String>,
}

impl Node {
    fn new(name: &'static str) -> Node {
        Node { name, fields: Vec::new() }
    }

    fn field(mut self, name: &str, value: String) -> Node {
        self.fields.push(format!("{name}={value}"));
        self
    }

    /// An optional field: CPython leaves it out when it is `None`.
    fn opt(self, name: &str, value: Option<String>) -> Node {
        match value {
            Some(v) => self.field(name, v),
            None => self,
        }
    }
}

fn list(items: impl IntoIterator<Item = String>) -> String {
    format!("[{}]", items.into_iter().collect::<Vec<_>>().join(", "))
}

impl Dumper {
    fn finish(&self, mut node: Node, span: Option<Span>) -> String {
        if let (true, Some(s)) = (self.attributes, span) {
            node.fields.push(format!("lineno={}", s.line));
            node.fields.push(format!("col_offset={}", s.col));
            node.fields.push(format!("end_lineno={}", s.end_line));
            node.fields.push(format!("end_col_offset={}", s.end_col));
        }
        if node.fields.is_empty() {
            return format!("{}()", node.name);
        }
        format!("{}({})", node.name, node.fields.join(", "))
    }

    fn stmts(&self, body: &[Stmt]) -> String {
        list(body.iter().map(|s| self.stmt(s)))
    }

    fn stmt(&self, s: &Stmt) -> String {
        let load = |e: &Expr| self.expr(e, Ctx::Load);
        let store = |e: &Expr| self.expr(e, Ctx::Store);
        let node = match &s.kind {
            StmtKind::Expr(e) => Node::new("Expr").field("value", load(e)),
            StmtKind::Assign { targets, value } => Node::new("Assign")
                .field("targets", list(targets.iter().map(store)))
                .field("value", load(value)),
            StmtKind::AugAssign { target, op, value } => Node::new("AugAssign")
                .field("target", store(target))
                .field("op", binop(*op).into())
                .field("value", load(value)),
            StmtKind::AnnAssign { target, annotation, value } => Node::new("AnnAssign")
                .field("target", store(target))
                .field("annotation", load(annotation))
                .opt("value", value.as_ref().map(load))
                .field("simple", u8::from(matches!(target.kind, ExprKind::Name(_))).to_string()),
            StmtKind::If { test, body, orelse } => Node::new("If")
                .field("test", load(test))
                .field("body", self.stmts(body))
                .field("orelse", self.stmts(orelse)),
            StmtKind::While { test, body, orelse } => Node::new("While")
                .field("test", load(test))
                .field("body", self.stmts(body))
                .field("orelse", self.stmts(orelse)),
            StmtKind::For { target, iter, body, orelse } => Node::new("For")
                .field("target", store(target))
                .field("iter", load(iter))
                .field("body", self.stmts(body))
                .field("orelse", self.stmts(orelse)),
            StmtKind::Break => Node::new("Break"),
            StmtKind::Continue => Node::new("Continue"),
            StmtKind::Pass => Node::new("Pass"),
            StmtKind::FunctionDef(f) => Node::new("FunctionDef")
                .field("name", py_str(&f.name))
                .field("args", self.arguments(&f.args))
                .field("body", self.stmts(&f.body))
                .field("decorator_list", list(f.decorators.iter().map(load)))
                .opt("returns", f.returns.as_ref().map(load)),
            StmtKind::ClassDef(c) => Node::new("ClassDef")
                .field("name", py_str(&c.name))
                .field("bases", list(c.bases.iter().map(load)))
                .field("keywords", list(c.keywords.iter().map(|k| self.keyword(k))))
                .field("body", self.stmts(&c.body))
                .field("decorator_list", list(c.decorators.iter().map(load))),
            StmtKind::Return(value) => Node::new("Return").opt("value", value.as_ref().map(load)),
            StmtKind::Global(names) => {
                Node::new("Global").field("names", list(names.iter().map(|n| py_str(n))))
            }
            StmtKind::Nonlocal(names) => {
                Node::new("Nonlocal").field("names", list(names.iter().map(|n| py_str(n))))
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => Node::new("Try")
                .field("body", self.stmts(body))
                .field("handlers", list(handlers.iter().map(|h| self.handler(h))))
                .field("orelse", self.stmts(orelse))
                .field("finalbody", self.stmts(finalbody)),
            StmtKind::Raise { exc, cause } => {
                Node::new("Raise").opt("exc", exc.as_ref().map(load)).opt("cause", cause.as_ref().map(load))
            }
            StmtKind::With { items, body } => Node::new("With")
                .field(
                    "items",
                    list(items.iter().map(|i| {
                        let n = Node::new("withitem")
                            .field("context_expr", load(&i.context))
                            .opt("optional_vars", i.target.as_ref().map(store));
                        self.finish(n, None)
                    })),
                )
                .field("body", self.stmts(body)),
            StmtKind::Assert { test, msg } => {
                Node::new("Assert").field("test", load(test)).opt("msg", msg.as_ref().map(load))
            }
            StmtKind::Delete(targets) => {
                Node::new("Delete").field("targets", list(targets.iter().map(|t| self.expr(t, Ctx::Del))))
            }
            StmtKind::Import(names) => Node::new("Import").field("names", self.aliases(names)),
            StmtKind::ImportFrom { module, names, level } => Node::new("ImportFrom")
                .opt("module", (!module.is_empty()).then(|| py_str(module)))
                .field("names", self.aliases(names))
                .field("level", level.to_string()),
        };
        self.finish(node, Some(s.span))
    }

    fn aliases(&self, names: &[Alias]) -> String {
        list(names.iter().map(|a| {
            let n = Node::new("alias")
                .field("name", py_str(&a.name))
                .opt("asname", a.asname.as_deref().map(py_str));
            self.finish(n, Some(a.span))
        }))
    }

    fn handler(&self, h: &ExceptHandler) -> String {
        let n = Node::new("ExceptHandler")
            .opt("type", h.typ.as_ref().map(|e| self.expr(e, Ctx::Load)))
            .opt("name", h.name.as_deref().map(py_str))
            .field("body", self.stmts(&h.body));
        self.finish(n, Some(h.span))
    }

    fn keyword(&self, k: &Keyword) -> String {
        let n = Node::new("keyword")
            .opt("arg", k.arg.as_deref().map(py_str))
            .field("value", self.expr(&k.value, Ctx::Load));
        self.finish(n, Some(k.span))
    }

    fn arg(&self, a: &Arg) -> String {
        let n = Node::new("arg")
            .field("arg", py_str(&a.name))
            .opt("annotation", a.annotation.as_ref().map(|e| self.expr(e, Ctx::Load)));
        self.finish(n, Some(a.span))
    }

    fn arguments(&self, a: &Arguments) -> String {
        let load = |e: &Expr| self.expr(e, Ctx::Load);
        let n = Node::new("arguments")
            .field("posonlyargs", list(a.posonlyargs.iter().map(|x| self.arg(x))))
            .field("args", list(a.args.iter().map(|x| self.arg(x))))
            .opt("vararg", a.vararg.as_ref().map(|x| self.arg(x)))
            .field("kwonlyargs", list(a.kwonlyargs.iter().map(|x| self.arg(x))))
            .field(
                "kw_defaults",
                list(a.kw_defaults.iter().map(|d| d.as_ref().map(load).unwrap_or_else(|| "None".into()))),
            )
            .opt("kwarg", a.kwarg.as_ref().map(|x| self.arg(x)))
            .field("defaults", list(a.defaults.iter().map(load)));
        self.finish(n, None)
    }

    fn comprehensions(&self, generators: &[Comprehension]) -> String {
        list(generators.iter().map(|g| {
            let n = Node::new("comprehension")
                .field("target", self.expr(&g.target, Ctx::Store))
                .field("iter", self.expr(&g.iter, Ctx::Load))
                .field("ifs", list(g.ifs.iter().map(|e| self.expr(e, Ctx::Load))))
                .field("is_async", "0".into());
            self.finish(n, None)
        }))
    }

    fn expr(&self, e: &Expr, ctx: Ctx) -> String {
        let load = |e: &Expr| self.expr(e, Ctx::Load);
        let ctx_name = match ctx {
            Ctx::Load => "Load()",
            Ctx::Store => "Store()",
            Ctx::Del => "Del()",
        };
        let node = match &e.kind {
            ExprKind::BoolOp { op, values } => Node::new("BoolOp")
                .field(
                    "op",
                    match op {
                        BoolOp::And => "And()",
                        BoolOp::Or => "Or()",
                    }
                    .into(),
                )
                .field("values", list(values.iter().map(load))),
            ExprKind::BinOp { left, op, right } => Node::new("BinOp")
                .field("left", load(left))
                .field("op", binop(*op).into())
                .field("right", load(right)),
            ExprKind::UnaryOp { op, operand } => Node::new("UnaryOp")
                .field(
                    "op",
                    match op {
                        UnaryOp::Invert => "Invert()",
                        UnaryOp::Not => "Not()",
                        UnaryOp::UAdd => "UAdd()",
                        UnaryOp::USub => "USub()",
                    }
                    .into(),
                )
                .field("operand", load(operand)),
            ExprKind::Lambda { args, body } => {
                Node::new("Lambda").field("args", self.arguments(args)).field("body", load(body))
            }
            ExprKind::IfExp { test, body, orelse } => Node::new("IfExp")
                .field("test", load(test))
                .field("body", load(body))
                .field("orelse", load(orelse)),
            ExprKind::Dict { keys, values } => Node::new("Dict")
                .field(
                    "keys",
                    list(keys.iter().map(|k| k.as_ref().map(load).unwrap_or_else(|| "None".into()))),
                )
                .field("values", list(values.iter().map(load))),
            ExprKind::Set(elts) => Node::new("Set").field("elts", list(elts.iter().map(load))),
            ExprKind::ListComp { elt, generators } => Node::new("ListComp")
                .field("elt", load(elt))
                .field("generators", self.comprehensions(generators)),
            ExprKind::SetComp { elt, generators } => Node::new("SetComp")
                .field("elt", load(elt))
                .field("generators", self.comprehensions(generators)),
            ExprKind::DictComp { key, value, generators } => Node::new("DictComp")
                .field("key", load(key))
                .field("value", load(value))
                .field("generators", self.comprehensions(generators)),
            ExprKind::GeneratorExp { elt, generators } => Node::new("GeneratorExp")
                .field("elt", load(elt))
                .field("generators", self.comprehensions(generators)),
            ExprKind::Yield(value) => Node::new("Yield").opt("value", value.as_deref().map(load)),
            ExprKind::YieldFrom(value) => Node::new("YieldFrom").field("value", load(value)),
            ExprKind::Compare { left, ops, comparators } => Node::new("Compare")
                .field("left", load(left))
                .field("ops", list(ops.iter().map(|o| cmpop(*o).to_string())))
                .field("comparators", list(comparators.iter().map(load))),
            ExprKind::Call { func, args, keywords } => Node::new("Call")
                .field("func", load(func))
                .field("args", list(args.iter().map(load)))
                .field("keywords", list(keywords.iter().map(|k| self.keyword(k)))),
            ExprKind::JoinedStr(parts) => {
                Node::new("JoinedStr").field("values", self.fstring_parts(parts, e.span))
            }
            ExprKind::Constant(c) => Node::new("Constant").field("value", constant(c)),
            ExprKind::Attribute { value, attr } => Node::new("Attribute")
                .field("value", load(value))
                .field("attr", py_str(attr))
                .field("ctx", ctx_name.into()),
            ExprKind::Subscript { value, slice } => Node::new("Subscript")
                .field("value", load(value))
                .field("slice", load(slice))
                .field("ctx", ctx_name.into()),
            ExprKind::Starred(value) => {
                Node::new("Starred").field("value", self.expr(value, ctx)).field("ctx", ctx_name.into())
            }
            ExprKind::Name(id) => Node::new("Name").field("id", py_str(id)).field("ctx", ctx_name.into()),
            ExprKind::List(elts) => Node::new("List")
                .field("elts", list(elts.iter().map(|x| self.expr(x, ctx))))
                .field("ctx", ctx_name.into()),
            ExprKind::Tuple(elts) => Node::new("Tuple")
                .field("elts", list(elts.iter().map(|x| self.expr(x, ctx))))
                .field("ctx", ctx_name.into()),
            ExprKind::Slice { lower, upper, step } => Node::new("Slice")
                .opt("lower", lower.as_deref().map(load))
                .opt("upper", upper.as_deref().map(load))
                .opt("step", step.as_deref().map(load)),
        };
        self.finish(node, Some(e.span))
    }

    /// The values of a `JoinedStr`: CPython gives its constants and formatted values the span of the
    /// whole string.
    fn fstring_parts(&self, parts: &[FStringPart], span: Span) -> String {
        list(parts.iter().map(|p| match p {
            FStringPart::Literal(s) => {
                self.finish(Node::new("Constant").field("value", py_str(s)), Some(span))
            }
            FStringPart::Value { value, conversion, format_spec } => {
                let conv = match conversion {
                    None => -1,
                    Some(c) => *c as i32,
                };
                let spec = format_spec.as_ref().map(|spec| {
                    let n = Node::new("JoinedStr").field("values", self.fstring_parts(spec, span));
                    self.finish(n, Some(span))
                });
                let n = Node::new("FormattedValue")
                    .field("value", self.expr(value, Ctx::Load))
                    .field("conversion", conv.to_string())
                    .opt("format_spec", spec);
                self.finish(n, Some(span))
            }
        }))
    }
}

fn binop(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "Add()",
        BinOp::Sub => "Sub()",
        BinOp::Mult => "Mult()",
        BinOp::MatMult => "MatMult()",
        BinOp::Div => "Div()",
        BinOp::FloorDiv => "FloorDiv()",
        BinOp::Mod => "Mod()",
        BinOp::Pow => "Pow()",
        BinOp::LShift => "LShift()",
        BinOp::RShift => "RShift()",
        BinOp::BitOr => "BitOr()",
        BinOp::BitXor => "BitXor()",
        BinOp::BitAnd => "BitAnd()",
    }
}

fn cmpop(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "Eq()",
        CmpOp::NotEq => "NotEq()",
        CmpOp::Lt => "Lt()",
        CmpOp::LtE => "LtE()",
        CmpOp::Gt => "Gt()",
        CmpOp::GtE => "GtE()",
        CmpOp::Is => "Is()",
        CmpOp::IsNot => "IsNot()",
        CmpOp::In => "In()",
        CmpOp::NotIn => "NotIn()",
    }
}

fn constant(c: &Constant) -> String {
    match c {
        Constant::None => "None".into(),
        Constant::Bool(true) => "True".into(),
        Constant::Bool(false) => "False".into(),
        Constant::Int(i) => BigInt::to_string(i),
        Constant::Float(f) => py_float(*f),
        Constant::Str(s) => py_str(s),
        Constant::Bytes(b) => py_bytes(b),
        Constant::Ellipsis => "Ellipsis".into(),
    }
}

/// Whether Python's `str.isprintable` holds for a non-ASCII character (close enough for a dump: control,
/// separator, format, surrogate and private-use characters are not).
fn printable(c: char) -> bool {
    let u = c as u32;
    !(c.is_control()
        || (c.is_whitespace() && c != ' ')
        || (0x200b..=0x200f).contains(&u)
        || (0x2028..=0x202e).contains(&u)
        || (0x2060..=0x2064).contains(&u)
        || u == 0xfeff
        || u == 0xad
        || (0xe000..=0xf8ff).contains(&u))
}

/// `repr(str)`.
pub(crate) fn py_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::new();
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if c.is_ascii() || printable(c) => out.push(c),
            c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push(quote);
    out
}

/// `repr(bytes)`.
fn py_bytes(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') { b'"' } else { b'\'' };
    let mut out = String::from("b");
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote as char);
    out
}

/// `repr(float)`: the shortest digits that round-trip, in CPython's layout (`1e-05`, `1e+16`, `0.0001`).
pub(crate) fn py_float(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sci = format!("{:e}", f);
    let (mantissa, exp) = sci.split_once('e').expect("LowerExp has an exponent");
    let exp: i32 = exp.parse().expect("exponent is an integer");
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    if !(-4..16).contains(&exp) {
        let mut m = digits[..1].to_string();
        if digits.len() > 1 {
            m.push('.');
            m.push_str(&digits[1..]);
        }
        let esign = if exp < 0 { '-' } else { '+' };
        return format!("{sign}{m}e{esign}{:02}", exp.abs());
    }
    if exp >= 0 {
        let int_len = exp as usize + 1;
        let (int_part, frac) = if digits.len() > int_len {
            (digits[..int_len].to_string(), digits[int_len..].to_string())
        } else {
            (format!("{digits:0<int_len$}"), "0".to_string())
        };
        format!("{sign}{int_part}.{frac}")
    } else {
        format!("{sign}0.{}{digits}", "0".repeat((-exp - 1) as usize))
    }
}
