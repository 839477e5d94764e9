//! Errors found before a program runs: `SyntaxError`, `IndentationError` and `TabError`, printed the way
//! CPython 3.11 prints them. (Errors at run time are Python exceptions; see the VM.)

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    SyntaxError,
    IndentationError,
    TabError,
}

impl SyntaxErrorKind {
    pub fn name(self) -> &'static str {
        match self {
            SyntaxErrorKind::SyntaxError => "SyntaxError",
            SyntaxErrorKind::IndentationError => "IndentationError",
            SyntaxErrorKind::TabError => "TabError",
        }
    }
}

/// A compile-time error with CPython's message and position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    /// CPython's message, e.g. `unindent does not match any outer indentation level`.
    pub msg: String,
    pub filename: String,
    /// 1-based.
    pub line: u32,
    /// 1-based character offset of the caret, as CPython's `SyntaxError.offset`.
    pub offset: u32,
    /// 1-based end offset (exclusive) for a run of carets; equal to `offset + 1` for one caret.
    pub end_offset: u32,
    /// The source line the error is on, without its newline (empty when the error is at end of file).
    pub text: String,
}

impl fmt::Display for SyntaxError {
    /// The lines CPython writes to stderr, e.g.
    ///
    /// ```text
    ///   File "x.py", line 12
    ///     '''
    ///        ^
    /// IndentationError: unindent does not match any outer indentation level
    /// ```
    ///
    /// CPython strips the line's leading whitespace and shifts the caret by as much.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "  File \"{}\", line {}", self.filename, self.line)?;
        let trimmed = self.text.trim_start();
        if !trimmed.trim_end().is_empty() {
            let stripped = (self.text.chars().count() - trimmed.chars().count()) as u32;
            writeln!(f, "    {}", trimmed.trim_end())?;
            let start = self.offset.saturating_sub(1).saturating_sub(stripped);
            let width = self.end_offset.saturating_sub(self.offset).max(1);
            writeln!(
                f,
                "    {}{}",
                " ".repeat(start as usize),
                "^".repeat(width as usize)
            )?;
        }
        write!(f, "{}: {}", self.kind.name(), self.msg)
    }
}

impl std::error::Error for SyntaxError {}
