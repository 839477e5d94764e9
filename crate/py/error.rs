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
    /// 1-based offset of the caret, as CPython's `SyntaxError.offset` for a file: counted in characters
    /// for errors of its tokenizer, in UTF-8 bytes for errors of its parser and compiler (a CPython
    /// quirk, kept so that the carets land where CPython draws them). 0 where CPython draws no caret.
    pub offset: u32,
    /// 1-based end offset (exclusive) for a run of carets; equal to `offset + 1` for one caret.
    pub end_offset: u32,
    /// The source line the error is on, without its newline (empty for a blank line or the end of the file).
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
    /// It follows CPython 3.11's `print_error_text`: the line's leading whitespace is stripped and the caret
    /// shifted by as much; no caret when it would stand left of the text; the caret run is clipped to
    /// the line (whose length CPython counts in UTF-8 bytes, newline included).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "  File \"{}\", line {}", self.filename, self.line)?;
        let line_size = self.text.len() as i64 + 1;
        let offset = i64::from(self.offset);
        let end_offset = i64::from(self.end_offset).min(line_size + 1);
        let carets = if end_offset > offset { end_offset - offset } else { 1 };
        let trimmed = self.text.trim_start_matches([' ', '\t', '\x0c']);
        let stripped = (self.text.chars().count() - trimmed.chars().count()) as i64;
        let column = (offset - 1 - stripped).min(trimmed.len() as i64);
        writeln!(f, "    {trimmed}")?;
        if column >= 0 {
            writeln!(f, "    {}{}", " ".repeat(column as usize), "^".repeat(carets as usize))?;
        }
        write!(f, "{}: {}", self.kind.name(), self.msg)
    }
}

impl std::error::Error for SyntaxError {}
