//! `cargo bench --bench vm` (or `cargo xtask bench vm`): CPU-bound programs timed on ioplay's VM (tracing
//! off and on) and on `python3` in the same run; prints `name: value` lines, the ratios the issue's
//! targets are about (tracing off ≤ 2× CPython 3.11, tracing on ≤ 4×).
//!
//! Each program runs its work in `main()`; CPython times `main()` itself with `perf_counter`, ioplay
//! times the VM's steps, so neither counts start-up or compilation. Each time is the best of a few runs,
//! taken in turns. Beside the times, the count of bytecode instructions the VM executed (deterministic)
//! and the time per instruction: steadier figures to compare builds by on a busy machine.

#![allow(clippy::disallowed_methods)] // a benchmark measures real time

use std::process::Command;
use std::time::{Duration, Instant};

use ioplay::py::vm::{Fuel, Step, Vm};

/// Runs of each program on each side; the best counts. `IOPLAY_BENCH_RUNS` overrides it (1 to run the
/// bench under callgrind).
const RUNS: usize = 7;

/// Instructions per `step` call, as a driver gives them.
const SLICE: u64 = 100_000;

const PROGRAMS: &[(&str, &str)] = &[
    (
        "loop",
        "def main():
    total = 0
    i = 0
    while i < 2000000:
        total += i * 2 % 7
        i += 1
    for j in range(1000000):
        total -= j
    return total
",
    ),
    (
        "calls",
        "def add(a, b):
    return a + b

def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

def main():
    s = 0
    for i in range(300000):
        s = add(s, i)
    return s + fib(22)
",
    ),
    (
        "generators",
        "def numbers(n):
    for i in range(n):
        yield i

def squares(it):
    for x in it:
        yield x * x

def evens(it):
    for x in it:
        if x % 2 == 0:
            yield x

def main():
    total = 0
    for v in evens(squares(numbers(400000))):
        total += v
    return total + sum(x for x in range(200000))
",
    ),
    (
        "dict_str",
        "def main():
    words = ('alpha beta gamma delta epsilon zeta eta theta iota kappa ' * 20).split()
    counts = {}
    for r in range(300):
        for w in words:
            counts[w] = counts.get(w, 0) + 1
    parts = []
    for i in range(50000):
        parts.append(str(i) + ':' + words[i % len(words)].upper())
    text = ','.join(parts)
    return len(text) + sum(counts.values()) + len(text.split(','))
",
    ),
];

/// What one run of a program on the VM measured.
struct VmRun {
    time: Duration,
    /// Hook events the tracer drained (0 with tracing off).
    events: usize,
    /// Bytecode instructions executed (fuel used): the same on every run, a steady measure of work.
    instructions: u64,
}

/// Runs `main()` of `src` once on the VM, timing only the steps.
fn run_ioplay(src: &str, tracing: bool) -> VmRun {
    let program = format!("{src}\nmain()\n");
    let mut vm = Vm::new(vec!["bench.py".into()]);
    vm.load_main(&program, "bench.py").expect("bench program compiles");
    vm.tracing = tracing;
    let (mut events, mut instructions) = (0, 0);
    let start = Instant::now();
    loop {
        let mut fuel = Fuel::new(SLICE);
        let step = vm.step(&mut fuel);
        instructions += SLICE - fuel.remaining;
        // A tracer drains the events after each slice, as the world's trace does.
        events += vm.events.len();
        vm.events.clear();
        match step {
            Step::Finished(status) => {
                assert_eq!(status, 0, "bench program failed");
                break;
            }
            Step::OutOfFuel => {}
            Step::Syscall(call) => panic!("bench programs make no syscalls: {call:?}"),
        }
    }
    VmRun { time: start.elapsed(), events, instructions }
}

/// Runs `main()` of `src` on python3, timed inside CPython: the best of two calls, as the first call in a
/// fresh process is slower (the interpreter specialises, the allocator warms up).
fn run_cpython(src: &str) -> Option<Duration> {
    let program = format!(
        "{src}\nimport time\nbest = 1e9\nfor _ in range(2):\n    t = time.perf_counter()\n    main()\n    best = min(best, time.perf_counter() - t)\nprint(best)\n"
    );
    let out = Command::new("python3").arg("-c").arg(program).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let secs: f64 = String::from_utf8_lossy(&out.stdout).trim().parse().ok()?;
    Some(Duration::from_secs_f64(secs))
}

fn main() {
    // `cargo bench` passes `--bench`; a name filter may follow.
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let runs = std::env::var("IOPLAY_BENCH_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(RUNS);
    for (name, src) in PROGRAMS {
        if let Some(f) = &filter {
            if !name.contains(f.as_str()) {
                continue;
            }
        }
        // Runs alternate between the three, so a busy spell of the machine slows all of them alike;
        // each figure is the best of its runs.
        let (mut off, mut on, mut py) = (Duration::MAX, Duration::MAX, Some(Duration::MAX));
        let (mut events, mut instructions) = (0, 0);
        for _ in 0..runs {
            let run = run_ioplay(src, false);
            off = off.min(run.time);
            instructions = run.instructions;
            let run = run_ioplay(src, true);
            on = on.min(run.time);
            events = run.events;
            py = match (py, run_cpython(src)) {
                (Some(best), Some(t)) => Some(best.min(t)),
                _ => None,
            };
        }
        println!("{name}_ioplay_ms: {:.1}", off.as_secs_f64() * 1e3);
        println!("{name}_ioplay_traced_ms: {:.1}", on.as_secs_f64() * 1e3);
        println!("{name}_trace_events: {events}");
        println!("{name}_vm_instructions: {instructions}");
        println!("{name}_ns_per_vm_instruction: {:.2}", off.as_secs_f64() * 1e9 / instructions as f64);
        match py {
            Some(py) => {
                println!("{name}_cpython_ms: {:.1}", py.as_secs_f64() * 1e3);
                println!("{name}_ratio_vs_cpython: {:.2}", off.as_secs_f64() / py.as_secs_f64());
                println!("{name}_traced_ratio_vs_cpython: {:.2}", on.as_secs_f64() / py.as_secs_f64());
            }
            None => println!("{name}_cpython_ms: unavailable"),
        }
    }
}
