//! What the subset leaves out fails with a clear SyntaxError of ioplay's own (CPython would accept these
//! programs, so there is no CPython output to compare with), and what CPython reads specially in a file
//! (a byte order mark) is read the same way.

use ioplay::py::ast::{ExprKind, StmtKind};
use ioplay::py::error::SyntaxErrorKind;
use ioplay::py::parser::parse;

fn error_of(source: &str) -> String {
    let err = parse(source, "t.py").expect_err("outside the subset");
    assert_eq!(err.kind, SyntaxErrorKind::SyntaxError);
    err.msg
}

#[test]
fn features_outside_the_subset_are_named() {
    assert_eq!(error_of("x = 1j\n"), "imaginary numbers are not supported in ioplay");
    assert_eq!(error_of("x = 2.5J\n"), "imaginary numbers are not supported in ioplay");
    assert_eq!(error_of("async def f():\n    pass\n"), "'async' is not supported in ioplay");
    assert_eq!(error_of("def f():\n    await g()\n"), "'await' is not supported in ioplay");
    assert_eq!(
        error_of("if (n := 10) > 5:\n    pass\n"),
        "assignment expressions (:=) are not supported in ioplay"
    );
    // Names of blocks ioplay does not store (crate/py/unicode/names.rs) are unknown names.
    assert_eq!(
        error_of("x = '\\N{DEVANAGARI LETTER A}'\n"),
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-22: unknown Unicode character name"
    );
    assert_eq!(
        error_of("try:\n    pass\nexcept* ValueError:\n    pass\n"),
        "'except*' is not supported in ioplay"
    );
    assert_eq!(
        error_of("match command:\n    case 'go':\n        pass\n"),
        "'match' statements are not supported in ioplay"
    );
}

#[test]
fn match_is_still_a_name() {
    let module = parse("match = 1\nmatch(x)\nmatch.group(0)\n", "t.py").expect("match is a soft keyword");
    assert_eq!(module.body.len(), 3);
    assert!(matches!(&module.body[0].kind, StmtKind::Assign { .. }));
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let module = parse("\u{feff}x = 1\n", "t.py").expect("CPython runs a file with a BOM");
    let StmtKind::Assign { targets, .. } = &module.body[0].kind else { panic!("an assignment") };
    assert!(matches!(&targets[0].kind, ExprKind::Name(n) if n == "x"));
    assert_eq!((targets[0].span.line, targets[0].span.col), (1, 0));
}
