//! Expressions, from `lambda` and conditional expressions down to atoms, with Python's precedence.
//! Binary operators use precedence climbing, so a nesting level costs few Rust frames.

use super::targets::TargetUse;
use super::{span, PResult, Parser, Scope};
use crate::py::ast::*;
use crate::py::lexer::{self, Pos, Tok};

/// Binary operators by precedence, lowest first (`|` binds loosest, `*` tightest).
fn binary_op(op: &str) -> Option<(u8, BinOp)> {
    Some(match op {
        "|" => (1, BinOp::BitOr),
        "^" => (2, BinOp::BitXor),
        "&" => (3, BinOp::BitAnd),
        "<<" => (4, BinOp::LShift),
        ">>" => (4, BinOp::RShift),
        "+" => (5, BinOp::Add),
        "-" => (5, BinOp::Sub),
        "*" => (6, BinOp::Mult),
        "/" => (6, BinOp::Div),
        "//" => (6, BinOp::FloorDiv),
        "%" => (6, BinOp::Mod),
        "@" => (6, BinOp::MatMult),
        _ => return None,
    })
}

impl Parser<'_> {
    fn node(&mut self, start: Pos, kind: ExprKind) -> Expr {
        let expr = Expr { span: self.span_from(start), kind };
        self.check_comprehension_scope(&expr);
        expr
    }

    /// A comprehension is a scope of its own, where CPython's symbol table refuses `yield` (except in
    /// the first iterable, which the enclosing scope evaluates).
    fn check_comprehension_scope(&mut self, e: &Expr) {
        let (what, own, generators): (&str, Vec<&Expr>, &[Comprehension]) = match &e.kind {
            ExprKind::ListComp { elt, generators } => ("list comprehension", vec![elt], generators),
            ExprKind::SetComp { elt, generators } => ("set comprehension", vec![elt], generators),
            ExprKind::GeneratorExp { elt, generators } => ("generator expression", vec![elt], generators),
            ExprKind::DictComp { key, value, generators } => {
                ("dict comprehension", vec![key, value], generators)
            }
            _ => return,
        };
        let mut parts = own;
        for (k, g) in generators.iter().enumerate() {
            if k > 0 {
                parts.push(&g.iter);
            }
            parts.extend(g.ifs.iter());
        }
        if let Some(y) = parts.into_iter().find_map(first_yield) {
            let msg = format!("'yield' inside {what}");
            self.symtable_error(self.error_span(msg, y.span));
        }
    }

    /// `star_expressions`: `a`, or `a, *b, c` as a tuple without parentheses.
    pub(super) fn star_expressions(&mut self) -> PResult<Expr> {
        let start = self.start();
        let first = self.star_expression()?;
        if !self.at_op(",") {
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat_op(",") {
            if !self.starts_expression() && !self.at_op("*") {
                break;
            }
            elts.push(self.star_expression()?);
        }
        Ok(self.node(start, ExprKind::Tuple(elts)))
    }

    /// The right-hand side of an assignment, or an expression statement: may be a `yield`.
    pub(super) fn star_expressions_or_yield(&mut self) -> PResult<Expr> {
        if self.at_kw("yield") {
            return self.yield_expr();
        }
        self.star_expressions()
    }

    fn star_expression(&mut self) -> PResult<Expr> {
        if self.at_op("*") {
            let start = self.bump().start;
            let value = self.bitwise_or()?;
            return Ok(self.node(start, ExprKind::Starred(Box::new(value))));
        }
        self.expression()
    }

    /// Whether the current token can begin an expression.
    pub(super) fn starts_expression(&self) -> bool {
        match self.tok() {
            Tok::Name(n) => {
                !lexer::is_keyword(n)
                    || matches!(n.as_str(), "None" | "True" | "False" | "not" | "lambda" | "await" | "yield")
            }
            Tok::Int(_) | Tok::Float(_) | Tok::Str(_) => true,
            Tok::Op(op) => matches!(*op, "(" | "[" | "{" | "-" | "+" | "~" | "..." | "*"),
            _ => false,
        }
    }

    /// `named_expression`: an expression where `:=` could stand (not in the subset).
    pub(super) fn named_expression(&mut self) -> PResult<Expr> {
        let expr = self.expression()?;
        if self.at_op("=") {
            return Err(self.assignment_in_expression(expr));
        }
        self.refuse_walrus()?;
        Ok(expr)
    }

    fn refuse_walrus(&self) -> PResult<()> {
        if self.at_op(":=") {
            return Err(
                self.error_at_token(self.pos, "assignment expressions (:=) are not supported in ioplay")
            );
        }
        Ok(())
    }

    /// `expression`: a conditional expression, a lambda, or a disjunction.
    pub(super) fn expression(&mut self) -> PResult<Expr> {
        self.enter()?;
        let result = self.expression_inner();
        self.leave();
        result
    }

    fn expression_inner(&mut self) -> PResult<Expr> {
        if self.at_kw("lambda") {
            return self.lambda();
        }
        let start = self.start();
        let body = self.disjunction()?;
        if self.at_kw("if") {
            self.bump();
            let test = self.disjunction()?;
            if !self.at_kw("else") {
                if !self.at_op(":") {
                    let msg = "expected 'else' after 'if' expression";
                    return Err(self.error_span(msg, body.span.to(test.span)));
                }
                return Err(self.invalid_syntax());
            }
            self.bump();
            let orelse = self.expression()?;
            return Ok(self.node(
                start,
                ExprKind::IfExp { test: Box::new(test), body: Box::new(body), orelse: Box::new(orelse) },
            ));
        }
        if self.bracket_depth > 0 && self.starts_juxtaposed_expression() {
            // Two expressions side by side inside brackets: CPython guesses a missing comma.
            let name_then_string =
                matches!(body.kind, ExprKind::Name(_)) && matches!(self.tok(), Tok::Str(_));
            if !name_then_string {
                // CPython's `expression_without_invalid`: a conditional expression, or else a disjunction.
                let next = self.probe(|p| p.expression()).or_else(|_| self.probe(|p| p.disjunction()));
                if let Ok(next) = next {
                    let msg = "invalid syntax. Perhaps you forgot a comma?";
                    return Err(self.error_span(msg, body.span.to(next.span)));
                }
            }
        }
        Ok(body)
    }

    fn starts_juxtaposed_expression(&self) -> bool {
        match self.tok() {
            Tok::Name(n) => {
                !lexer::is_keyword(n) || matches!(n.as_str(), "None" | "True" | "False" | "lambda")
            }
            Tok::Int(_) | Tok::Float(_) | Tok::Str(_) => true,
            Tok::Op(op) => matches!(*op, "{" | "..." | "~"),
            _ => false,
        }
    }

    fn lambda(&mut self) -> PResult<Expr> {
        let start = self.bump().start;
        let args = self.parameters(":")?;
        if !self.at_op(":") {
            return Err(self.invalid_syntax());
        }
        self.bump();
        let (scope, loops) = (self.scope, self.loop_depth);
        self.scope = Scope::Function;
        self.loop_depth = 0;
        let body = self.expression();
        self.scope = scope;
        self.loop_depth = loops;
        let body = body?;
        Ok(self.node(start, ExprKind::Lambda { args: Box::new(args), body: Box::new(body) }))
    }

    fn disjunction(&mut self) -> PResult<Expr> {
        self.bool_chain("or", BoolOp::Or)
    }

    fn conjunction(&mut self) -> PResult<Expr> {
        self.bool_chain("and", BoolOp::And)
    }

    fn bool_chain(&mut self, kw: &str, op: BoolOp) -> PResult<Expr> {
        let start = self.start();
        let operand = |p: &mut Self| {
            if op == BoolOp::Or {
                p.conjunction()
            } else {
                p.inversion()
            }
        };
        let first = operand(self)?;
        if !self.at_kw(kw) {
            return Ok(first);
        }
        let mut values = vec![first];
        while self.eat_kw(kw) {
            values.push(operand(self)?);
        }
        Ok(self.node(start, ExprKind::BoolOp { op, values }))
    }

    fn inversion(&mut self) -> PResult<Expr> {
        if self.at_kw("not") {
            let start = self.bump().start;
            self.enter()?;
            let operand = self.inversion();
            self.leave();
            let operand = operand?;
            return Ok(self.node(start, ExprKind::UnaryOp { op: UnaryOp::Not, operand: Box::new(operand) }));
        }
        self.comparison()
    }

    fn comparison_op(&self) -> Option<(CmpOp, usize)> {
        Some(match self.tok() {
            Tok::Op("==") => (CmpOp::Eq, 1),
            Tok::Op("!=") => (CmpOp::NotEq, 1),
            Tok::Op("<") => (CmpOp::Lt, 1),
            Tok::Op("<=") => (CmpOp::LtE, 1),
            Tok::Op(">") => (CmpOp::Gt, 1),
            Tok::Op(">=") => (CmpOp::GtE, 1),
            Tok::Name(n) if n == "in" => (CmpOp::In, 1),
            Tok::Name(n) if n == "not" && matches!(self.peek_tok(1), Tok::Name(m) if m == "in") => {
                (CmpOp::NotIn, 2)
            }
            Tok::Name(n) if n == "is" => {
                if matches!(self.peek_tok(1), Tok::Name(m) if m == "not") {
                    (CmpOp::IsNot, 2)
                } else {
                    (CmpOp::Is, 1)
                }
            }
            _ => return None,
        })
    }

    fn comparison(&mut self) -> PResult<Expr> {
        let start = self.start();
        let left = self.bitwise_or()?;
        let mut ops = Vec::new();
        let mut comparators = Vec::new();
        while let Some((op, len)) = self.comparison_op() {
            for _ in 0..len {
                self.bump();
            }
            ops.push(op);
            comparators.push(self.bitwise_or()?);
        }
        if ops.is_empty() {
            return Ok(left);
        }
        Ok(self.node(start, ExprKind::Compare { left: Box::new(left), ops, comparators }))
    }

    pub(super) fn bitwise_or(&mut self) -> PResult<Expr> {
        self.binary(1)
    }

    /// Precedence climbing over the binary operators binding at least as tightly as `min`.
    fn binary(&mut self, min: u8) -> PResult<Expr> {
        let start = self.start();
        let mut left = self.factor()?;
        while let Tok::Op(op) = self.tok() {
            let Some((prec, binop)) = binary_op(op) else { break };
            if prec < min {
                break;
            }
            self.bump();
            self.enter()?;
            let right = self.binary(prec + 1);
            self.leave();
            let right = right?;
            left =
                self.node(start, ExprKind::BinOp { left: Box::new(left), op: binop, right: Box::new(right) });
        }
        Ok(left)
    }

    /// `factor`: unary `+`, `-`, `~`, then `**`.
    fn factor(&mut self) -> PResult<Expr> {
        let op = match self.tok() {
            Tok::Op("+") => UnaryOp::UAdd,
            Tok::Op("-") => UnaryOp::USub,
            Tok::Op("~") => UnaryOp::Invert,
            _ => return self.power(),
        };
        let start = self.bump().start;
        self.enter()?;
        let operand = self.factor();
        self.leave();
        let operand = operand?;
        Ok(self.node(start, ExprKind::UnaryOp { op, operand: Box::new(operand) }))
    }

    fn power(&mut self) -> PResult<Expr> {
        let start = self.start();
        if self.at_kw("await") {
            return Err(self.error_at_token(self.pos, "'await' is not supported in ioplay"));
        }
        let base = self.primary()?;
        if !self.eat_op("**") {
            return Ok(base);
        }
        self.enter()?;
        let exponent = self.factor();
        self.leave();
        let exponent = exponent?;
        Ok(self
            .node(start, ExprKind::BinOp { left: Box::new(base), op: BinOp::Pow, right: Box::new(exponent) }))
    }

    /// An atom followed by any number of `.name`, `(args)` and `[subscript]`.
    fn primary(&mut self) -> PResult<Expr> {
        let start = self.start();
        let mut expr = self.atom()?;
        loop {
            if self.eat_op(".") {
                let (attr, _) = self.name()?;
                expr = self.node(start, ExprKind::Attribute { value: Box::new(expr), attr });
            } else if self.at_op("(") {
                let open = self.bump().start;
                let (args, keywords) = self.call_arguments(open)?;
                expr = self.node(start, ExprKind::Call { func: Box::new(expr), args, keywords });
            } else if self.at_op("[") {
                self.bump();
                self.bracket_depth += 1;
                let slice = self.slices();
                self.bracket_depth -= 1;
                let slice = slice?;
                self.expect_op("]")?;
                expr =
                    self.node(start, ExprKind::Subscript { value: Box::new(expr), slice: Box::new(slice) });
            } else {
                return Ok(expr);
            }
        }
    }

    /// What stands between `[` and `]` after a value: one slice or expression, or a tuple of them.
    fn slices(&mut self) -> PResult<Expr> {
        let start = self.start();
        let first = self.slice()?;
        if !self.at_op(",") && !matches!(first.kind, ExprKind::Starred(_)) {
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat_op(",") {
            if self.at_op("]") {
                break;
            }
            elts.push(self.slice()?);
        }
        Ok(self.node(start, ExprKind::Tuple(elts)))
    }

    fn slice(&mut self) -> PResult<Expr> {
        let start = self.start();
        if self.at_op("*") {
            return self.star_expression();
        }
        let lower = if self.at_op(":") {
            None
        } else {
            let e = self.named_expression()?;
            if !self.at_op(":") {
                return Ok(e);
            }
            Some(Box::new(e))
        };
        self.expect_op(":")?;
        let upper = if self.at_op(":") || self.at_op(",") || self.at_op("]") {
            None
        } else {
            Some(Box::new(self.expression()?))
        };
        let step = if self.eat_op(":") {
            if self.at_op(",") || self.at_op("]") {
                None
            } else {
                Some(Box::new(self.expression()?))
            }
        } else {
            None
        };
        Ok(self.node(start, ExprKind::Slice { lower, upper, step }))
    }

    /// Arguments of a call (or a class header), after its `(`, through its `)`.
    pub(super) fn call_arguments(&mut self, open: Pos) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
        self.bracket_depth += 1;
        let result = self.call_arguments_inner(open);
        self.bracket_depth -= 1;
        result
    }

    fn call_arguments_inner(&mut self, open: Pos) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
        let mut args: Vec<Expr> = Vec::new();
        let mut keywords: Vec<Keyword> = Vec::new();
        let mut seen_kwargs_spread = false;
        let mut seen_keyword = false;
        while !self.at_op(")") {
            let start = self.start();
            if self.at_op("**") {
                self.bump();
                let value = self.expression()?;
                seen_kwargs_spread = true;
                keywords.push(Keyword { arg: None, value, span: self.span_from(start) });
            } else if self.at_op("*") {
                if seen_kwargs_spread {
                    let msg = "iterable argument unpacking follows keyword argument unpacking";
                    return Err(self.error_at_start(msg));
                }
                // `*expression` (not `*bitwise_or`) in a call, as CPython's grammar has it.
                let start = self.bump().start;
                let value = self.expression()?;
                args.push(self.node(start, ExprKind::Starred(Box::new(value))));
            } else if self.at_name() && matches!(self.peek_tok(1), Tok::Op("=")) {
                let (name, _) = self.name()?;
                let equals = self.bump();
                let value = self.expression()?;
                if self.at_kw("for") {
                    let msg = "invalid syntax. Maybe you meant '==' or ':=' instead of '='?";
                    return Err(self.error(
                        crate::py::error::SyntaxErrorKind::SyntaxError,
                        msg,
                        start,
                        equals.end,
                    ));
                }
                let kw_span = self.span_from(start);
                if keywords.iter().any(|k| k.arg.as_deref() == Some(name.as_str())) {
                    let msg = format!("keyword argument repeated: {name}");
                    self.compiler_error(self.error_span(msg, kw_span));
                }
                seen_keyword = true;
                keywords.push(Keyword { arg: Some(name), value, span: kw_span });
            } else {
                // Not `named_expression`: an `=` here is a bad keyword, with its own messages below.
                let value = self.expression()?;
                self.refuse_walrus()?;
                if self.at_kw("for") {
                    let generators = self.comprehension_clauses()?;
                    let sole = args.is_empty() && keywords.is_empty() && self.at_op(")");
                    let genexp = ExprKind::GeneratorExp { elt: Box::new(value), generators };
                    if sole {
                        let close = self.bump().end;
                        let genexp = Expr { span: span(open, close), kind: genexp };
                        self.check_comprehension_scope(&genexp);
                        return Ok((vec![genexp], keywords));
                    }
                    let msg = "Generator expression must be parenthesized";
                    return Err(self.error_span(msg, self.span_from(start)));
                }
                if self.at_op("=") {
                    return Err(self.keyword_target_error(&value));
                }
                // CPython reports these at the token after the argument.
                if seen_kwargs_spread {
                    return Err(self.error_at_start("positional argument follows keyword argument unpacking"));
                }
                if seen_keyword {
                    return Err(self.error_at_start("positional argument follows keyword argument"));
                }
                args.push(value);
            }
            if !self.eat_op(",") {
                break;
            }
        }
        self.expect_op(")")?;
        Ok((args, keywords))
    }

    /// `if x = 5:` — an `=` where an expression must stand: CPython guesses `==` (or `:=`) was meant,
    /// if what follows is a value not itself followed by `=`.
    fn assignment_in_expression(&mut self, target: Expr) -> crate::py::error::SyntaxError {
        let generic = self.invalid_syntax();
        let value = self.probe(|p| {
            p.bump();
            let value = p.bitwise_or()?;
            if p.at_op("=") || p.at_op(":=") {
                return Err(p.invalid_syntax());
            }
            Ok(value)
        });
        let Ok(value) = value else { return generic };
        match &target.kind {
            ExprKind::Name(_) => self.error_span(
                "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                target.span.to(value.span),
            ),
            ExprKind::List(_)
            | ExprKind::Tuple(_)
            | ExprKind::GeneratorExp { .. }
            | ExprKind::Constant(Constant::Bool(_) | Constant::None) => generic,
            _ if super::targets::is_bitwise_or(&target) => {
                let what = super::targets::describe(&target);
                let msg = format!("cannot assign to {what} here. Maybe you meant '==' instead of '='?");
                self.error_span(msg, target.span)
            }
            _ => generic,
        }
    }

    /// `f(a.b=1)`, `f(1=2)`: CPython's messages for a bad keyword.
    fn keyword_target_error(&self, value: &Expr) -> crate::py::error::SyntaxError {
        match &value.kind {
            ExprKind::Constant(Constant::Bool(_) | Constant::None) => {
                let msg = format!("cannot assign to {}", super::targets::describe(value));
                self.error_span(msg, value.span.to(self.token_span(self.pos)))
            }
            _ => self.error_span(
                "expression cannot contain assignment, perhaps you meant \"==\"?",
                value.span.to(self.token_span(self.pos)),
            ),
        }
    }

    /// An error with one caret at the start of the current token.
    fn error_at_start(&self, msg: &str) -> crate::py::error::SyntaxError {
        let at = self.start();
        self.error(crate::py::error::SyntaxErrorKind::SyntaxError, msg, at, at)
    }

    fn token_span(&self, index: usize) -> Span {
        let t = &self.tokens[index];
        span(t.start, t.end)
    }

    /// The clauses of a comprehension whose element is `elt`, which may not be starred.
    fn comprehension_of(&mut self, elt: &Expr) -> PResult<Vec<Comprehension>> {
        if matches!(elt.kind, ExprKind::Starred(_)) {
            return Err(self.error_span("iterable unpacking cannot be used in comprehension", elt.span));
        }
        self.comprehension_clauses()
    }

    /// `for target in iter if cond ...` clauses, at least one.
    pub(super) fn comprehension_clauses(&mut self) -> PResult<Vec<Comprehension>> {
        let mut generators = Vec::new();
        while self.at_kw("for") {
            self.bump();
            if self.at_kw("async") {
                return Err(self.error_at_token(self.pos, "'async' is not supported in ioplay"));
            }
            let target_at = self.pos;
            let target = self.target_list()?;
            if !self.at_kw("in") {
                return Err(self.for_target_error(target_at));
            }
            self.bump();
            let iter = self.disjunction()?;
            let mut ifs = Vec::new();
            while self.eat_kw("if") {
                ifs.push(self.disjunction()?);
            }
            generators.push(Comprehension { target, iter, ifs });
        }
        Ok(generators)
    }

    /// `for` targets not followed by `in`: CPython re-reads them as expressions, which inside brackets
    /// may guess a missing comma (`for y inx`); otherwise the generic error stands.
    pub(super) fn for_target_error(&mut self, target_at: usize) -> crate::py::error::SyntaxError {
        let generic = self.invalid_syntax();
        let reread = self.probe(|p| {
            p.pos = target_at;
            p.star_expressions()
        });
        match reread {
            Err(err) if err.msg == "invalid syntax. Perhaps you forgot a comma?" => err,
            _ => generic,
        }
    }

    /// The targets of `for` (statement or comprehension): `a`, `a, b`, `(a, *b)`.
    pub(super) fn target_list(&mut self) -> PResult<Expr> {
        let start = self.start();
        let first = self.star_target()?;
        let target = if self.at_op(",") {
            let mut elts = vec![first];
            while self.eat_op(",") {
                if self.at_kw("in") || self.at_op("=") {
                    break;
                }
                elts.push(self.star_target()?);
            }
            self.node(start, ExprKind::Tuple(elts))
        } else {
            first
        };
        self.check_target(&target, TargetUse::Store)?;
        Ok(target)
    }

    pub(super) fn star_target(&mut self) -> PResult<Expr> {
        if self.at_op("*") {
            let start = self.bump().start;
            let value = self.bitwise_or()?;
            return Ok(self.node(start, ExprKind::Starred(Box::new(value))));
        }
        self.bitwise_or()
    }

    pub(super) fn yield_expr(&mut self) -> PResult<Expr> {
        let start = self.bump().start;
        let kind = if self.eat_kw("from") {
            ExprKind::YieldFrom(Box::new(self.expression()?))
        } else if self.starts_expression() {
            ExprKind::Yield(Some(Box::new(self.star_expressions()?)))
        } else {
            ExprKind::Yield(None)
        };
        let expr = self.node(start, kind);
        if self.scope != Scope::Function {
            self.compiler_error(self.error_span("'yield' outside function", expr.span));
        }
        Ok(expr)
    }

    fn atom(&mut self) -> PResult<Expr> {
        let start = self.start();
        let kind = match self.tok().clone() {
            Tok::Name(n) => match n.as_str() {
                "None" => ExprKind::Constant(Constant::None),
                "True" => ExprKind::Constant(Constant::Bool(true)),
                "False" => ExprKind::Constant(Constant::Bool(false)),
                _ if lexer::is_keyword(&n) => return Err(self.invalid_syntax()),
                _ => ExprKind::Name(n),
            },
            Tok::Int(i) => ExprKind::Constant(Constant::Int(i)),
            Tok::Float(f) => ExprKind::Constant(Constant::Float(f)),
            Tok::Str(_) => return self.strings(),
            Tok::Op("...") => ExprKind::Constant(Constant::Ellipsis),
            Tok::Op("(") => return self.bracketed(Self::paren_body),
            Tok::Op("[") => return self.bracketed(Self::list_body),
            Tok::Op("{") => return self.bracketed(Self::brace_body),
            _ => return Err(self.invalid_syntax()),
        };
        self.bump();
        Ok(self.node(start, kind))
    }

    /// Parses a bracketed display with `body`, which gets the opening position and consumes the closer.
    fn bracketed(&mut self, body: fn(&mut Self, Pos) -> PResult<Expr>) -> PResult<Expr> {
        let open = self.bump().start;
        self.enter()?;
        self.bracket_depth += 1;
        let result = body(self, open);
        self.bracket_depth -= 1;
        self.leave();
        result
    }

    /// `()`, `(x)`, `(x,)`, `(x for ...)`, `(yield x)`.
    fn paren_body(&mut self, open: Pos) -> PResult<Expr> {
        if self.at_op(")") {
            self.bump();
            return Ok(self.node(open, ExprKind::Tuple(Vec::new())));
        }
        if self.at_kw("yield") {
            let value = self.yield_expr()?;
            self.expect_op(")")?;
            return Ok(value);
        }
        let first = self.star_named_expression()?;
        if self.at_kw("for") {
            let generators = self.comprehension_of(&first)?;
            self.expect_op(")")?;
            return Ok(self.node(open, ExprKind::GeneratorExp { elt: Box::new(first), generators }));
        }
        if self.at_op(")") {
            self.bump();
            if matches!(first.kind, ExprKind::Starred(_)) {
                return Err(self.error_span("cannot use starred expression here", first.span));
            }
            return Ok(first);
        }
        let elts = self.rest_of_sequence(first, ")")?;
        Ok(self.node(open, ExprKind::Tuple(elts)))
    }

    fn star_named_expression(&mut self) -> PResult<Expr> {
        if self.at_op("*") {
            return self.star_expression();
        }
        self.named_expression()
    }

    /// After the first element of a display: `, b, c]` through the closer.
    fn rest_of_sequence(&mut self, first: Expr, close: &str) -> PResult<Vec<Expr>> {
        let mut elts = vec![first];
        loop {
            if self.eat_op(close) {
                return Ok(elts);
            }
            self.expect_op(",")?;
            if self.eat_op(close) {
                return Ok(elts);
            }
            elts.push(self.star_named_expression()?);
        }
    }

    fn list_body(&mut self, open: Pos) -> PResult<Expr> {
        if self.eat_op("]") {
            return Ok(self.node(open, ExprKind::List(Vec::new())));
        }
        let first = self.star_named_expression()?;
        if self.at_kw("for") {
            let generators = self.comprehension_of(&first)?;
            self.expect_op("]")?;
            return Ok(self.node(open, ExprKind::ListComp { elt: Box::new(first), generators }));
        }
        let elts = self.rest_of_sequence(first, "]")?;
        Ok(self.node(open, ExprKind::List(elts)))
    }

    /// `{}`, dict and set displays and comprehensions.
    fn brace_body(&mut self, open: Pos) -> PResult<Expr> {
        if self.eat_op("}") {
            return Ok(self.node(open, ExprKind::Dict { keys: Vec::new(), values: Vec::new() }));
        }
        let (first_key, first_value) = if self.at_op("**") {
            let stars = self.bump();
            let value = self.bitwise_or()?;
            if self.at_kw("for") {
                let msg = "dict unpacking cannot be used in dict comprehension";
                return Err(self.error(
                    crate::py::error::SyntaxErrorKind::SyntaxError,
                    msg,
                    stars.start,
                    stars.end,
                ));
            }
            (None, value)
        } else {
            let key = self.star_named_expression()?;
            if !self.at_op(":") {
                return self.set_body(open, key);
            }
            if matches!(key.kind, ExprKind::Starred(_)) {
                return Err(self.invalid_syntax());
            }
            self.bump();
            (Some(key), self.expression()?)
        };
        if let (Some(key), true) = (&first_key, self.at_kw("for")) {
            let generators = self.comprehension_clauses()?;
            self.expect_op("}")?;
            return Ok(self.node(
                open,
                ExprKind::DictComp { key: Box::new(key.clone()), value: Box::new(first_value), generators },
            ));
        }
        let (mut keys, mut values) = (vec![first_key], vec![first_value]);
        loop {
            if self.eat_op("}") {
                break;
            }
            self.expect_op(",")?;
            if self.eat_op("}") {
                break;
            }
            if self.eat_op("**") {
                keys.push(None);
                values.push(self.bitwise_or()?);
            } else {
                keys.push(Some(self.expression()?));
                self.expect_op(":")?;
                values.push(self.expression()?);
            }
        }
        Ok(self.node(open, ExprKind::Dict { keys, values }))
    }

    fn set_body(&mut self, open: Pos, first: Expr) -> PResult<Expr> {
        if self.at_kw("for") {
            let generators = self.comprehension_of(&first)?;
            self.expect_op("}")?;
            return Ok(self.node(open, ExprKind::SetComp { elt: Box::new(first), generators }));
        }
        let elts = self.rest_of_sequence(first, "}")?;
        Ok(self.node(open, ExprKind::Set(elts)))
    }

    /// A parameter list, for `def` (closed by `)`, annotations allowed) or `lambda` (closed by `:`).
    pub(super) fn parameters(&mut self, close: &str) -> PResult<Arguments> {
        let annotations = close == ")";
        let mut args = Arguments::default();
        let mut seen_default = false;
        let mut star_seen = false;
        let mut names: Vec<String> = Vec::new();
        while !self.at_op(close) {
            if self.at_op("/") {
                if star_seen || !args.posonlyargs.is_empty() || args.args.is_empty() {
                    return Err(self.invalid_syntax());
                }
                self.bump();
                args.posonlyargs = std::mem::take(&mut args.args);
            } else if self.at_op("**") {
                self.bump();
                let arg = self.parameter(annotations, &mut names)?;
                args.kwarg = Some(arg);
                if self.eat_op(",") && (self.at_name() || self.at_op("*")) {
                    return Err(self.error_at_start("arguments cannot follow var-keyword argument"));
                }
                if !self.at_op(close) {
                    return Err(self.invalid_syntax());
                }
                break;
            } else if self.at_op("*") {
                if star_seen {
                    return Err(self.error_at_token(self.pos, "* argument may appear only once"));
                }
                let star = self.bump();
                star_seen = true;
                if self.at_op(",") || self.at_op(close) {
                    let bare_end = self.at_op(close)
                        || matches!(self.peek_tok(1), Tok::Op(op) if *op == close || *op == "**");
                    if bare_end {
                        let msg = "named arguments must follow bare *";
                        if annotations {
                            let kind = crate::py::error::SyntaxErrorKind::SyntaxError;
                            return Err(self.error(kind, msg, star.start, star.end));
                        }
                        // In a lambda CPython points at the last token it read: the `:` or `**`.
                        let last = if self.at_op(close) { self.pos } else { self.pos + 1 };
                        return Err(self.error_at_token(last, msg));
                    }
                } else {
                    args.vararg = Some(self.parameter(annotations, &mut names)?);
                }
            } else {
                if self.at_op("(") {
                    if star_seen || !args.defaults.is_empty() {
                        return Err(self.invalid_syntax());
                    }
                    return Err(self.parenthesized_parameters(annotations));
                }
                let arg = self.parameter(annotations, &mut names)?;
                let default = if self.eat_op("=") { Some(self.expression()?) } else { None };
                if star_seen {
                    args.kwonlyargs.push(arg);
                    args.kw_defaults.push(default);
                } else {
                    match default {
                        Some(d) => {
                            seen_default = true;
                            args.defaults.push(d);
                        }
                        None if seen_default => {
                            let msg = "non-default argument follows default argument";
                            return Err(self.error_span(msg, arg.span));
                        }
                        None => {}
                    }
                    args.args.push(arg);
                }
            }
            if !self.eat_op(",") {
                break;
            }
        }
        Ok(args)
    }

    /// `def f((a, b)):` — Python 2's tuple parameters. CPython names the mistake when the parentheses
    /// hold plain names; otherwise the generic error stands.
    fn parenthesized_parameters(&mut self, in_def: bool) -> crate::py::error::SyntaxError {
        let generic = self.invalid_syntax();
        let closed = self.probe(|p| {
            let open = p.bump();
            loop {
                p.name()?;
                if !p.eat_op(",") || p.at_op(")") {
                    break;
                }
            }
            Ok((open, p.expect_op(")")?))
        });
        let Ok((open, close)) = closed else { return generic };
        let msg = if in_def {
            "Function parameters cannot be parenthesized"
        } else {
            "Lambda expression parameters cannot be parenthesized"
        };
        self.error(crate::py::error::SyntaxErrorKind::SyntaxError, msg, open.start, close.end)
    }

    fn parameter(&mut self, annotations: bool, names: &mut Vec<String>) -> PResult<Arg> {
        let start = self.start();
        let (name, name_span) = self.name()?;
        let annotation = if annotations && self.eat_op(":") { Some(self.expression()?) } else { None };
        if names.contains(&name) {
            let msg = format!("duplicate argument '{name}' in function definition");
            self.symtable_error(self.error_span(msg, name_span));
        }
        names.push(name.clone());
        Ok(Arg { name, annotation, span: self.span_from(start) })
    }

    /// Adjacent string literals, joined; f-strings make a `JoinedStr`.
    fn strings(&mut self) -> PResult<Expr> {
        let start = self.start();
        let mut pieces = Vec::new();
        while let Tok::Str(s) = self.tok() {
            let s = s.clone();
            let t = self.bump();
            pieces.push((s, t.start, t.end));
        }
        let kind = self.join_strings(&pieces)?;
        Ok(self.node(start, kind))
    }
}

