//! Source text → tokens, with CPython 3.11's tokenizer rules: INDENT/DEDENT from leading whitespace (tabs to
//! multiples of 8), implicit line joining inside brackets, backslash continuation, comments, numbers and
//! string literals. String bodies are kept raw here; `parser::strings` decodes escapes and f-strings, because
//! an f-string's replacement fields are expressions the parser must read.
//!
//! Errors carry CPython's message and position; [`Stopped`] says how each kind of tokenizer error
//! competes with the parser's errors, as in CPython.

use super::error::{SyntaxError, SyntaxErrorKind};
use num_bigint::BigInt;

/// A position in the source: 1-based line, 0-based column in characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    /// An identifier or a keyword; the parser tells them apart.
    Name(String),
    Int(BigInt),
    Float(f64),
    Str(StrToken),
    /// An operator or delimiter, e.g. `"**="`, `"("`, `"->"`.
    Op(&'static str),
    Newline,
    Indent,
    Dedent,
    EndMarker,
}

/// One string literal as written: its prefix letters, quotes, and the raw text between the quotes.
#[derive(Clone, Debug, PartialEq)]
pub struct StrToken {
    pub raw: bool,
    pub bytes: bool,
    pub fstring: bool,
    pub triple: bool,
    pub body: String,
    /// Where `body` starts, so f-string fields can report real positions.
    pub body_start: Pos,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub tok: Tok,
    pub start: Pos,
    pub end: Pos,
}

/// What the tokenizer found: every token up to the end (ending with `EndMarker`), or the tokens before
/// the point where it stopped, and why.
#[derive(Debug)]
pub struct Tokens {
    pub tokens: Vec<Token>,
    pub stopped: Option<Stopped>,
}

/// Why the tokenizer stopped before the end.
#[derive(Debug)]
pub enum Stopped {
    /// An error CPython's tokenizer raises at once (unterminated string, bad number, unmatched bracket,
    /// invalid character). Since CPython tokenizes the rest of the file when its parser fails, it wins
    /// over any parser error, except a bare `unexpected indent`.
    Raised(SyntaxError),
    // The others CPython's tokenizer only signals: the parser reports them when it reaches that point,
    // and an error the parser finds earlier wins.
    /// The file ended inside brackets: `'(' was never closed`, unless the parser stopped on a line at
    /// or before the bracket's.
    Unclosed(SyntaxError),
    /// Inconsistent dedent, TabError, too deep indentation, a bad line continuation.
    Error(SyntaxError),
}

/// Longest first, so that the scanner can take the first match.
const OPERATORS: &[&str] = &[
    "**=", "//=", ">>=", "<<=", "...", "->", ":=", "!=", "<>", "==", "<=", ">=", "**", "//", "<<", ">>",
    "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", "+", "-", "*", "/", "%", "@", "&", "|", "^", "~",
    "<", ">", "(", ")", "[", "]", "{", "}", ",", ":", ";", ".", "=",
];

/// ASCII punctuation that is no Python operator: CPython's tokenizer still makes a token of it, and the
/// parser reports `invalid syntax` there (not a tokenizer error, which would win over earlier errors).
const STRAY_PUNCTUATION: &[&str] = &["!", "$", "?", "`"];

/// CPython's MAXLEVEL (brackets) and MAXINDENT.
const MAX_BRACKET_DEPTH: usize = 200;
const MAX_INDENT_DEPTH: usize = 100;
const TAB_SIZE: u32 = 8;

pub const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
    "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
    "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// Tokenizes a whole source file, up to its end or its first error.
pub fn tokenize(source: &str, filename: &str) -> Tokens {
    let mut lexer = Lexer::new(source, filename);
    if let Err(err) = lexer.run() {
        lexer.stopped = Some(Stopped::Raised(err));
    }
    Tokens { tokens: lexer.tokens, stopped: lexer.stopped }
}

/// The source split into lines (without their `\n`), as error messages quote them.
pub fn source_lines(source: &str) -> Vec<&str> {
    source.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect()
}

struct Lexer<'a> {
    chars: Vec<char>,
    i: usize,
    line: u32,
    line_start: usize,
    lines: Vec<&'a str>,
    filename: &'a str,
    tokens: Vec<Token>,
    /// Indentation columns (tabs to 8) and "alternate" columns (tabs to 1), to detect TabError as CPython.
    indents: Vec<(u32, u32)>,
    /// Open brackets: the character and where it stands.
    brackets: Vec<(char, Pos)>,
    stopped: Option<Stopped>,
}

