//! `cargo bench --bench vm` (or `cargo xtask bench vm`): CPU-bound programs timed on ioplay's VM (tracing
//! off and on) and on `python3` in the same run; prints `name: value` lines, the ratios the issue's
//! targets are about (tracing off ≤ 2× CPython 3.11, tracing on ≤ 4×).
//!
//! Each program runs its work in `main()`; CPython times `main()` itself with `perf_counter`, ioplay
//! times the VM's steps, so neither counts start-up or compilation. Each time is the best of a few runs.

#![allow(clippy::disallowed_methods)] // a benchmark measures real time

use std::process::Command;
use std::time::{Duration, Instant};

use ioplay::py::vm::{Fuel, Step, Vm};

const RUNS: usize = 3;

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

/// Runs `main()` of `src` on the VM; returns the time spent stepping and the number of hook events.
fn time_ioplay(src: &str, tracing: bool) -> (Duration, usize) {
    let program = format!("{src}\nmain()\n");
    let mut best = Duration::MAX;
    let mut events = 0;
    for _ in 0..RUNS {
        let mut vm = Vm::new(vec!["bench.py".into()]);
        vm.load_main(&program, "bench.py").expect("bench program compiles");
        vm.tracing = tracing;
        let start = Instant::now();
        let mut seen = 0;
        loop {
            let mut fuel = Fuel::new(100_000);
            let step = vm.step(&mut fuel);
            // A tracer drains the events after each slice, as the world's trace does.
            seen += vm.events.len();
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
        best = best.min(start.elapsed());
        events = seen;
    }
    (best, events)
}

/// Runs `main()` of `src` on python3, timed inside CPython.
fn time_cpython(src: &str) -> Option<Duration> {
    let program = format!(
        "{src}\nimport time\nbest = 1e9\nfor _ in range({RUNS}):\n    t = time.perf_counter()\n    main()\n    best = min(best, time.perf_counter() - t)\nprint(best)\n"
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
    for (name, src) in PROGRAMS {
        if let Some(f) = &filter {
            if !name.contains(f.as_str()) {
                continue;
            }
        }
        let (off, _) = time_ioplay(src, false);
        let (on, events) = time_ioplay(src, true);
        println!("{name}_ioplay_ms: {:.1}", off.as_secs_f64() * 1e3);
        println!("{name}_ioplay_traced_ms: {:.1}", on.as_secs_f64() * 1e3);
        println!("{name}_trace_events: {events}");
        match time_cpython(src) {
            Some(py) => {
                println!("{name}_cpython_ms: {:.1}", py.as_secs_f64() * 1e3);
                println!("{name}_ratio_vs_cpython: {:.2}", off.as_secs_f64() / py.as_secs_f64());
                println!("{name}_traced_ratio_vs_cpython: {:.2}", on.as_secs_f64() / py.as_secs_f64());
            }
            None => println!("{name}_cpython_ms: unavailable"),
        }
    }
}