/// The first `yield` among `xs`.
fn all(xs: &[Expr]) -> Option<&Expr> {
    xs.iter().find_map(first_yield)
}

/// The first `yield` in `e`, not counting those inside a lambda (a scope of its own).
fn first_yield(e: &Expr) -> Option<&Expr> {
    match &e.kind {
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => Some(e),
        ExprKind::Lambda { .. } | ExprKind::Constant(_) | ExprKind::Name(_) => None,
        ExprKind::BoolOp { values, .. } => all(values),
        ExprKind::BinOp { left, right, .. } => first_yield(left).or_else(|| first_yield(right)),
        ExprKind::UnaryOp { operand, .. } => first_yield(operand),
        ExprKind::IfExp { test, body, orelse } => {
            first_yield(test).or_else(|| first_yield(body)).or_else(|| first_yield(orelse))
        }
        ExprKind::Dict { keys, values } => {
            keys.iter().flatten().find_map(first_yield).or_else(|| all(values))
        }
        ExprKind::Set(elts) | ExprKind::List(elts) | ExprKind::Tuple(elts) => all(elts),
        ExprKind::ListComp { generators, .. }
        | ExprKind::SetComp { generators, .. }
        | ExprKind::DictComp { generators, .. }
        | ExprKind::GeneratorExp { generators, .. } => generators.first().and_then(|g| first_yield(&g.iter)),
        ExprKind::Compare { left, comparators, .. } => first_yield(left).or_else(|| all(comparators)),
        ExprKind::Call { func, args, keywords } => first_yield(func)
            .or_else(|| all(args))
            .or_else(|| keywords.iter().find_map(|k| first_yield(&k.value))),
        ExprKind::JoinedStr(parts) => parts.iter().find_map(|p| match p {
            FStringPart::Value { value, .. } => first_yield(value),
            FStringPart::Literal(_) => None,
        }),
        ExprKind::Attribute { value, .. } | ExprKind::Starred(value) => first_yield(value),
        ExprKind::Subscript { value, slice } => first_yield(value).or_else(|| first_yield(slice)),
        ExprKind::Slice { lower, upper, step } => {
            [lower, upper, step].into_iter().flatten().find_map(|x| first_yield(x))
        }
    }
}
