//! Tokens → AST: a hand-written recursive-descent parser for the Python subset, with CPython 3.11's error
//! messages and positions for the common mistakes.
//!
//! The work is split by responsibility: this file holds the parser's state, token helpers, error helpers
//! and the entry point; `stmt` parses statements and blocks, `expr` expressions, `targets` checks
//! assignment/deletion targets, `strings` decodes literals and f-strings, `dump` prints an AST as CPython's
//! `ast.dump` does (for tests against CPython).
//!
//! Some errors CPython raises after parsing, from its symbol table or compiler (`'return' outside
//! function`, `'break' outside loop`, `nonlocal` at module level, `'yield' outside function`). The parser
//! finds them with context flags and reports them only once the whole file has parsed, as CPython would.

mod dump;
mod expr;
mod stmt;
mod strings;
mod targets;

pub use dump::dump;

use super::ast::{Module, Span};
use super::error::{SyntaxError, SyntaxErrorKind};
use super::lexer::{self, Pos, Stopped, Tok, Token};
use std::cell::Cell;
use std::rc::Rc;

/// Parses a whole file.
///
/// Recursive descent over 200 nested brackets (CPython's limit) needs more stack than a test thread's
/// 2 MB in a debug build. So the parser first runs on the caller's stack with a shallow nesting limit
/// that any stack can afford; a program nested deeper than that (rare) is parsed again, on native
/// targets on a thread of its own with a large stack. In wasm (no threads) the full limit applies at
/// once: release frames are small enough there.
pub fn parse(source: &str, filename: &str) -> Result<Module, SyntaxError> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let (result, too_deep) = parse_on_this_stack(source, filename, SHALLOW_NESTING);
        if !too_deep {
            return result;
        }
        let spawned = std::thread::scope(|scope| {
            std::thread::Builder::new()
                .name("ioplay-parser".into())
                .stack_size(DEEP_PARSER_STACK_BYTES)
                .spawn_scoped(scope, || parse_on_this_stack(source, filename, MAX_NESTING).0)
                .map(|handle| handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
        });
        // Without a thread (resource limits), the shallow parse's error stands.
        spawned.unwrap_or(result)
    }
    #[cfg(target_arch = "wasm32")]
    parse_on_this_stack(source, filename, MAX_NESTING).0
}

/// Stack reserved for a deeply nested program's parser thread (address space; pages are committed
/// only when used).
#[cfg(not(target_arch = "wasm32"))]
const DEEP_PARSER_STACK_BYTES: usize = 128 << 20;

/// How deep the first parse may nest on the caller's stack (a debug build spends ~15 KB of stack per
/// level; real programs stay far below).
#[cfg(not(target_arch = "wasm32"))]
const SHALLOW_NESTING: u32 = 48;

/// Parses on the current stack with at most `max_nesting` levels; also says whether that limit was hit.
fn parse_on_this_stack(
    source: &str,
    filename: &str,
    max_nesting: u32,
) -> (Result<Module, SyntaxError>, bool) {
    let tokens = lexer::tokenize(source, filename);
    let mut parser = Parser::new(source, filename, tokens.tokens);
    parser.max_nesting = max_nesting;
    let result = parser.module();
    let too_deep = parser.too_deep.get();
    let furthest = parser.furthest.get();
    let reached_end = furthest + 1 >= parser.tokens.len();
    let result = match (result, tokens.stopped) {
        (Ok(module), None) => match parser.late_errors.iter().min_by_key(|(phase, _)| *phase) {
            Some((_, err)) => Err(err.clone()),
            None => Ok(module),
        },
        (Err(err), None) => Err(err),
        (result, Some(Stopped::Unclosed(unclosed))) => {
            // CPython reports an unclosed bracket when the parser ran into the end of the file, or
            // when the bracket opened on a line before the furthest one the parser looked at.
            let furthest_line = parser.tokens[furthest.min(parser.tokens.len() - 1)].start.line;
            match result {
                Err(err) if !reached_end && furthest_line <= unclosed.line => Err(err),
                _ => Err(unclosed),
            }
        }
        (result, Some(Stopped::Error(stop))) => match result {
            Err(err) if !reached_end => Err(err),
            _ => Err(stop),
        },
        (result, Some(Stopped::Raised(raised))) => match result {
            // CPython reports a bare unexpected indent without tokenizing further.
            Err(err) if !reached_end && err.msg.starts_with("unexpected ") => Err(err),
            _ => Err(raised),
        },
    };
    (result, too_deep)
}

pub(crate) type PResult<T> = Result<T, SyntaxError>;

/// How deep expressions and statements may nest before the parser refuses, so that no input can
/// overflow the Rust stack (the lexer already caps brackets at 200, as CPython does; a bracket level
/// costs two). CPython itself gives up (MemoryError) somewhere past 1000 nested unary operators.
const MAX_NESTING: u32 = 1000;

