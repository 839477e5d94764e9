//! The parser on hostile input: it must return (a module or a SyntaxError) for every truncation and many
//! seeded mutations of the fixtures, and for absurd nesting, without panicking, hanging or overflowing
//! the stack.

use ioplay::py::parser::parse;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

fn fixtures() -> Vec<String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut sources = Vec::new();
    for dir in ["tests/parse/ok", "tests/parse/err", "crate/scenarios/programs"] {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .expect("fixture dir")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "py"))
            .collect();
        paths.sort();
        sources.extend(paths.iter().map(|p| std::fs::read_to_string(p).expect("fixture")));
    }
    sources
}

/// Runs `work` on another thread and fails if it takes longer than `limit` (a hang) or panics.
fn within(limit: Duration, work: impl FnOnce() -> usize + Send + 'static) -> usize {
    let (done, wait) = mpsc::channel();
    let worker = std::thread::spawn(move || {
        let count = work();
        let _ = done.send(count);
    });
    match wait.recv_timeout(limit) {
        Ok(count) => count,
        Err(_) => {
            let panicked = worker.join().is_err();
            panic!("the parser {}", if panicked { "panicked" } else { "hung" });
        }
    }
}

/// A small seeded generator (xorshift), so every run tries the same mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % bound as u64) as usize
    }
}

#[test]
fn every_truncation_of_every_fixture_returns() {
    let parsed = within(Duration::from_secs(300), || {
        let mut count = 0;
        for source in fixtures() {
            let chars: Vec<char> = source.chars().collect();
            for end in 0..chars.len() {
                let prefix: String = chars[..end].iter().collect();
                let _ = parse(&prefix, "t.py");
                count += 1;
            }
        }
        count
    });
    assert!(parsed > 5_000, "only {parsed} truncations tried");
}

#[test]
fn seeded_mutations_of_the_fixtures_return() {
    const PIECES: &[&str] = &[
        "(", ")", "[", "]", "{", "}", ":", "\n", "    ", "\t", "'", "\"", "'''", "\\", "#", "f'{", "}", "=",
        "*", "**", "lambda", "yield", "not", "if", "else", "for", "in", ",", "0x", "1e", "@", "!", "é", "中",
        ";",
    ];
    let tried = within(Duration::from_secs(300), || {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut count = 0;
        for source in fixtures() {
            let chars: Vec<char> = source.chars().collect();
            if chars.is_empty() {
                continue;
            }
            for _ in 0..60 {
                let mut mutated = chars.clone();
                for _ in 0..1 + rng.next(3) {
                    let at = rng.next(mutated.len() + 1);
                    match rng.next(3) {
                        0 if at < mutated.len() => {
                            mutated.remove(at);
                        }
                        1 if at < mutated.len() => {
                            let c = mutated[at];
                            mutated.insert(at, c);
                        }
                        _ => {
                            let piece = PIECES[rng.next(PIECES.len())];
                            for (k, c) in piece.chars().enumerate() {
                                mutated.insert(at + k, c);
                            }
                        }
                    }
                }
                let text: String = mutated.into_iter().collect();
                let _ = parse(&text, "t.py");
                count += 1;
            }
        }
        count
    });
    assert!(tried > 5_000, "only {tried} mutations tried");
}

#[test]
fn absurd_nesting_is_an_error_not_a_crash() {
    let deep = |open: &str, close: &str, n: usize| format!("x = {}1{}\n", open.repeat(n), close.repeat(n));
    let cases = vec![
        (deep("(", ")", 100_000), "too many nested parentheses"),
        (deep("[", "]", 100_000), "too many nested parentheses"),
        (deep("f(", ")", 100_000), "too many nested parentheses"),
        ("(".repeat(100_000), "too many nested parentheses"),
        (deep("-", "", 100_000), "too many nested expressions for ioplay's parser"),
        (deep("not ", "", 100_000), "too many nested expressions for ioplay's parser"),
        (deep("2**", "", 100_000), "too many nested expressions for ioplay's parser"),
        (deep("lambda: ", "", 100_000), "too many nested expressions for ioplay's parser"),
        (deep("1 if 2 else ", "", 100_000), "too many nested expressions for ioplay's parser"),
    ];
    within(Duration::from_secs(120), move || {
        for (source, message) in &cases {
            let err = parse(source, "t.py").expect_err("too deep");
            assert_eq!(err.msg, *message);
        }
        cases.len()
    });
}

#[test]
fn nesting_cpython_accepts_parses() {
    // CPython 3.11 accepts 199 nested brackets and 1000 nested unary minus signs.
    let cases = vec![
        format!("x = {}1{}\n", "(".repeat(199), ")".repeat(199)),
        format!("x = {}1{}\n", "[".repeat(199), "]".repeat(199)),
        format!("x = {}1{}\n", "f(".repeat(199), ")".repeat(199)),
        format!("x = {}1\n", "-".repeat(990)),
        format!("x = {}1\n", "lambda: ".repeat(400)),
    ];
    within(Duration::from_secs(120), move || {
        for source in &cases {
            parse(source, "t.py").expect("CPython parses this");
        }
        cases.len()
    });
}
