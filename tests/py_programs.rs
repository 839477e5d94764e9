//! The CPython-oracle corpus of issue 4: `tests/py/NNN_topic.py`, each run by `ioplay run` and compared
//! with what CPython 3.11 printed (stdout, stderr, exit status). See `tests/corpus/mod.rs` for how the
//! comparison, the CPython re-run and `tests/py/EXPECTED_FAILURES` work, and `tests/py/regen.py` to
//! regenerate expectations.

mod corpus;

use std::time::Duration;

#[test]
fn every_program_behaves_as_cpython() {
    corpus::check(&corpus::Corpus {
        dir: "tests/py",
        oracle_env: &[],
        timeout: Duration::from_secs(30),
        compare_stderr: true,
    });
}
