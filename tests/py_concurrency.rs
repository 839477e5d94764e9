//! The differential concurrency corpus of issue 5: `tests/py_concurrency/NNN_topic.py`, programs on
//! greenlet, gevent, eventlet, sockets over loopback and select/poll/epoll whose output does not depend
//! on timing, each run by `ioplay run` and compared line by line with CPython 3.11 and the real libraries
//! (the venv `.venv`, or `$IOPLAY_PYTHON`). See `tests/corpus/mod.rs` for the harness and
//! `tests/py_concurrency/EXPECTED_FAILURES` for what ioplay does not do yet.

mod corpus;

use std::time::Duration;

#[test]
fn every_concurrency_program_behaves_as_cpython() {
    corpus::check(&corpus::Corpus {
        dir: "tests/py_concurrency",
        // eventlet warns on import that it is deprecated; warnings are not part of ioplay's subset.
        oracle_env: &[("PYTHONWARNINGS", "ignore")],
        timeout: Duration::from_secs(60),
        // gevent and eventlet print failed greenlets with timestamps and addresses on stderr.
        compare_stderr: false,
    });
}
