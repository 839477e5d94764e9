//! Statements and blocks.

use super::targets::TargetUse;
use super::{span, PResult, Parser, Scope};
use crate::py::ast::*;
use crate::py::lexer::{Pos, Tok};

impl Parser<'_> {
    /// `file: statements ENDMARKER`
    pub(super) fn module(&mut self) -> PResult<Module> {
        let mut body = Vec::new();
        loop {
            match self.tok() {
                Tok::EndMarker => break,
                Tok::Newline => {
                    self.bump();
                }
                _ => body.extend(self.statement()?),
            }
        }
        Ok(Module { body })
    }

    /// One statement; a line of `;`-separated simple statements gives several.
    fn statement(&mut self) -> PResult<Vec<Stmt>> {
        self.enter()?;
        let result = self.statement_inner();
        self.leave();
        result
    }

    fn statement_inner(&mut self) -> PResult<Vec<Stmt>> {
        let stmt = match self.tok() {
            Tok::Indent => return Err(self.indentation_error_at_start("unexpected indent")),
            Tok::Op("@") => self.decorated()?,
            Tok::Name(n) => match n.as_str() {
                "def" => self.function_def(Vec::new(), self.start())?,
                "class" => self.class_def(Vec::new(), self.start())?,
                "if" => self.if_stmt()?,
                "while" => self.while_stmt()?,
                "for" => self.for_stmt()?,
                "try" => self.try_stmt()?,
                "with" => self.with_stmt()?,
                "async" => return Err(self.unsupported("'async' is not supported in ioplay")),
                "match" => return self.simple_stmts_or_match(),
                _ => return self.simple_stmts(),
            },
            _ => return self.simple_stmts(),
        };
        Ok(vec![stmt])
    }

    /// `match` is a soft keyword: a line starting with it is an ordinary statement if it parses as one,
    /// otherwise a `match` statement, which the subset does not have.
    fn simple_stmts_or_match(&mut self) -> PResult<Vec<Stmt>> {
        match self.probe(|p| p.simple_stmts()) {
            Ok(_) => self.simple_stmts(),
            Err(err) => {
                let ends_in_colon = self.probe(|p| {
                    while !matches!(p.tok(), Tok::Newline | Tok::EndMarker) {
                        p.bump();
                    }
                    Ok(matches!(p.tokens[p.pos - 1].tok, Tok::Op(":")))
                });
                if ends_in_colon.unwrap_or(false) && !matches!(self.peek_tok(1), Tok::Op(_) | Tok::Newline) {
                    return Err(self.unsupported("'match' statements are not supported in ioplay"));
                }
                Err(err)
            }
        }
    }

    fn unsupported(&self, msg: &str) -> crate::py::error::SyntaxError {
        self.error_at_token(self.pos, msg)
    }

    /// `unexpected indent` and friends: CPython puts the caret at column 0 (so none is drawn under an
    /// indented line).
    fn indentation_error_at_start(&self, msg: &str) -> crate::py::error::SyntaxError {
        let t = self.token();
        let at = Pos { line: t.start.line, col: 0 };
        self.error(crate::py::error::SyntaxErrorKind::IndentationError, msg, at, at)
    }

    /// `simple_stmt (';' simple_stmt)* [';'] NEWLINE`
    fn simple_stmts(&mut self) -> PResult<Vec<Stmt>> {
        let mut stmts = vec![self.simple_stmt()?];
        while self.eat_op(";") {
            if matches!(self.tok(), Tok::Newline) {
                break;
            }
            stmts.push(self.simple_stmt()?);
        }
        if !matches!(self.tok(), Tok::Newline) {
            return Err(self.after_statement_error(&stmts));
        }
        self.bump();
        Ok(stmts)
    }

    /// A simple statement was followed by something that is not `;` or the end of the line.
    fn after_statement_error(&mut self, stmts: &[Stmt]) -> crate::py::error::SyntaxError {
        // `print "x"`: CPython's hint for a Python 2 statement.
        if let Some(Stmt {
            kind: StmtKind::Expr(Expr { kind: ExprKind::Name(name), span: name_span }), ..
        }) = stmts.last()
        {
            if (name == "print" || name == "exec") && !self.at_op("(") {
                if let Ok(value) = self.probe(|p| p.star_expressions()) {
                    let msg = format!("Missing parentheses in call to '{name}'. Did you mean {name}(...)?");
                    return self.error_span(msg, name_span.to(value.span));
                }
            }
        }
        // The error stands where the first pass stopped. CPython's second pass then tries the rest as
        // another expression (to guess a missing comma); how far that reads decides whether an unclosed
        // bracket is reported instead.
        let err = self.invalid_syntax();
        let _ = self.probe(|p| p.expression());
        err
    }

    fn simple_stmt(&mut self) -> PResult<Stmt> {
        let start = self.start();
        let kind = match self.tok() {
            Tok::Name(n) => match n.as_str() {
                "pass" => {
                    self.bump();
                    StmtKind::Pass
                }
                "break" | "continue" => {
                    let is_break = n == "break";
                    self.bump();
                    if self.loop_depth == 0 {
                        let msg =
                            if is_break { "'break' outside loop" } else { "'continue' not properly in loop" };
                        let err = self.error_span(msg, self.span_from(start));
                        self.compiler_error(err);
                    }
                    if is_break {
                        StmtKind::Break
                    } else {
                        StmtKind::Continue
                    }
                }
                "return" => {
                    self.bump();
                    let value = if self.at_statement_end() { None } else { Some(self.star_expressions()?) };
                    if let Some(v) = &value {
                        self.check_not_starred(v);
                    }
                    if self.scope != Scope::Function {
                        let err = self.error_span("'return' outside function", self.span_from(start));
                        self.compiler_error(err);
                    }
                    StmtKind::Return(value)
                }
                "raise" => {
                    self.bump();
                    let (mut exc, mut cause) = (None, None);
                    if !self.at_statement_end() {
                        exc = Some(self.expression()?);
                        if self.eat_kw("from") {
                            cause = Some(self.expression()?);
                        }
                    }
                    StmtKind::Raise { exc, cause }
                }
                "global" | "nonlocal" => {
                    let is_global = n == "global";
                    self.bump();
                    let mut names = vec![self.name()?.0];
                    while self.eat_op(",") {
                        names.push(self.name()?.0);
                    }
                    if is_global {
                        StmtKind::Global(names)
                    } else {
                        if self.scope == Scope::Module {
                            let err = self.error_span(
                                "nonlocal declaration not allowed at module level",
                                self.span_from(start),
                            );
                            self.symtable_error(err);
                        }
                        StmtKind::Nonlocal(names)
                    }
                }
                "del" => {
                    self.bump();
                    let targets = self.del_targets()?;
                    StmtKind::Delete(targets)
                }
                "assert" => {
                    self.bump();
                    let test = self.expression()?;
                    let msg = if self.eat_op(",") { Some(self.expression()?) } else { None };
                    StmtKind::Assert { test, msg }
                }
                "import" => self.import()?,
                "from" => self.import_from()?,
                _ => self.expression_statement()?,
            },
            _ => self.expression_statement()?,
        };
        Ok(Stmt { span: self.span_from(start), kind })
    }

    /// A starred expression standing alone as a value (`x = *a`): CPython's compiler refuses it.
    fn check_not_starred(&mut self, value: &Expr) {
        if matches!(value.kind, ExprKind::Starred(_)) {
            self.compiler_error(self.error_span("can't use starred expression here", value.span));
        }
    }

    fn at_statement_end(&self) -> bool {
        matches!(self.tok(), Tok::Newline) || self.at_op(";")
    }

    /// `del a, b[0], c.d`
    fn del_targets(&mut self) -> PResult<Vec<Expr>> {
        let mut targets = Vec::new();
        loop {
            let target = self.bitwise_or()?;
            self.check_target(&target, TargetUse::Delete)?;
            targets.push(target);
            if !self.eat_op(",") || self.at_statement_end() {
                break;
            }
        }
        if !self.at_statement_end() {
            return Err(self.invalid_syntax());
        }
        Ok(targets)
    }

    /// Expression statements and every kind of assignment.
    fn expression_statement(&mut self) -> PResult<StmtKind> {
        let first = self.star_expressions_or_yield()?;
        if self.at_op(":") {
            return self.annotated_assignment(first);
        }
        if let Tok::Op(op) = self.tok() {
            if let Some(binop) = augmented_op(op) {
                self.check_aug_target(&first)?;
                self.bump();
                let value = self.star_expressions_or_yield()?;
                return Ok(StmtKind::AugAssign { target: first, op: binop, value });
            }
        }
        if !self.at_op("=") {
            self.check_not_starred(&first);
            return Ok(StmtKind::Expr(first));
        }
        let mut targets = vec![first];
        while self.eat_op("=") {
            targets.push(self.star_expressions_or_yield()?);
        }
        let value = targets.pop().expect("an assignment has a value");
        self.check_not_starred(&value);
        let single = targets.len() == 1;
        for target in &targets {
            self.check_assign_target(target, single)?;
        }
        Ok(StmtKind::Assign { targets, value })
    }

    fn annotated_assignment(&mut self, target: Expr) -> PResult<StmtKind> {
        let valid_target = matches!(
            target.kind,
            ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }
        );
        if !valid_target {
            // CPython names a bad target only when an annotation follows; else the `:` is just wrong.
            let generic = self.invalid_syntax();
            if self
                .probe(|p| {
                    p.bump();
                    p.expression()
                })
                .is_err()
            {
                return Err(generic);
            }
        }
        match &target.kind {
            ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => {}
            ExprKind::Tuple(elts) if !elts.is_empty() && !self.is_parenthesized(&target) => {
                return Err(self.error_span("only single target (not tuple) can be annotated", elts[0].span));
            }
            ExprKind::Tuple(_) => {
                return Err(self.error_span("only single target (not tuple) can be annotated", target.span))
            }
            ExprKind::List(_) => {
                return Err(self.error_span("only single target (not list) can be annotated", target.span))
            }
            _ => return Err(self.error_span("illegal target for annotation", target.span)),
        }
        self.bump();
        let annotation = self.expression()?;
        let value = if self.eat_op("=") { Some(self.star_expressions_or_yield()?) } else { None };
        Ok(StmtKind::AnnAssign { target, annotation, value })
    }

    /// Whether the source at an expression's start is an opening parenthesis that belongs to it.
    fn is_parenthesized(&self, expr: &Expr) -> bool {
        let line = self.line_text(expr.span.line);
        line.chars().nth(expr.span.col as usize) == Some('(')
    }

    fn import(&mut self) -> PResult<StmtKind> {
        self.bump();
        let mut names = Vec::new();
        loop {
            let start = self.start();
            let name = self.dotted_name()?;
            let asname = if self.eat_kw("as") { Some(self.name()?.0) } else { None };
            names.push(Alias { name, asname, span: self.span_from(start) });
            if !self.eat_op(",") {
                break;
            }
        }
        Ok(StmtKind::Import(names))
    }

    fn dotted_name(&mut self) -> PResult<String> {
        let mut name = self.name()?.0;
        while self.at_op(".") {
            self.bump();
            name.push('.');
            name.push_str(&self.name()?.0);
        }
        Ok(name)
    }

    fn import_from(&mut self) -> PResult<StmtKind> {
        self.bump();
        let mut level = 0;
        loop {
            if self.eat_op(".") {
                level += 1;
            } else if self.eat_op("...") {
                level += 3;
            } else {
                break;
            }
        }
        let module = if level > 0 && self.at_kw("import") { String::new() } else { self.dotted_name()? };
        self.expect_kw("import")?;
        if self.at_op("*") {
            let t = self.bump();
            let names = vec![Alias { name: "*".into(), asname: None, span: span(t.start, t.end) }];
            return Ok(StmtKind::ImportFrom { module, names, level });
        }
        let parenthesized = self.eat_op("(");
        let mut names = Vec::new();
        loop {
            let start = self.start();
            let name = self.name()?.0;
            let asname = if self.eat_kw("as") { Some(self.name()?.0) } else { None };
            names.push(Alias { name, asname, span: self.span_from(start) });
            if !self.eat_op(",") {
                break;
            }
            if parenthesized && self.at_op(")") {
                break;
            }
            if !parenthesized && self.at_statement_end() {
                return Err(self
                    .error_at_token(self.pos, "trailing comma not allowed without surrounding parentheses"));
            }
        }
        if parenthesized {
            self.expect_op(")")?;
        }
        Ok(StmtKind::ImportFrom { module, names, level })
    }

    /// The body of a compound statement after its `:`; `what` names the statement for CPython's
    /// "expected an indented block after … on line N".
    fn block(&mut self, what: &str, line: u32) -> PResult<Vec<Stmt>> {
        if !matches!(self.tok(), Tok::Newline) {
            return self.simple_stmts();
        }
        self.bump();
        if matches!(self.tok(), Tok::EndMarker) {
            // At the end of the file CPython names the file's last line, with no caret.
            let msg = format!("expected an indented block after {what} on line {line}");
            let last = self.lines.len()
                - usize::from(self.lines.len() > 1 && self.lines.last().is_some_and(|l| l.is_empty()));
            let at = Pos { line: last as u32, col: 0 };
            let mut err = self.error(crate::py::error::SyntaxErrorKind::IndentationError, msg, at, at);
            err.offset = 0;
            return Err(err);
        }
        if !matches!(self.tok(), Tok::Indent) {
            // The caret goes under the next token; a DEDENT has no column, so then CPython draws none.
            let t = self.token();
            let dedent = matches!(t.tok, Tok::Dedent);
            let msg = format!("expected an indented block after {what} on line {line}");
            let kind = crate::py::error::SyntaxErrorKind::IndentationError;
            let mut err = self.error(kind, msg, t.start, t.start);
            if dedent {
                err.offset = 0;
            }
            return Err(err);
        }
        self.bump();
        let mut body = Vec::new();
        while !matches!(self.tok(), Tok::Dedent | Tok::EndMarker) {
            if matches!(self.tok(), Tok::Newline) {
                self.bump();
                continue;
            }
            body.extend(self.statement()?);
        }
        if matches!(self.tok(), Tok::Dedent) {
            self.bump();
        }
        Ok(body)
    }

    fn if_stmt(&mut self) -> PResult<Stmt> {
        let start = self.start();
        let keyword = self.bump();
        let what = match &keyword.tok {
            Tok::Name(n) if n == "elif" => "'elif' statement",
            _ => "'if' statement",
        };
        let test = self.named_expression()?;
        self.expect_colon()?;
        let body = self.block(what, start.line)?;
        let orelse = if self.at_kw("elif") { vec![self.if_stmt()?] } else { self.else_block()? };
        Ok(Stmt { span: self.span_from(start), kind: StmtKind::If { test, body, orelse } })
    }

    fn else_block(&mut self) -> PResult<Vec<Stmt>> {
        if !self.at_kw("else") {
            return Ok(Vec::new());
        }
        let line = self.bump().start.line;
        self.expect_colon_forced()?;
        self.block("'else' statement", line)
    }

    fn while_stmt(&mut self) -> PResult<Stmt> {
        let start = self.bump().start;
        let test = self.named_expression()?;
        self.expect_colon()?;
        self.loop_depth += 1;
        let body = self.block("'while' statement", start.line);
        self.loop_depth -= 1;
        let body = body?;
        let orelse = self.else_block()?;
        Ok(Stmt { span: self.span_from(start), kind: StmtKind::While { test, body, orelse } })
    }

    fn for_stmt(&mut self) -> PResult<Stmt> {
        let start = self.bump().start;
        let target_at = self.pos;
        let target = self.target_list()?;
        if !self.at_kw("in") {
            return Err(self.for_target_error(target_at));
        }
        self.bump();
        let iter = self.star_expressions()?;
        self.expect_colon()?;
        self.loop_depth += 1;
        let body = self.block("'for' statement", start.line);
        self.loop_depth -= 1;
        let body = body?;
        let orelse = self.else_block()?;
        Ok(Stmt { span: self.span_from(start), kind: StmtKind::For { target, iter, body, orelse } })
    }

    fn try_stmt(&mut self) -> PResult<Stmt> {
        let start = self.bump().start;
        self.expect_colon_forced()?;
        let body = self.block("'try' statement", start.line)?;
        let mut handlers = Vec::new();
        while self.at_kw("except") {
            let hstart = self.bump().start;
            let (mut typ, mut name) = (None, None);
            if matches!(self.tok(), Tok::Newline) {
                return Err(self.error_at_token(self.pos, "expected ':'"));
            }
            if !self.at_op(":") {
                if self.at_op("*") {
                    return Err(self.unsupported("'except*' is not supported in ioplay"));
                }
                let first = self.expression()?;
                if self.at_op(",") {
                    // `except A, B:` is the Python 2 spelling; CPython asks for parentheses.
                    let mut last = first.span;
                    while self.eat_op(",") {
                        last = self.expression()?.span;
                    }
                    let msg = "multiple exception types must be parenthesized";
                    return Err(self.error_span(msg, first.span.to(last)));
                }
                typ = Some(first);
                if self.eat_kw("as") {
                    name = Some(self.name()?.0);
                }
            }
            self.expect_colon()?;
            let hbody = self.block("'except' statement", hstart.line)?;
            handlers.push(ExceptHandler { span: self.span_from(hstart), typ, name, body: hbody });
        }
        let orelse = if !handlers.is_empty() { self.else_block()? } else { Vec::new() };
        let finalbody = if self.at_kw("finally") {
            let line = self.bump().start.line;
            self.expect_colon_forced()?;
            self.block("'finally' statement", line)?
        } else {
            Vec::new()
        };
        if handlers.is_empty() && finalbody.is_empty() {
            return Err(self.error_at_token(self.pos, "expected 'except' or 'finally' block"));
        }
        Ok(Stmt { span: self.span_from(start), kind: StmtKind::Try { body, handlers, orelse, finalbody } })
    }

    fn with_stmt(&mut self) -> PResult<Stmt> {
        let start = self.bump().start;
        let mut items = Vec::new();
        // `with (a as b, c as d):` — parenthesized items (3.10+) — is told apart from a parenthesized
        // expression by trying it.
        let parenthesized = self.at_op("(")
            && self
                .probe(|p| {
                    p.bump();
                    p.with_items(&mut Vec::new(), true)?;
                    p.expect_op(")")?;
                    if p.at_op(":") || matches!(p.tok(), Tok::Newline) {
                        Ok(())
                    } else {
                        Err(p.invalid_syntax())
                    }
                })
                .is_ok();
        if parenthesized {
            self.bump();
            self.with_items(&mut items, true)?;
            self.expect_op(")")?;
        } else {
            self.with_items(&mut items, false)?;
        }
        self.expect_colon()?;
        let body = self.block("'with' statement", start.line)?;
        Ok(Stmt { span: self.span_from(start), kind: StmtKind::With { items, body } })
    }

    fn with_items(&mut self, items: &mut Vec<WithItem>, parenthesized: bool) -> PResult<()> {
        loop {
            let context = self.expression()?;
            let target = if self.eat_kw("as") {
                let target = self.star_target()?;
                self.check_target(&target, TargetUse::Store)?;
                Some(target)
            } else {
                None
            };
            items.push(WithItem { context, target });
            if !self.eat_op(",") {
                return Ok(());
            }
            if parenthesized && self.at_op(")") {
                return Ok(());
            }
        }
    }

    fn decorated(&mut self) -> PResult<Stmt> {
        let mut decorators = Vec::new();
        while self.eat_op("@") {
            decorators.push(self.named_expression()?);
            if !matches!(self.tok(), Tok::Newline) {
                return Err(self.invalid_syntax());
            }
            self.bump();
        }
        let start = self.start();
        if self.at_kw("def") {
            self.function_def(decorators, start)
        } else if self.at_kw("class") {
            self.class_def(decorators, start)
        } else {
            Err(self.invalid_syntax())
        }
    }

    fn function_def(&mut self, decorators: Vec<Expr>, start: Pos) -> PResult<Stmt> {
        self.bump();
        let (name, _) = self.name()?;
        if !self.eat_op("(") {
            // A forced token in CPython's grammar: it names what it expected, wherever it is.
            return Err(self.error_at_token(self.pos, "expected '('"));
        }
        let args = self.parameters(")")?;
        self.expect_op(")")?;
        let returns = if self.eat_op("->") { Some(self.expression()?) } else { None };
        self.expect_colon_forced()?;
        let (scope, loops) = (self.scope, self.loop_depth);
        self.scope = Scope::Function;
        self.loop_depth = 0;
        let body = self.block("function definition", start.line);
        self.scope = scope;
        self.loop_depth = loops;
        let body = body?;
        Ok(Stmt {
            span: self.span_from(start),
            kind: StmtKind::FunctionDef(Box::new(FunctionDef { name, args, body, decorators, returns })),
        })
    }

    fn class_def(&mut self, decorators: Vec<Expr>, start: Pos) -> PResult<Stmt> {
        self.bump();
        let (name, _) = self.name()?;
        let (mut bases, mut keywords) = (Vec::new(), Vec::new());
        if self.at_op("(") {
            let open = self.bump().start;
            let (args, kws) = self.call_arguments(open)?;
            bases = args;
            keywords = kws;
        }
        self.expect_colon()?;
        let (scope, loops) = (self.scope, self.loop_depth);
        self.scope = Scope::Class;
        self.loop_depth = 0;
        let body = self.block("class definition", start.line);
        self.scope = scope;
        self.loop_depth = loops;
        let body = body?;
        Ok(Stmt {
            span: self.span_from(start),
            kind: StmtKind::ClassDef(Box::new(ClassDef { name, bases, keywords, body, decorators })),
        })
    }
}

fn augmented_op(op: &str) -> Option<BinOp> {
    Some(match op {
        "+=" => BinOp::Add,
        "-=" => BinOp::Sub,
        "*=" => BinOp::Mult,
        "@=" => BinOp::MatMult,
        "/=" => BinOp::Div,
        "//=" => BinOp::FloorDiv,
        "%=" => BinOp::Mod,
        "**=" => BinOp::Pow,
        "<<=" => BinOp::LShift,
        ">>=" => BinOp::RShift,
        "|=" => BinOp::BitOr,
        "^=" => BinOp::BitXor,
        "&=" => BinOp::BitAnd,
        _ => return None,
    })
}
