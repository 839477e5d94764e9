//! CPython 3.11's traceback text: frames outermost first, the source line, the `^^^^`/`~~^~~` markers
//! (the rules of `traceback.format_frame_summary`), repeated frames collapsed, and chained exceptions.

use super::super::bytecode::AnchorKind;
use super::super::value::Value;
use super::Vm;

/// Terminal width of a character, as `traceback._display_width` counts it (East Asian wide = 2).
fn char_width(c: char) -> usize {
    let u = c as u32;
    let wide = (0x1100..=0x115F).contains(&u)
        || (0x2E80..=0x303E).contains(&u)
        || (0x3041..=0x33FF).contains(&u)
        || (0x3400..=0x4DBF).contains(&u)
        || (0x4E00..=0x9FFF).contains(&u)
        || (0xA000..=0xA4CF).contains(&u)
        || (0xAC00..=0xD7A3).contains(&u)
        || (0xF900..=0xFAFF).contains(&u)
        || (0xFE30..=0xFE4F).contains(&u)
        || (0xFF00..=0xFF60).contains(&u)
        || (0xFFE0..=0xFFE6).contains(&u)
        || (0x1F300..=0x1F64F).contains(&u)
        || (0x1F900..=0x1F9FF).contains(&u)
        || (0x20000..=0x3FFFD).contains(&u);
    if wide {
        2
    } else {
        1
    }
}

fn display_width(chars: &[char], upto: usize) -> usize {
    chars[..upto.min(chars.len())].iter().map(|c| char_width(*c)).sum()
}

/// The anchors of a binary operation or subscript inside its segment (character offsets).
fn anchors(segment: &[char], kind: AnchorKind, left_end: usize, right: usize) -> Option<(usize, usize)> {
    match kind {
        AnchorKind::BinOp => {
            let op_str: Vec<char> = segment.get(left_end..right.min(segment.len()))?.to_vec();
            let lead = op_str.iter().take_while(|c| c.is_whitespace()).count();
            let mut l = left_end + lead;
            let mut r = l + 1;
            if lead + 1 < op_str.len() && !op_str[lead + 1].is_whitespace() {
                r += 1;
            }
            while l < segment.len() && (segment[l].is_whitespace() || segment[l] == ')' || segment[l] == '#')
            {
                l += 1;
                r += 1;
            }
            Some((l, r))
        }
        AnchorKind::Subscript => {
            let mut l = left_end;
            let mut r = right + 1;
            while l < segment.len() && segment[l] != '[' {
                l += 1;
            }
            while r < segment.len() && segment[r] != ']' {
                r += 1;
            }
            if r < segment.len() {
                r += 1;
            }
            Some((l, r))
        }
    }
}

impl Vm {
    /// The whole text CPython writes for an uncaught exception, chained exceptions first.
    pub fn format_traceback(&self, exc: Value) -> String {
        let mut chain = vec![(exc, "")];
        let mut cur = exc;
        let mut seen = vec![exc];
        while let Some(d) = self.exc_data(cur) {
            let (next, msg) = if let Some(c) = d.cause {
                (c, "\nThe above exception was the direct cause of the following exception:\n\n")
            } else if let (Some(c), false) = (d.context, d.suppress_context) {
                (c, "\nDuring handling of the above exception, another exception occurred:\n\n")
            } else {
                break;
            };
            if seen.contains(&next) {
                break;
            }
            seen.push(next);
            chain.last_mut().expect("chain").1 = msg;
            chain.push((next, ""));
            cur = next;
        }
        // Oldest first; each followed by the sentence that links it to the next.
        let mut text = String::new();
        for (i, (e, _)) in chain.iter().enumerate().rev() {
            let mut one = String::new();
            self.format_one(*e, &mut one);
            text.push_str(&one);
            if i > 0 {
                text.push_str(chain[i - 1].1);
            }
        }
        text
    }