impl<'a> Lexer<'a> {
    fn new(source: &'a str, filename: &'a str) -> Lexer<'a> {
        Lexer {
            chars: source.chars().collect(),
            // A UTF-8 byte order mark at the start is not part of the program, as CPython reads it.
            i: usize::from(source.starts_with('\u{feff}')),
            line: 1,
            line_start: usize::from(source.starts_with('\u{feff}')),
            lines: source_lines(source),
            filename,
            tokens: Vec::new(),
            indents: vec![(0, 0)],
            brackets: Vec::new(),
            stopped: None,
        }
    }

    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.i + ahead).copied()
    }

    fn pos(&self) -> Pos {
        Pos { line: self.line, col: (self.i - self.line_start) as u32 }
    }

    /// Consumes a `\n` (or `\r\n`, or a lone `\r`) at the cursor and starts a new line.
    fn newline(&mut self) {
        if self.peek(0) == Some('\r') && self.peek(1) == Some('\n') {
            self.i += 1;
        }
        self.i += 1;
        self.line += 1;
        self.line_start = self.i;
    }

    fn at_newline(&self) -> bool {
        matches!(self.peek(0), Some('\n') | Some('\r'))
    }

    fn line_text(&self, line: u32) -> String {
        self.lines.get(line as usize - 1).map(|s| s.to_string()).unwrap_or_default()
    }

    /// An error whose caret stands at `col` (0-based) on `line`.
    fn error_at(&self, kind: SyntaxErrorKind, msg: String, line: u32, col: u32, end_col: u32) -> SyntaxError {
        SyntaxError {
            kind,
            msg,
            filename: self.filename.to_string(),
            line,
            offset: col + 1,
            end_offset: end_col + 1,
            text: self.line_text(line),
        }
    }

    fn syntax_error(&self, msg: impl Into<String>, at: Pos) -> SyntaxError {
        self.error_at(SyntaxErrorKind::SyntaxError, msg.into(), at.line, at.col, at.col + 1)
    }

    fn push(&mut self, tok: Tok, start: Pos) {
        let end = self.pos();
        self.tokens.push(Token { tok, start, end });
    }

    fn run(&mut self) -> Result<(), SyntaxError> {
        let mut at_line_start = true;
        let mut comment = None;
        loop {
            if at_line_start && self.brackets.is_empty() {
                at_line_start = false;
                if !self.indentation()? {
                    break;
                }
            }
            let Some(c) = self.peek(0) else { break };
            let start = self.pos();
            match c {
                ' ' | '\t' | '\x0c' => self.i += 1,
                '#' => {
                    comment = Some(start);
                    while self.peek(0).is_some() && !self.at_newline() {
                        self.i += 1;
                    }
                }
                '\n' | '\r' => {
                    if self.brackets.is_empty() {
                        // As CPython's, the NEWLINE token starts at a comment before it and ends at the
                        // newline character.
                        self.tokens.push(Token {
                            tok: Tok::Newline,
                            start: comment.unwrap_or(start),
                            end: start,
                        });
                        at_line_start = true;
                    }
                    comment = None;
                    self.newline();
                }
                '\\' => {
                    self.i += 1;
                    if self.at_newline() {
                        self.newline();
                        if self.peek(0).is_none() {
                            return self
                                .stop(self.syntax_error("unexpected EOF while parsing", self.pos()))
                                .map(drop);
                        }
                    } else if self.peek(0).is_none() {
                        return self
                            .stop(self.syntax_error("unexpected EOF while parsing", self.pos()))
                            .map(drop);
                    } else {
                        // CPython points just past the backslash.
                        let after = Pos { line: start.line, col: start.col + 1 };
                        let msg = "unexpected character after line continuation character";
                        return self.stop(self.syntax_error(msg, after)).map(drop);
                    }
                }
                '0'..='9' => self.number(start)?,
                '.' if matches!(self.peek(1), Some('0'..='9')) => self.number(start)?,
                '"' | '\'' => self.string(start, "")?,
                c if c == '_' || c.is_alphabetic() => self.name_or_prefixed_string(start)?,
                _ => self.operator(start)?,
            }
        }
        if self.stopped.is_some() {
            return Ok(());
        }
        self.finish()
    }

    /// Reads the leading whitespace of a logical line and emits INDENT/DEDENT. Blank and comment-only
    /// lines produce nothing. Returns false at the end of the input.
    fn indentation(&mut self) -> Result<bool, SyntaxError> {
        loop {
            let (mut col, mut altcol) = (0u32, 0u32);
            while let Some(c) = self.peek(0) {
                match c {
                    ' ' => {
                        col += 1;
                        altcol += 1;
                    }
                    '\t' => {
                        col = (col / TAB_SIZE + 1) * TAB_SIZE;
                        altcol += 1;
                    }
                    '\x0c' => {
                        col = 0;
                        altcol = 0;
                    }
                    _ => break,
                }
                self.i += 1;
            }
            match self.peek(0) {
                None => return Ok(false),
                Some('#') => {
                    while self.peek(0).is_some() && !self.at_newline() {
                        self.i += 1;
                    }
                    if self.peek(0).is_none() {
                        return Ok(false);
                    }
                    self.newline();
                    continue;
                }
                Some('\n') | Some('\r') => {
                    self.newline();
                    continue;
                }
                Some('\\') => {
                    // A continuation line's indentation is that of the line it continues: CPython
                    // treats a line starting with `\` like any other (its column counts).
                }
                _ => {}
            }
            let here = self.pos();
            let (top, alttop) = *self.indents.last().expect("indent stack has a base");
            if col == top {
                if altcol != alttop {
                    return self.stop(self.tab_error(here));
                }
            } else if col > top {
                if altcol <= alttop {
                    return self.stop(self.tab_error(here));
                }
                if self.indents.len() >= MAX_INDENT_DEPTH {
                    return self.stop(self.error_at(
                        SyntaxErrorKind::IndentationError,
                        "too many levels of indentation".into(),
                        here.line,
                        0,
                        1,
                    ));
                }
                self.indents.push((col, altcol));
                let start = Pos { line: here.line, col: 0 };
                self.tokens.push(Token { tok: Tok::Indent, start, end: here });
            } else {
                if !self.indents.iter().any(|&(c, _)| c == col) {
                    // CPython points at the end of the line, counted in bytes here.
                    let len = self.line_text(here.line).len() as u32;
                    return self.stop(self.error_at(
                        SyntaxErrorKind::IndentationError,
                        "unindent does not match any outer indentation level".into(),
                        here.line,
                        len,
                        len + 1,
                    ));
                }
                while col < self.indents.last().expect("base").0 {
                    self.indents.pop();
                    self.tokens.push(Token { tok: Tok::Dedent, start: here, end: here });
                }
                let alttop = self.indents.last().expect("base").1;
                if altcol != alttop {
                    return self.stop(self.tab_error(here));
                }
            }
            return Ok(true);
        }
    }

    /// Stops tokenizing with an error the parser reports if it gets this far (see [`Stopped::Error`]).
    /// Returns `Ok(false)`: no more lines.
    fn stop(&mut self, err: SyntaxError) -> Result<bool, SyntaxError> {
        self.stopped = Some(Stopped::Error(err));
        Ok(false)
    }

    /// CPython reports a TabError at column 0 (so no caret shows under an indented line).
    fn tab_error(&self, at: Pos) -> SyntaxError {
        self.error_at(
            SyntaxErrorKind::TabError,
            "inconsistent use of tabs and spaces in indentation".into(),
            at.line,
            0,
            1,
        )
    }

    /// End of input: close the last logical line, unwind the indentation, or report an open bracket.
    fn finish(&mut self) -> Result<(), SyntaxError> {
        let here = self.pos();
        if let Some(&(open, at)) = self.brackets.last() {
            self.stopped =
                Some(Stopped::Unclosed(self.syntax_error(format!("'{open}' was never closed"), at)));
            return Ok(());
        }
        let needs_newline = !matches!(
            self.tokens.last().map(|t| &t.tok),
            None | Some(Tok::Newline) | Some(Tok::Dedent) | Some(Tok::Indent)
        );
        if needs_newline {
            let end = Pos { line: here.line, col: here.col + 1 };
            self.tokens.push(Token { tok: Tok::Newline, start: here, end });
        }
        // CPython puts the closing DEDENTs and ENDMARKER on the line after the last one.
        let eof = if here.col == 0 { here } else { Pos { line: here.line + 1, col: 0 } };
        while self.indents.len() > 1 {
            self.indents.pop();
            self.tokens.push(Token { tok: Tok::Dedent, start: eof, end: eof });
        }
        self.tokens.push(Token { tok: Tok::EndMarker, start: eof, end: eof });
        Ok(())
    }

    fn operator(&mut self, start: Pos) -> Result<(), SyntaxError> {
        let c = self.peek(0).expect("operator at a char");
        let op = OPERATORS
            .iter()
            .copied()
            .filter(|op| op.starts_with(c))
            .find(|op| op.chars().enumerate().all(|(k, oc)| self.peek(k) == Some(oc)));
        let Some(op) = op.or_else(|| STRAY_PUNCTUATION.iter().copied().find(|p| p.starts_with(c))) else {
            let msg = if c.is_control() || (c.is_whitespace() && c != ' ') || c == '\u{200b}' {
                format!("invalid non-printable character U+{:04X}", c as u32)
            } else {
                format!("invalid character '{}' (U+{:04X})", c, c as u32)
            };
            return Err(self.syntax_error(msg, start));
        };
        self.i += op.chars().count();
        match op {
            "(" | "[" | "{" => {
                if self.brackets.len() >= MAX_BRACKET_DEPTH {
                    return Err(self.syntax_error("too many nested parentheses", start));
                }
                self.brackets.push((c, start));
            }
            ")" | "]" | "}" => match self.brackets.pop() {
                None => return Err(self.syntax_error(format!("unmatched '{c}'"), start)),
                Some((open, at)) => {
                    let expected = match open {
                        '(' => ')',
                        '[' => ']',
                        _ => '}',
                    };
                    if expected != c {
                        let msg = if at.line != start.line {
                            format!(
                                "closing parenthesis '{c}' does not match opening parenthesis '{open}' on line {}",
                                at.line
                            )
                        } else {
                            format!("closing parenthesis '{c}' does not match opening parenthesis '{open}'")
                        };
                        return Err(self.syntax_error(msg, start));
                    }
                }
            },
            _ => {}
        }
        self.push(Tok::Op(op), start);
        Ok(())
    }

    fn name_or_prefixed_string(&mut self, start: Pos) -> Result<(), SyntaxError> {
        let from = self.i;
        while let Some(c) = self.peek(0) {
            if c == '_' || c.is_alphanumeric() {
                self.i += 1;
            } else {
                break;
            }
        }
        let name: String = self.chars[from..self.i].iter().collect();
        if matches!(self.peek(0), Some('"') | Some('\'')) {
            let lower = name.to_ascii_lowercase();
            if matches!(lower.as_str(), "r" | "u" | "b" | "br" | "rb" | "f" | "fr" | "rf") {
                return self.string(start, &lower);
            }
        }
        self.push(Tok::Name(name), start);
        Ok(())
    }

    /// Reads a string literal whose (lower-cased) prefix has been consumed; the cursor is at its quote.
    fn string(&mut self, start: Pos, prefix: &str) -> Result<(), SyntaxError> {
        let quote = self.peek(0).expect("string starts at a quote");
        let triple = self.peek(1) == Some(quote) && self.peek(2) == Some(quote);
        let raw = prefix.contains('r');
        self.i += if triple { 3 } else { 1 };
        let body_start = self.pos();
        let mut body = String::new();
        loop {
            let Some(c) = self.peek(0) else {
                // CPython counts the lines the file has: a final newline starts no new one.
                let ends_with_newline = matches!(self.chars.last(), Some('\n' | '\r'));
                let last_line = if ends_with_newline { self.line - 1 } else { self.line };
                let msg = if triple {
                    format!("unterminated triple-quoted string literal (detected at line {last_line})")
                } else {
                    format!("unterminated string literal (detected at line {last_line})")
                };
                return Err(self.syntax_error(msg, start));
            };
            if c == quote && (!triple || (self.peek(1) == Some(quote) && self.peek(2) == Some(quote))) {
                self.i += if triple { 3 } else { 1 };
                break;
            }
            if c == '\n' || c == '\r' {
                if !triple {
                    let msg = format!("unterminated string literal (detected at line {})", self.line);
                    return Err(self.syntax_error(msg, start));
                }
                if c == '\r' && self.peek(1) == Some('\n') {
                    self.i += 1;
                }
                body.push('\n');
                self.newline();
                continue;
            }
            if c == '\\' {
                body.push('\\');
                self.i += 1;
                match self.peek(0) {
                    Some('\n') | Some('\r') => {
                        // Kept in the body: the decoder drops it (or keeps it, in a raw string).
                        if self.peek(0) == Some('\r') && self.peek(1) == Some('\n') {
                            self.i += 1;
                        }
                        body.push('\n');
                        self.newline();
                    }
                    Some(next) => {
                        body.push(next);
                        self.i += 1;
                    }
                    None => {}
                }
                continue;
            }
            body.push(c);
            self.i += 1;
        }
        let tok = StrToken {
            raw,
            bytes: prefix.contains('b'),
            fstring: prefix.contains('f'),
            triple,
            body,
            body_start,
        };
        self.push(Tok::Str(tok), start);
        Ok(())
    }

    fn digits(&mut self, radix: u32, out: &mut String) -> Result<(), SyntaxError> {
        loop {
            match self.peek(0) {
                Some(c) if c.is_digit(radix) => {
                    out.push(c);
                    self.i += 1;
                }
                Some('_') if matches!(self.peek(1), Some(d) if d.is_digit(radix)) => self.i += 1,
                Some('_') => {
                    self.i += 1;
                    let kind = match radix {
                        16 => "hexadecimal",
                        8 => "octal",
                        2 => "binary",
                        _ => "decimal",
                    };
                    return Err(self.syntax_error(format!("invalid {kind} literal"), self.pos_back(1)));
                }
                _ => return Ok(()),
            }
        }
    }

    fn pos_back(&self, n: usize) -> Pos {
        Pos { line: self.line, col: (self.i - n - self.line_start) as u32 }
    }

    /// After a number, a letter or digit that cannot continue it is an error (`1abc`), except the
    /// keywords CPython 3.11 still accepts glued to a number (`1if x else 2`).
    fn end_of_number(&mut self, kind: &str) -> Result<(), SyntaxError> {
        let Some(c) = self.peek(0) else { return Ok(()) };
        if !(c == '_' || c.is_alphanumeric()) {
            return Ok(());
        }
        for kw in ["and", "else", "for", "if", "in", "is", "not", "or"] {
            let matches = kw.chars().enumerate().all(|(k, kc)| self.peek(k) == Some(kc));
            let after = self.peek(kw.len());
            if matches && !matches!(after, Some(a) if a == '_' || a.is_alphanumeric()) {
                return Ok(());
            }
        }
        Err(self.syntax_error(format!("invalid {kind} literal"), self.pos_back(1)))
    }

    fn number(&mut self, start: Pos) -> Result<(), SyntaxError> {
        let first = self.peek(0).expect("number");
        if first == '0' {
            let radix = match self.peek(1) {
                Some('x') | Some('X') => Some((16, "hexadecimal")),
                Some('o') | Some('O') => Some((8, "octal")),
                Some('b') | Some('B') => Some((2, "binary")),
                _ => None,
            };
            if let Some((radix, kind)) = radix {
                self.i += 2;
                let mut digits = String::new();
                if self.peek(0) == Some('_') {
                    self.i += 1;
                }
                self.digits(radix, &mut digits)?;
                if let Some(c) = self.peek(0) {
                    if c.is_ascii_digit() {
                        self.i += 1;
                        let msg = format!("invalid digit '{c}' in {kind} literal");
                        return Err(self.syntax_error(msg, self.pos_back(1)));
                    }
                }
                if digits.is_empty() {
                    return Err(self.syntax_error(format!("invalid {kind} literal"), self.pos_back(1)));
                }
                self.end_of_number(kind)?;
                let value = BigInt::parse_bytes(digits.as_bytes(), radix).expect("digits checked");
                self.push(Tok::Int(value), start);
                return Ok(());
            }
        }
        let mut text = String::new();
        self.digits(10, &mut text)?;
        let mut is_float = false;
        if self.peek(0) == Some('.') {
            is_float = true;
            text.push('.');
            self.i += 1;
            self.digits(10, &mut text)?;
        }
        if matches!(self.peek(0), Some('e') | Some('E')) {
            let sign = matches!(self.peek(1), Some('+') | Some('-'));
            let digit_at = if sign { 2 } else { 1 };
            if matches!(self.peek(digit_at), Some('0'..='9')) {
                is_float = true;
                text.push('e');
                if sign {
                    text.push(self.peek(1).expect("sign"));
                }
                self.i += digit_at;
                self.digits(10, &mut text)?;
            } else {
                // CPython points at the sign if there is one, else before the `e`.
                let at =
                    if sign { Pos { line: self.line, col: self.pos().col + 1 } } else { self.pos_back(1) };
                return Err(self.syntax_error("invalid decimal literal", at));
            }
        }
        if matches!(self.peek(0), Some('j') | Some('J')) {
            self.i += 1;
            return Err(self.error_at(
                SyntaxErrorKind::SyntaxError,
                "imaginary numbers are not supported in ioplay".into(),
                start.line,
                start.col,
                self.pos().col,
            ));
        }
        self.end_of_number("decimal")?;
        if is_float {
            let value: f64 = text.parse().expect("float syntax checked");
            self.push(Tok::Float(value), start);
        } else {
            if text.len() > 1 && text.starts_with('0') && text.chars().any(|c| c != '0') {
                return Err(self.syntax_error(
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                    start,
                ));
            }
            let value = BigInt::parse_bytes(text.as_bytes(), 10).expect("digits checked");
            self.push(Tok::Int(value), start);
        }
        Ok(())
    }
}
