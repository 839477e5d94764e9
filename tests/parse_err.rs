//! Syntax errors against CPython: every program under `tests/parse/err/` must fail with exactly the block
//! `python3 FILE` writes to stderr (file and line, the source line, the carets, `Kind: message`).
//!
//! The expected stderr is committed next to each program (`NAME.py` → `NAME.stderr`); when python3 is
//! present the test re-runs it and fails if CPython's output changed. `IOPLAY_REGEN=1` rewrites them.

use ioplay::py::parser::parse;
use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What `python3 RELATIVE_PATH` prints on stderr, run from the crate root; None without python3.
/// (CPython names the main script by its absolute path; the crate root is cut off.)
fn cpython_stderr(relative: &str) -> Option<String> {
    let out = Command::new("python3").arg(relative).current_dir(root()).output().ok()?;
    let text = String::from_utf8(out.stderr).expect("utf-8");
    Some(text.replace(&format!("{}/", root().display()), ""))
}

fn check(relative: &str) -> Option<String> {
    let program = root().join(relative);
    let expected_path = program.with_extension("stderr");
    let live = cpython_stderr(relative);
    if std::env::var("IOPLAY_REGEN").is_ok_and(|v| v == "1") {
        std::fs::write(&expected_path, live.clone().expect("regenerating needs python3")).expect("write");
    }
    let expected = std::fs::read_to_string(&expected_path).ok()?;
    if let Some(live) = live {
        if live != expected {
            return Some(format!("{relative}: committed stderr differs from python3's:\n{live}"));
        }
    }
    let source = std::fs::read_to_string(&program).expect("program");
    match parse(&source, relative) {
        Ok(_) => Some(format!("{relative}: parsed, but CPython says\n{expected}")),
        Err(err) if format!("{err}\n") != expected => {
            Some(format!("{relative}:\n--- want\n{expected}--- got\n{err}\n"))
        }
        Err(_) => None,
    }
}

#[test]
fn bad_programs_fail_as_cpython_does() {
    let dir = root().join("tests/parse/err");
    let mut programs: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixture dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .map(|p| format!("tests/parse/err/{}", p.file_name().expect("name").to_string_lossy()))
        .collect();
    programs.sort();
    assert!(programs.len() >= 40, "expected the fixtures under {}", dir.display());
    let failures: Vec<String> = programs.iter().filter_map(|p| check(p)).collect();
    assert!(failures.is_empty(), "{} of {} failed:\n{}", failures.len(), programs.len(), failures.join("\n"));
}

/// The lesson's client as the lesson printed it: its stray `'''` line is indented by one space.
#[test]
fn verbatim_lesson_client_is_an_indentation_error() {
    let source =
        std::fs::read_to_string(root().join("crate/scenarios/programs/07_select_chat_client.verbatim.py"))
            .expect("program");
    let expected =
        std::fs::read_to_string(root().join("tests/parse/err/07_select_chat_client.verbatim.expected"))
            .expect("expected");
    let err = parse(&source, "programs/07_select_chat_client.verbatim.py").expect_err("must fail");
    assert_eq!(format!("{err}\n"), expected);
}

#[test]
fn error_display_has_no_caret_left_of_the_text() {
    // `unexpected indent` points at column 0 of an indented line: CPython draws no caret.
    let err = parse("x = 1\n    y = 2\n", "t.py").expect_err("must fail");
    assert_eq!(format!("{err}"), "  File \"t.py\", line 2\n    y = 2\nIndentationError: unexpected indent");
}
