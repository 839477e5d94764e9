//! String literals: escape decoding, joining adjacent literals, and f-strings (Python 3.11 rules: the
//! replacement field's expression is found by scanning, then parsed as `(expr)` at its real position).

use super::{PResult, Parser};
use crate::py::ast::*;
use crate::py::error::SyntaxError;
use crate::py::lexer::{self, Pos, Stopped, StrToken, Tok, Token};
use std::cell::Cell;
use std::rc::Rc;

/// f-strings may nest replacement fields in format specs only this deep (`f'{x:{y}}'`), as CPython.
const MAX_FSTRING_NESTING: u32 = 2;

/// A decoding failure: the message, before the parser gives it a position.
type DecodeError = String;

impl Parser<'_> {
    /// Joins the string tokens `pieces` (prefix flags, start, end) into one constant or `JoinedStr`.
    pub(super) fn join_strings(&mut self, pieces: &[(StrToken, Pos, Pos)]) -> PResult<ExprKind> {
        let bytes = pieces.iter().filter(|(s, ..)| s.bytes).count();
        if bytes != 0 && bytes != pieces.len() {
            return Err(self.error_at_token(self.pos, "cannot mix bytes and nonbytes literals"));
        }
        if bytes != 0 {
            let mut out = Vec::new();
            for (s, start, end) in pieces {
                if !s.body.is_ascii() {
                    let msg = "bytes can only contain ASCII literal characters";
                    return Err(self.error(
                        crate::py::error::SyntaxErrorKind::SyntaxError,
                        msg,
                        *start,
                        *end,
                    ));
                }
                let decoded =
                    decode_escapes(&s.body, s.raw, true).map_err(|m| self.error_at_token(self.pos, m))?;
                out.extend(decoded.into_iter().map(|c| c as u8));
            }
            return Ok(ExprKind::Constant(Constant::Bytes(out)));
        }
        if !pieces.iter().any(|(s, ..)| s.fstring) {
            let mut out = String::new();
            for (s, ..) in pieces {
                let decoded =
                    decode_escapes(&s.body, s.raw, false).map_err(|m| self.error_at_token(self.pos, m))?;
                out.extend(decoded);
            }
            return Ok(ExprKind::Constant(Constant::Str(out)));
        }
        let mut parts = Vec::new();
        for (s, ..) in pieces {
            if s.fstring {
                let chars: Vec<char> = s.body.chars().collect();
                let mut fs = FString { token: s, chars: &chars, i: 0 };
                fs.parse(self, 0, &mut parts)?;
            } else {
                let decoded =
                    decode_escapes(&s.body, s.raw, false).map_err(|m| self.error_at_token(self.pos, m))?;
                push_literal(&mut parts, decoded.into_iter().collect());
            }
        }
        Ok(ExprKind::JoinedStr(parts))
    }

    /// An error inside an f-string: CPython places it at the token after the string.
    fn fstring_error(&self, msg: impl Into<String>) -> SyntaxError {
        let t = &self.tokens[self.pos];
        self.error(crate::py::error::SyntaxErrorKind::SyntaxError, msg, t.start, t.start)
    }
}

/// Appends literal text, merging with a literal just before it (as CPython joins them).
fn push_literal(parts: &mut Vec<FStringPart>, text: String) {
    if text.is_empty() {
        return;
    }
    if let Some(FStringPart::Literal(last)) = parts.last_mut() {
        last.push_str(&text);
    } else {
        parts.push(FStringPart::Literal(text));
    }
}

/// One f-string token being read.
struct FString<'t> {
    token: &'t StrToken,
    chars: &'t [char],
    i: usize,
}

