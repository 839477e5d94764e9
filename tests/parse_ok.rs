//! The parser against CPython: every program under `tests/parse/ok/` and the lesson's programs must give
//! the AST that CPython 3.11's `ast.dump` prints, positions included (columns in characters).
//!
//! The expected dumps are committed next to each program (`NAME.py` → `NAME.ast`), so the test runs
//! without python3; when python3 is present, it re-checks them against CPython. `IOPLAY_REGEN=1`
//! rewrites them from CPython.

use ioplay::py::parser::{dump, parse};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// CPython's two dumps of `file`, or None when python3 is missing.
fn cpython(file: &Path) -> Option<String> {
    let out =
        Command::new("python3").arg(root().join("tests/parse/cpython_dump.py")).arg(file).output().ok()?;
    assert!(
        out.status.success(),
        "python3 failed on {}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).expect("utf-8"))
}

fn python_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("fixture dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    files.sort();
    files
}

/// Compares each program with its expected dump; returns the failures.
fn check(program: &Path, expected_path: &Path) -> Option<String> {
    let source = std::fs::read_to_string(program).expect("program");
    let regen = std::env::var("IOPLAY_REGEN").is_ok_and(|v| v == "1");
    let from_cpython = cpython(program);
    if regen {
        let text = from_cpython.clone().expect("regenerating needs python3");
        std::fs::write(expected_path, text).expect("write expected");
    }
    let expected = match std::fs::read_to_string(expected_path) {
        Ok(text) => text,
        Err(_) => return Some(format!("{}: no expected file (run with IOPLAY_REGEN=1)", program.display())),
    };
    if let Some(live) = from_cpython {
        if live != expected {
            return Some(format!("{}: committed dump differs from python3's", program.display()));
        }
    }
    let module = match parse(&source, &program.to_string_lossy()) {
        Ok(m) => m,
        Err(e) => return Some(format!("{}: parse failed:\n{e}", program.display())),
    };
    let ours = format!("{}\n{}\n", dump(&module, false), dump(&module, true));
    let mut want = expected.lines();
    let mut got = ours.lines();
    let (plain_want, plain_got) = (want.next().unwrap_or(""), got.next().unwrap_or(""));
    if plain_want != plain_got {
        return Some(format!("{}: AST differs\n  want {plain_want}\n  got  {plain_got}", program.display()));
    }
    let (attr_want, attr_got) = (want.next().unwrap_or(""), got.next().unwrap_or(""));
    if attr_want != attr_got {
        let at = attr_want.chars().zip(attr_got.chars()).take_while(|(a, b)| a == b).count();
        let from = at.saturating_sub(150);
        let want_tail: String = attr_want.chars().skip(from).take(300).collect();
        let got_tail: String = attr_got.chars().skip(from).take(300).collect();
        return Some(format!(
            "{}: positions differ\n  want …{want_tail}\n  got  …{got_tail}",
            program.display()
        ));
    }
    None
}

fn run(pairs: Vec<(PathBuf, PathBuf)>) {
    assert!(!pairs.is_empty(), "no fixtures found");
    let failures: Vec<String> = pairs.iter().filter_map(|(p, e)| check(p, e)).collect();
    assert!(failures.is_empty(), "{} of {} failed:\n{}", failures.len(), pairs.len(), failures.join("\n\n"));
}

#[test]
fn fixtures_parse_as_cpython_does() {
    let dir = root().join("tests/parse/ok");
    run(python_files(&dir).into_iter().map(|p| (p.clone(), p.with_extension("ast"))).collect());
}

#[test]
fn lesson_programs_parse_as_cpython_does() {
    let dir = root().join("crate/scenarios/programs");
    let expected_dir = root().join("tests/parse/lesson");
    let pairs = python_files(&dir)
        .into_iter()
        .filter(|p| !p.to_string_lossy().contains("verbatim"))
        .map(|p| {
            let name = p.file_stem().expect("name").to_string_lossy().to_string();
            (p, expected_dir.join(format!("{name}.ast")))
        })
        .collect();
    run(pairs);
}
