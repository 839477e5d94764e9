//! What may stand left of `=`, after `for`/`as`, or after `del`, with CPython's messages for what may not
//! (`cannot assign to function call`, `cannot delete literal`, …).

use super::{PResult, Parser};
use crate::py::ast::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TargetUse {
    Store,
    Delete,
}

/// How CPython names an expression in its messages (`_PyPegen_get_expr_name`).
pub(super) fn describe(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred(_) => "starred",
        ExprKind::Name(_) => "name",
        ExprKind::List(_) => "list",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::JoinedStr(_) => "f-string expression",
        ExprKind::Constant(Constant::None) => "None",
        ExprKind::Constant(Constant::Bool(true)) => "True",
        ExprKind::Constant(Constant::Bool(false)) => "False",
        ExprKind::Constant(Constant::Ellipsis) => "ellipsis",
        ExprKind::Constant(_) => "literal",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::Slice { .. } => "slice",
    }
}

/// The first part of `e` that cannot be a target (`_PyPegen_get_invalid_target`).
fn invalid_target(e: &Expr, usage: TargetUse) -> Option<&Expr> {
    match &e.kind {
        ExprKind::List(elts) | ExprKind::Tuple(elts) => elts.iter().find_map(|x| invalid_target(x, usage)),
        ExprKind::Starred(value) if usage == TargetUse::Store => invalid_target(value, usage),
        ExprKind::Name(_) | ExprKind::Subscript { .. } | ExprKind::Attribute { .. } => None,
        _ => Some(e),
    }
}

/// Whether `e` could have been parsed by CPython's `bitwise_or` rule (no comparison, `not`, `and`/`or`,
/// conditional, lambda or starred at its top).
pub(super) fn is_bitwise_or(e: &Expr) -> bool {
    !matches!(
        e.kind,
        ExprKind::Compare { .. }
            | ExprKind::BoolOp { .. }
            | ExprKind::UnaryOp { op: UnaryOp::Not, .. }
            | ExprKind::IfExp { .. }
            | ExprKind::Lambda { .. }
            | ExprKind::Starred(_)
            | ExprKind::Yield(_)
            | ExprKind::YieldFrom(_)
    )
}

impl Parser<'_> {
    pub(super) fn check_target(&self, e: &Expr, usage: TargetUse) -> PResult<()> {
        if let Some(bad) = invalid_target(e, usage) {
            let verb = match usage {
                TargetUse::Store => "assign to",
                TargetUse::Delete => "delete",
            };
            return Err(self.error_span(format!("cannot {verb} {}", describe(bad)), bad.span));
        }
        Ok(())
    }

    /// A target of `=`. `single` when it is the only one (`f() = 1`), where CPython guesses that `==`
    /// was meant.
    pub(super) fn check_assign_target(&mut self, e: &Expr, single: bool) -> PResult<()> {
        if matches!(e.kind, ExprKind::Yield(_) | ExprKind::YieldFrom(_)) {
            return Err(self.error_span("assignment to yield expression not possible", e.span));
        }
        let container_or_name_constant = matches!(
            e.kind,
            ExprKind::List(_)
                | ExprKind::Tuple(_)
                | ExprKind::GeneratorExp { .. }
                | ExprKind::Constant(Constant::Bool(_) | Constant::None)
        );
        if single
            && !container_or_name_constant
            && is_bitwise_or(e)
            && invalid_target(e, TargetUse::Store).is_some()
        {
            let msg = format!("cannot assign to {} here. Maybe you meant '==' instead of '='?", describe(e));
            return Err(self.error_span(msg, e.span));
        }
        self.check_target(e, TargetUse::Store)?;
        self.check_starred_targets(e);
        Ok(())
    }

    /// Starred targets are checked by CPython's compiler: at most one, and only inside a list or tuple.
    fn check_starred_targets(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Starred(_) => {
                let msg = "starred assignment target must be in a list or tuple";
                self.compiler_error(self.error_span(msg, e.span));
            }
            ExprKind::List(elts) | ExprKind::Tuple(elts) => {
                let starred = elts.iter().filter(|x| matches!(x.kind, ExprKind::Starred(_))).count();
                if starred > 1 {
                    let msg = "multiple starred expressions in assignment";
                    self.compiler_error(self.error_span(msg, e.span));
                }
                for elt in elts {
                    match &elt.kind {
                        ExprKind::Starred(inner) => self.check_starred_targets(inner),
                        _ => self.check_starred_targets(elt),
                    }
                }
            }
            _ => {}
        }
    }

    /// The target of `+=` and friends: a name, attribute or subscript.
    pub(super) fn check_aug_target(&self, e: &Expr) -> PResult<()> {
        match e.kind {
            ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => Ok(()),
            _ => {
                let msg = format!("'{}' is an illegal expression for augmented assignment", describe(e));
                Err(self.error_span(msg, e.span))
            }
        }
    }
}