impl FString<'_> {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.i + ahead).copied()
    }

    /// Reads literal text and replacement fields into `parts`, up to the end of the body (level 0) or
    /// the `}` closing a format spec (deeper levels, the `}` left unread).
    fn parse(&mut self, parser: &mut Parser, level: u32, parts: &mut Vec<FStringPart>) -> PResult<()> {
        loop {
            let mut literal_start = self.i;
            while let Some(c) = self.peek(0) {
                if c == '{' || c == '}' {
                    if level == 0 && self.peek(1) == Some(c) {
                        // A doubled brace is one literal brace.
                        let text: String = self.chars[literal_start..self.i + 1].iter().collect();
                        self.i += 2;
                        literal_start = self.i;
                        self.push_decoded(parser, parts, &text)?;
                        continue;
                    }
                    if c == '}' && level == 0 {
                        return Err(parser.fstring_error("f-string: single '}' is not allowed"));
                    }
                    break;
                }
                if c == '\\' && !self.token.raw {
                    self.i += 1;
                    // `\N{NAME}`: its braces belong to the escape (up to the first '}'), as in CPython.
                    if self.peek(0) == Some('N') && self.peek(1) == Some('{') {
                        while self.peek(0).is_some_and(|c| c != '}') {
                            self.i += 1;
                        }
                    }
                }
                self.i += 1;
            }
            let end = self.i.min(self.chars.len());
            let text: String = self.chars[literal_start..end].iter().collect();
            self.push_decoded(parser, parts, &text)?;
            match self.peek(0) {
                None => return Ok(()),
                Some('}') => return Ok(()),
                Some(_) => {
                    if level >= MAX_FSTRING_NESTING {
                        return Err(parser.fstring_error("f-string: expressions nested too deeply"));
                    }
                    self.field(parser, level, parts)?;
                }
            }
        }
    }

    fn push_decoded(&self, parser: &Parser, parts: &mut Vec<FStringPart>, text: &str) -> PResult<()> {
        let decoded = decode_escapes(text, self.token.raw, false).map_err(|m| parser.fstring_error(m))?;
        push_literal(parts, decoded.into_iter().collect());
        Ok(())
    }

    /// Where the body character at `index` stands in the source.
    fn position(&self, index: usize) -> Pos {
        let mut pos = self.token.body_start;
        for &c in &self.chars[..index] {
            if c == '\n' {
                pos.line += 1;
                pos.col = 0;
            } else {
                pos.col += 1;
            }
        }
        pos
    }

    /// A replacement field, from its `{` through its `}`.
    fn field(&mut self, parser: &mut Parser, level: u32, parts: &mut Vec<FStringPart>) -> PResult<()> {
        let brace = self.i;
        self.i += 1;
        let expr_start = self.i;
        let mut stack: Vec<char> = Vec::new();
        let mut quote: Option<(char, bool)> = None;
        let mut debug = false;
        loop {
            let Some(c) = self.peek(0) else {
                if quote.is_some() {
                    return Err(parser.fstring_error("f-string: unterminated string"));
                }
                return Err(parser.fstring_error("f-string: expecting '}'"));
            };
            if let Some((q, triple)) = quote {
                if c == q && (!triple || (self.peek(1) == Some(q) && self.peek(2) == Some(q))) {
                    self.i += if triple { 3 } else { 1 };
                    quote = None;
                } else {
                    if c == '\\' {
                        return Err(
                            parser.fstring_error("f-string expression part cannot include a backslash")
                        );
                    }
                    self.i += 1;
                }
                continue;
            }
            match c {
                '\\' => {
                    return Err(parser.fstring_error("f-string expression part cannot include a backslash"))
                }
                '\'' | '"' => {
                    let triple = self.peek(1) == Some(c) && self.peek(2) == Some(c);
                    quote = Some((c, triple));
                    self.i += if triple { 3 } else { 1 };
                    continue;
                }
                '(' | '[' | '{' => stack.push(c),
                ')' | ']' | '}' => match stack.pop() {
                    None if c == '}' => break,
                    None => return Err(parser.fstring_error(format!("f-string: unmatched '{c}'"))),
                    Some(open) => {
                        let expected = match open {
                            '(' => ')',
                            '[' => ']',
                            _ => '}',
                        };
                        if expected != c {
                            let msg = format!(
                                "f-string: closing parenthesis '{c}' does not match opening parenthesis '{open}'"
                            );
                            return Err(parser.fstring_error(msg));
                        }
                    }
                },
                '#' => return Err(parser.fstring_error("f-string expression part cannot include '#'")),
                '!' if stack.is_empty() && self.peek(1) != Some('=') => break,
                ':' if stack.is_empty() => break,
                '=' if self.peek(1) == Some('=') => {
                    self.i += 2;
                    continue;
                }
                '=' if stack.is_empty() && !matches!(self.chars[self.i - 1], '=' | '!' | '<' | '>') => {
                    debug = true;
                    break;
                }
                _ => {}
            }
            self.i += 1;
        }
        let expr_text: String = self.chars[expr_start..self.i].iter().collect();
        if expr_text.trim().is_empty() {
            if debug {
                return Err(parser.fstring_error("f-string: expression required before '='"));
            }
            return Err(parser.fstring_error("f-string: empty expression not allowed"));
        }
        let value = self.compile_expression(parser, &expr_text, brace)?;
        if debug {
            self.i += 1;
            while matches!(self.peek(0), Some(' ' | '\t' | '\n' | '\x0c' | '\r')) {
                self.i += 1;
            }
            let text: String = self.chars[expr_start..self.i].iter().collect();
            push_literal(parts, text);
        }
        let mut conversion = None;
        if self.peek(0) == Some('!') {
            self.i += 1;
            match self.peek(0) {
                Some(c @ ('s' | 'r' | 'a')) => {
                    conversion = Some(c);
                    self.i += 1;
                }
                None => return Err(parser.fstring_error("f-string: expecting '}'")),
                Some(_) => {
                    let msg = "f-string: invalid conversion character: expected 's', 'r', or 'a'";
                    return Err(parser.fstring_error(msg));
                }
            }
        }
        let mut format_spec = None;
        if self.peek(0) == Some(':') {
            self.i += 1;
            let mut spec = Vec::new();
            self.parse(parser, level + 1, &mut spec)?;
            format_spec = Some(spec);
        }
        if self.peek(0) != Some('}') {
            return Err(parser.fstring_error("f-string: expecting '}'"));
        }
        self.i += 1;
        if debug && conversion.is_none() && format_spec.is_none() {
            conversion = Some('r');
        }
        parts.push(FStringPart::Value { value: Box::new(value), conversion, format_spec });
        Ok(())
    }

    /// Parses a field's expression as CPython does: the text wrapped in parentheses, its tokens placed
    /// where the text stands in the file.
    fn compile_expression(&self, parser: &mut Parser, text: &str, brace: usize) -> PResult<Expr> {
        let brace_pos = self.position(brace);
        let wrapped = format!("({text})");
        let tokens = lexer::tokenize(&wrapped, parser.filename);
        if let Some(Stopped::Raised(e) | Stopped::Error(e) | Stopped::Unclosed(e)) = tokens.stopped {
            return Err(parser.fstring_error(e.msg));
        }
        let mut tokens: Vec<Token> = tokens
            .tokens
            .into_iter()
            .filter(|t| !matches!(t.tok, Tok::Newline | Tok::EndMarker | Tok::Indent | Tok::Dedent))
            .collect();
        let end = tokens.last().map(|t| t.end).unwrap_or_default();
        tokens.push(Token { tok: Tok::EndMarker, start: end, end });
        // First in the field's own text: CPython reports errors there, quoting `(expr)` as the line.
        let own_lines = Rc::new(lexer::source_lines(&wrapped).into_iter().map(String::from).collect());
        let mut check = Parser::with_tokens(parser, tokens.clone(), own_lines);
        if let Err(mut err) = check.fstring_expression() {
            err.msg = format!("f-string: {}", err.msg);
            err.line += brace_pos.line - 1;
            return Err(err);
        }
        let place = |p: Pos| {
            if p.line == 1 {
                Pos { line: brace_pos.line, col: brace_pos.col + p.col }
            } else {
                Pos { line: brace_pos.line + p.line - 1, col: p.col }
            }
        };
        let placed: Vec<Token> = tokens
            .into_iter()
            .map(|t| Token {
                tok: match t.tok {
                    Tok::Str(s) => Tok::Str(StrToken { body_start: place(s.body_start), ..s }),
                    other => other,
                },
                start: place(t.start),
                end: place(t.end),
            })
            .collect();
        // Then placed where the field stands in the file, for the AST's spans.
        let mut sub = Parser::with_tokens(parser, placed, parser.lines.clone());
        let result = sub.fstring_expression();
        let late = std::mem::take(&mut sub.late_errors);
        parser.late_errors.extend(late);
        result
    }
}