/// What kind of scope the parser is in, for the checks CPython makes after parsing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scope {
    Module,
    Function,
    Class,
}

pub(crate) struct Parser<'a> {
    tokens: Vec<Token>,
    pos: usize,
    /// The furthest token looked at (look-ahead and abandoned alternatives included): where CPython
    /// reports a generic `invalid syntax`.
    furthest: Cell<usize>,
    /// End of the last real token consumed (not NEWLINE/INDENT/DEDENT): where nodes end.
    prev_end: Pos,
    filename: &'a str,
    /// The source lines, for error messages (shared with the parsers of f-string fields).
    lines: Rc<Vec<String>>,
    nesting: u32,
    max_nesting: u32,
    /// Set when `max_nesting` was hit (shared with the parsers of f-string fields).
    too_deep: Rc<Cell<bool>>,
    /// Open brackets around the current expression (for "Perhaps you forgot a comma?").
    bracket_depth: u32,
    scope: Scope,
    loop_depth: u32,
    /// Errors CPython finds after parsing, with the phase that finds them (0: symbol table, 1: compiler);
    /// the first of the earliest phase is reported if the parse succeeds.
    late_errors: Vec<(u8, SyntaxError)>,
}

impl<'a> Parser<'a> {
    /// A parser over `tokens` (ending with `EndMarker`) of `source`.
    fn new(source: &'a str, filename: &'a str, mut tokens: Vec<Token>) -> Parser<'a> {
        if !matches!(tokens.last().map(|t| &t.tok), Some(Tok::EndMarker)) {
            // The tokenizer stopped early (`lexer::Stopped`): a stand-in end, where the parser says why.
            let end = tokens.last().map(|t| t.end).unwrap_or(Pos { line: 1, col: 0 });
            tokens.push(Token { tok: Tok::EndMarker, start: end, end });
        }
        Parser {
            tokens,
            pos: 0,
            furthest: Cell::new(0),
            prev_end: Pos { line: 1, col: 0 },
            filename,
            lines: Rc::new(lexer::source_lines(source).into_iter().map(String::from).collect()),
            nesting: 0,
            max_nesting: MAX_NESTING,
            too_deep: Rc::new(Cell::new(false)),
            bracket_depth: 0,
            scope: Scope::Module,
            loop_depth: 0,
            late_errors: Vec::new(),
        }
    }

    // ---- tokens ----

    fn tok(&self) -> &Tok {
        &self.tokens[self.pos].tok
    }

    fn token(&self) -> &Token {
        &self.tokens[self.pos]
    }

    fn peek_tok(&self, ahead: usize) -> &Tok {
        let i = (self.pos + ahead).min(self.tokens.len() - 1);
        self.see(i);
        &self.tokens[i].tok
    }

    /// Notes that the token at `index` was looked at.
    fn see(&self, index: usize) {
        self.furthest.set(self.furthest.get().max(index));
    }

    fn start(&self) -> Pos {
        self.tokens[self.pos].start
    }

    fn bump(&mut self) -> Token {
        let token = self.tokens[self.pos].clone();
        if !matches!(token.tok, Tok::Newline | Tok::Indent | Tok::Dedent | Tok::EndMarker) {
            self.prev_end = token.end;
        }
        if self.pos + 1 < self.tokens.len() {
            self.pos += 1;
        }
        self.see(self.pos);
        token
    }

    fn at_op(&self, op: &str) -> bool {
        matches!(self.tok(), Tok::Op(o) if *o == op)
    }

    fn at_kw(&self, kw: &str) -> bool {
        matches!(self.tok(), Tok::Name(n) if n == kw)
    }

    fn eat_op(&mut self, op: &str) -> bool {
        if self.at_op(op) {
            self.bump();
            true
        } else {
            false
        }
    }

    fn eat_kw(&mut self, kw: &str) -> bool {
        if self.at_kw(kw) {
            self.bump();
            true
        } else {
            false
        }
    }

    fn expect_op(&mut self, op: &str) -> PResult<Token> {
        if self.at_op(op) {
            Ok(self.bump())
        } else {
            Err(self.invalid_syntax())
        }
    }

    fn expect_kw(&mut self, kw: &str) -> PResult<Token> {
        if self.at_kw(kw) {
            Ok(self.bump())
        } else {
            Err(self.invalid_syntax())
        }
    }

    /// `:` after a compound statement's header; `expected ':'` when the line ends instead.
    fn expect_colon(&mut self) -> PResult<()> {
        if self.eat_op(":") {
            return Ok(());
        }
        if matches!(self.tok(), Tok::Newline) {
            return Err(self.error_at_token(self.pos, "expected ':'"));
        }
        Err(self.invalid_syntax())
    }

    /// The `:` that `def`, `try`, `else` and `finally` must have: CPython says `expected ':'` at whatever
    /// stands there instead.
    fn expect_colon_forced(&mut self) -> PResult<()> {
        if self.eat_op(":") {
            return Ok(());
        }
        Err(self.error_at_token(self.pos, "expected ':'"))
    }

    /// An identifier that is not a keyword.
    fn name(&mut self) -> PResult<(String, Span)> {
        match self.tok() {
            Tok::Name(n) if !lexer::is_keyword(n) => {
                let n = n.clone();
                let t = self.bump();
                Ok((n, span(t.start, t.end)))
            }
            _ => Err(self.invalid_syntax()),
        }
    }

    fn at_name(&self) -> bool {
        matches!(self.tok(), Tok::Name(n) if !lexer::is_keyword(n))
    }

    fn span_from(&self, start: Pos) -> Span {
        span(start, self.prev_end)
    }

    /// Guards recursion: every nesting construct calls this and `leave`.
    fn enter(&mut self) -> PResult<()> {
        self.nesting += 1;
        if self.nesting > self.max_nesting {
            self.too_deep.set(true);
            return Err(self.error_at_token(self.pos, "too many nested expressions for ioplay's parser"));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.nesting -= 1;
    }

    /// Runs `f` as a look-ahead: whatever it parses, the parser is put back where it was (except for
    /// the furthest token seen, which CPython's error position counts too).
    fn probe<T>(&mut self, f: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        let saved = (self.pos, self.prev_end, self.nesting, self.bracket_depth);
        let (late, scope, loops) = (self.late_errors.len(), self.scope, self.loop_depth);
        let result = f(self);
        (self.pos, self.prev_end, self.nesting, self.bracket_depth) = saved;
        self.late_errors.truncate(late);
        self.scope = scope;
        self.loop_depth = loops;
        result
    }

    // ---- errors ----

    fn line_text(&self, line: u32) -> String {
        self.lines.get(line as usize - 1).map(|s| s.to_string()).unwrap_or_default()
    }

    fn error(&self, kind: SyntaxErrorKind, msg: impl Into<String>, start: Pos, end: Pos) -> SyntaxError {
        // A range running past its first line is drawn to that line's end, as CPython does.
        let end_col =
            if end.line == start.line { end.col } else { self.line_text(start.line).chars().count() as u32 };
        // CPython's parser reports columns of a file in UTF-8 bytes (its tokenizer, in characters).
        let text = self.line_text(start.line);
        let bytes = |col: u32| -> u32 {
            let chars = text.chars().take(col as usize);
            let len: usize = chars.map(char::len_utf8).sum();
            len as u32 + col.saturating_sub(text.chars().count() as u32)
        };
        let (col, end_col) = (bytes(start.col), bytes(end_col));
        SyntaxError {
            kind,
            msg: msg.into(),
            filename: self.filename.to_string(),
            line: start.line,
            offset: col + 1,
            end_offset: end_col.max(col + 1) + 1,
            text,
        }
    }

    fn error_span(&self, msg: impl Into<String>, s: Span) -> SyntaxError {
        self.error(
            SyntaxErrorKind::SyntaxError,
            msg,
            Pos { line: s.line, col: s.col },
            Pos { line: s.end_line, col: s.end_col },
        )
    }

    /// An error whose carets run under the token at `index` (CPython's errors without a known location
    /// stand at the last token read).
    fn error_at_token(&self, index: usize, msg: impl Into<String>) -> SyntaxError {
        let t = &self.tokens[index];
        let mut err = self.error(SyntaxErrorKind::SyntaxError, msg, t.start, t.end);
        if matches!(t.tok, Tok::Dedent) {
            // CPython's DEDENT has no column: its caret lands left of the line's text, so none shows.
            err.offset = 0;
        }
        err
    }

    fn indentation_error(&self, msg: impl Into<String>) -> SyntaxError {
        let t = &self.tokens[self.pos];
        self.error(SyntaxErrorKind::IndentationError, msg, t.start, t.end)
    }

    /// CPython's generic error, at the furthest token the parser looked at.
    fn invalid_syntax(&self) -> SyntaxError {
        let index = self.furthest.get().max(self.pos);
        match self.tokens[index].tok {
            Tok::Indent => self.indentation_error("unexpected indent"),
            Tok::Dedent => self.indentation_error("unexpected unindent"),
            _ => self.error_at_token(index, "invalid syntax"),
        }
    }

    /// Records an error that CPython's symbol table would find after a successful parse.
    fn symtable_error(&mut self, err: SyntaxError) {
        self.late_errors.push((0, err));
    }

    /// Records an error that CPython's compiler would find after a successful parse.
    fn compiler_error(&mut self, err: SyntaxError) {
        self.late_errors.push((1, err));
    }
}

pub(crate) fn span(start: Pos, end: Pos) -> Span {
    Span::new(start.line, start.col, end.line, end.col)
}