    fn format_one(&self, exc: Value, out: &mut String) {
        if let Some(d) = self.exc_data(exc) {
            if !d.traceback.is_empty() {
                out.push_str("Traceback (most recent call last):\n");
                let mut last: Option<(String, u32, String)> = None;
                let mut repeats = 0usize;
                for (code, pc) in d.traceback.iter().rev() {
                    // ioplay's libraries stand for CPython's C modules (`_socket`, `select`): their
                    // frames are not shown, so a traceback ends at the program's line, as CPython's.
                    if super::import::is_library_file(&code.filename) {
                        continue;
                    }
                    let loc = code.locs.get(*pc as usize).copied().unwrap_or_default();
                    let key = (code.filename.to_string(), loc.span.line, code.name.clone());
                    if last.as_ref() == Some(&key) {
                        repeats += 1;
                        if repeats >= 3 {
                            continue;
                        }
                    } else {
                        flush_repeats(out, repeats);
                        repeats = 0;
                        last = Some(key);
                    }
                    self.format_frame(code, loc, out);
                }
                flush_repeats(out, repeats);
            }
        }
        let name = self.exc_type_name(exc);
        let mut msg = self.exc_message(exc);
        if let Some(s) = self.suggestion(exc) {
            msg.push_str(&s);
        }
        if msg.is_empty() {
            out.push_str(&format!("{name}\n"));
        } else {
            out.push_str(&format!("{name}: {msg}\n"));
        }
    }

    fn format_frame(
        &self,
        code: &super::super::bytecode::Code,
        loc: super::super::bytecode::Loc,
        out: &mut String,
    ) {
        out.push_str(&format!("  File \"{}\", line {}, in {}\n", code.filename, loc.span.line, code.name));
        let Some(lines) = self.sources.get(&*code.filename) else {
            return;
        };
        let Some(line) = lines.get(loc.span.line.saturating_sub(1) as usize) else {
            return;
        };
        let stripped = line.trim();
        if stripped.is_empty() {
            return;
        }
        out.push_str(&format!("    {stripped}\n"));
        let chars: Vec<char> = line.chars().collect();
        // CPython counts the newline among the stripped characters.
        let stripped_chars = chars.len() + 1 - stripped.chars().count();
        let start = loc.span.col as usize;
        let mut end = loc.span.end_col as usize;
        if loc.span.line == 0 || (start == 0 && end == 0) {
            return;
        }
        let mut anchor = None;
        if loc.span.line == loc.span.end_line {
            if let Some((kind, l, r)) = loc.anchor {
                let seg: Vec<char> = chars.get(start..end.min(chars.len())).unwrap_or(&[]).to_vec();
                anchor = anchors(
                    &seg,
                    kind,
                    (l as usize).saturating_sub(start),
                    (r as usize).saturating_sub(start),
                );
            }
        } else {
            end = line.trim_end().chars().count();
        }
        let end = end.min(chars.len());
        if start > end {
            return;
        }
        let show = end - start < stripped.chars().count() || matches!(anchor, Some((l, r)) if r > l);
        if !show {
            return;
        }
        let dp_start = display_width(&chars, start) + 1;
        let dp_end = display_width(&chars, end) + 1;
        out.push_str("    ");
        out.push_str(&" ".repeat(dp_start.saturating_sub(stripped_chars)));
        match anchor {
            Some((l, r)) => {
                let seg: Vec<char> = chars[start..end].to_vec();
                let dl = display_width(&seg, l);
                let dr = display_width(&seg, r);
                out.push_str(&"~".repeat(dl));
                out.push_str(&"^".repeat(dr.saturating_sub(dl)));
                out.push_str(&"~".repeat((dp_end - dp_start).saturating_sub(dr)));
            }
            None => out.push_str(&"^".repeat(dp_end - dp_start)),
        }
        out.push('\n');
    }
}

fn flush_repeats(out: &mut String, repeats: usize) {
    if repeats >= 3 {
        let n = repeats - 2;
        let s = if n == 1 { "" } else { "s" };
        out.push_str(&format!("  [Previous line repeated {n} more time{s}]\n"));
    }
}