impl<'a> Parser<'a> {
    /// A parser over the tokens of an f-string field, sharing this parser's file and context.
    fn with_tokens(outer: &Parser<'a>, tokens: Vec<Token>, lines: Rc<Vec<String>>) -> Parser<'a> {
        Parser {
            tokens,
            pos: 0,
            furthest: Cell::new(0),
            prev_end: Pos { line: 1, col: 0 },
            filename: outer.filename,
            lines,
            nesting: outer.nesting,
            max_nesting: outer.max_nesting,
            too_deep: outer.too_deep.clone(),
            bracket_depth: 0,
            scope: outer.scope,
            loop_depth: outer.loop_depth,
            late_errors: Vec::new(),
        }
    }

    /// `( expression )` from an f-string field: a yield, a starred or plain expression, or a tuple (whose
    /// span, as CPython parses the field wrapped in parentheses, includes them).
    fn fstring_expression(&mut self) -> PResult<Expr> {
        let open = self.expect_op("(")?.start;
        self.bracket_depth = 1;
        let bare_tuple;
        let mut value = if self.at_kw("yield") {
            bare_tuple = false;
            self.yield_expr()?
        } else {
            let value = self.star_expressions()?;
            // A tuple whose first element starts where the tuple does was written without parentheses.
            bare_tuple = match &value.kind {
                ExprKind::Tuple(elts) => elts.first().is_some_and(|e| e.span.col == value.span.col),
                _ => false,
            };
            value
        };
        if matches!(value.kind, ExprKind::Starred(_)) {
            return Err(self.error_span("cannot use starred expression here", value.span));
        }
        let close = self.expect_op(")")?.end;
        if bare_tuple {
            value.span = super::span(open, close);
        }
        if !matches!(self.tok(), Tok::EndMarker) {
            return Err(self.invalid_syntax());
        }
        Ok(value)
    }
}

/// Decodes a string body's escapes into characters (for bytes, each char is one byte value).
fn decode_escapes(body: &str, raw: bool, bytes: bool) -> Result<Vec<char>, DecodeError> {
    let chars: Vec<char> = body.chars().collect();
    if raw {
        return Ok(chars);
    }
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    // CPython decodes after turning non-ASCII characters into `\UXXXXXXXX`: error positions count so.
    let byte_pos =
        |upto: usize| -> usize { chars[..upto].iter().map(|c| if c.is_ascii() { 1 } else { 10 }).sum() };
    while i < chars.len() {
        let c = chars[i];
        if c != '\\' {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let Some(&e) = chars.get(i) else {
            out.push('\\');
            break;
        };
        i += 1;
        match e {
            '\n' => {}
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0b'),
            '0'..='7' => {
                let mut value = e.to_digit(8).expect("octal digit");
                for _ in 0..2 {
                    match chars.get(i).and_then(|d| d.to_digit(8)) {
                        Some(d) => {
                            value = value * 8 + d;
                            i += 1;
                        }
                        None => break,
                    }
                }
                let value = if bytes { value & 0xff } else { value };
                out.push(char::from_u32(value).expect("octal escapes are at most 0o777"));
            }
            'x' | 'u' | 'U' if !(bytes && e != 'x') => {
                let (len, what) = match e {
                    'x' => (2, "\\xXX"),
                    'u' => (4, "\\uXXXX"),
                    _ => (8, "\\UXXXXXXXX"),
                };
                let digits: String =
                    chars[i..].iter().take(len).take_while(|d| d.is_ascii_hexdigit()).collect();
                if digits.len() < len {
                    let end = i + digits.len();
                    if bytes {
                        return Err(format!(
                            "(value error) invalid \\x escape at position {}",
                            byte_pos(start)
                        ));
                    }
                    return Err(format!(
                        "(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: truncated {} escape",
                        byte_pos(start),
                        byte_pos(end) - 1,
                        what
                    ));
                }
                i += len;
                let value = u32::from_str_radix(&digits, 16).expect("hex digits");
                match char::from_u32(value) {
                    Some(ch) => out.push(ch),
                    None => {
                        return Err(format!(
                            "(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: illegal Unicode character",
                            byte_pos(start),
                            byte_pos(i) - 1
                        ))
                    }
                }
            }
            'N' if !bytes => {
                // `\N{NAME}`: CPython's error range ends where its scan stopped.
                let fail = |end: usize, why: &str| {
                    Err(format!(
                        "(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: {why}",
                        byte_pos(start),
                        byte_pos(end) - 1
                    ))
                };
                if chars.get(i) != Some(&'{') {
                    return fail(i, "malformed \\N character escape");
                }
                let close = chars[i + 1..].iter().position(|&c| c == '}').map(|p| p + i + 1);
                let close = match close {
                    Some(c) if c > i + 1 => c,
                    other => return fail(other.unwrap_or(chars.len()), "malformed \\N character escape"),
                };
                let name: String = chars[i + 1..close].iter().collect();
                i = close + 1;
                match crate::py::unicode::names::lookup(&name) {
                    Some(ch) => out.push(ch),
                    None => return fail(i, "unknown Unicode character name"),
                }
            }
            other => {
                // An unknown escape keeps its backslash (CPython only warns).
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}
