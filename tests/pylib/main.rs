//! The libraries of `crate/py/modules/lib` against the real ones, on CPython: `compare.py` runs each
//! program through ours (on the `_ioplay` shim) and through CPython's socket/select/selectors and the real
//! gevent, eventlet and greenlet, and fails on any difference in output.
//!
//! It needs `.venv` (greenlet 3.5.6, gevent 26.9.0, eventlet 0.41.3), made by `cargo xtask` or by hand:
//! `python3 -m venv .venv && .venv/bin/pip install greenlet==3.5.6 gevent==26.9.0 eventlet==0.41.3`.
//! Without it the tests say so and pass: CPython is the oracle, not a dependency of the build.
//! The lesson's programs take minutes of real time (they sleep), so that test is `#[ignore]`d:
//! `cargo test --test pylib -- --ignored` (also runs `strace_check.py`: the lesson's servers make the same
//! syscalls through ours as through CPython's modules, and the hub waits in epoll_wait(…, 64, 2000) then ~3000).

use std::path::{Path, PathBuf};
use std::process::Command;

fn venv_python() -> Option<PathBuf> {
    let python = Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python");
    let ready = python.exists()
        && Command::new(&python)
            .args(["-c", "import greenlet, gevent, eventlet"])
            .output()
            .map(|out| out.status.success())
            .unwrap_or(false);
    if ready {
        Some(python)
    } else {
        eprintln!("skipped: no .venv with greenlet, gevent and eventlet (see tests/pylib/main.rs)");
        None
    }
}

fn compare(filter: &str) {
    let Some(python) = venv_python() else { return };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pylib/compare.py");
    let out = Command::new(python).arg(script).arg(filter).output().expect("run compare.py");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "ioplay's libraries differ from the real ones:\n{report}");
    assert!(report.contains(" same, 0 different"), "{report}");
}

#[test]
fn the_library_keeps_to_the_python_subset_by_cpythons_own_parser() {
    let Ok(out) = Command::new("python3").arg("--version").output() else {
        eprintln!("skipped: no python3");
        return;
    };
    assert!(out.status.success());
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pylib/subset_check.py");
    let out = Command::new("python3").arg(script).output().expect("run subset_check.py");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "outside the subset:\n{report}");
    assert!(report.contains(" files, 0 problems"), "{report}");
}

#[test]
fn own_programs_print_the_same_through_our_libraries_as_through_the_real_ones() {
    compare("programs/");
    compare("ioplay_only/");
}

/// One test, not two: both run the lesson's servers on their fixed ports, which must not overlap.
#[test]
#[ignore = "about 4 minutes of real time (the lesson's programs sleep), and needs strace"]
fn lesson_programs_print_the_same_and_make_the_same_syscalls_through_our_libraries() {
    compare("lesson/");
    let Some(python) = venv_python() else { return };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pylib/strace_check.py");
    let out = Command::new(python).arg(script).output().expect("run strace_check.py");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "syscalls differ:\n{report}");
}
