//! The VM's tight loop (`exec::run_simple`: simple instructions, builtin methods and list items, plain
//! Python calls, native calls, frame switches) is only a fast path of `exec_one`. Every program of the
//! CPython corpus (`tests/py/`) must run the same with it and without it: the same output, exit
//! status, syscalls, hook events (lines, calls, returns, exceptions, generator and greenlet switches)
//! and count of instructions — so the virtual clock, which charges per instruction, agrees too.

use ioplay::py::vm::Vm;
use ioplay::sim::solo::{Output, Solo, Stdin};

/// Instructions per step: small enough that slices end inside the tight loop often.
const SLICE: u64 = 997;

struct Run {
    output: Output,
    calls: String,
    events: String,
    instructions: u64,
}

fn run(source: &str, filename: &str, stdin: &[u8], tight_loop: bool) -> Run {
    let mut vm = Vm::new(vec![filename.to_string()]);
    vm.tracing = true;
    vm.tight_loop = tight_loop;
    if let Err(e) = vm.load_main(source, filename) {
        // A program that does not compile: both runs fail alike before any instruction.
        let output = Output { status: 1, stdout: vec![], stderr: e.to_string().into_bytes(), elapsed: 0 };
        return Run { output, calls: String::new(), events: String::new(), instructions: 0 };
    }
    let mut solo = Solo::new(vm, Stdin::Text { data: stdin.to_vec(), pos: 0 }, false);
    let output = solo.run(SLICE);
    Run {
        output,
        calls: format!("{:?}", solo.calls),
        events: format!("{:?}", solo.events),
        instructions: solo.instructions,
    }
}

#[test]
fn every_corpus_program_runs_the_same_without_the_tight_loop() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/py");
    let mut programs: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/py")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    programs.sort();
    assert!(programs.len() > 300, "the corpus is there");
    let mut instructions = 0;
    for path in &programs {
        let name = path.file_name().expect("name").to_string_lossy().to_string();
        let source = std::fs::read_to_string(path).expect("source");
        let stdin = std::fs::read(path.with_extension("stdin")).unwrap_or_default();
        let fast = run(&source, &name, &stdin, true);
        let reference = run(&source, &name, &stdin, false);
        assert_eq!(fast.output, reference.output, "{name}: output");
        assert_eq!(fast.calls, reference.calls, "{name}: syscalls");
        assert_eq!(fast.events, reference.events, "{name}: hook events");
        assert_eq!(fast.instructions, reference.instructions, "{name}: instructions");
        instructions += fast.instructions;
    }
    // The comparison means something only if the programs ran.
    assert!(instructions > 1_000_000, "the corpus ran {instructions} instructions");
}
