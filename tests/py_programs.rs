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

/// The lesson's programs are copied into the corpus; the copies must not drift from the scenarios'.
#[test]
fn lesson_copies_match_the_scenario_programs() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for (copy, original) in [
        ("276_lesson_01_yield_producer_consumer.py", "01_yield_producer_consumer.py"),
        ("277_lesson_02_greenlet_switch.py", "02_greenlet_switch.py"),
        ("275_syn_lesson_verbatim_client.py", "07_select_chat_client.verbatim.py"),
    ] {
        let read = |path: std::path::PathBuf| {
            std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        };
        assert!(
            read(root.join("tests/py").join(copy))
                == read(root.join("crate/scenarios/programs").join(original)),
            "tests/py/{copy} differs from crate/scenarios/programs/{original}"
        );
    }
}
