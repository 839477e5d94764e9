//! The machine's contracts: bounded steps that can be continued, clones that replay identically, the
//! recursion limit, the memory budget, the collector, the hook, and stdin.

use ioplay::py::vm::{Event, Fuel, Step, Vm};
use ioplay::sim::solo::{run_source, Solo, Stdin};

fn vm_for(src: &str) -> Vm {
    let mut vm = Vm::new(vec!["t.py".into()]);
    vm.load_main(src, "t.py").expect("compiles");
    vm
}

/// Runs to the end, answering writes by collecting them; returns (stdout, stderr, status, steps).
fn drive(vm: &mut Vm, slice: u64) -> (String, String, i32, usize) {
    let (mut out, mut err, mut steps) = (Vec::new(), Vec::new(), 0);
    loop {
        steps += 1;
        match vm.step(&mut Fuel::new(slice)) {
            Step::Finished(s) => {
                return (String::from_utf8_lossy(&out).into(), String::from_utf8_lossy(&err).into(), s, steps)
            }
            Step::OutOfFuel => {}
            Step::Syscall(ioplay::sys::Call::Write { fd, data }) => {
                let n = data.len() as i64;
                if fd == 1 {
                    out.extend(data)
                } else {
                    err.extend(data)
                }
                vm.resume(ioplay::sys::Outcome::Ok(ioplay::sys::Ret::Int(n)));
            }
            Step::Syscall(c) => panic!("unexpected syscall {c:?}"),
        }
    }
}

const WORK: &str = "
def gen(n):
    for i in range(n):
        yield i * i
total = 0
for v in gen(300):
    total += v
d = {str(k): k for k in range(50)}
print(total, len(d), sorted(d)[:3])
";

#[test]
fn tiny_fuel_slices_give_the_same_result_as_one_big_one() {
    let (big, _, s1, steps1) = drive(&mut vm_for(WORK), 10_000_000);
    let (small, _, s2, steps2) = drive(&mut vm_for(WORK), 7);
    assert_eq!(big, "8955050 50 ['0', '1', '10']\n");
    assert_eq!((big, s1), (small, s2));
    assert!(steps2 > steps1 * 100, "small slices really stopped: {steps2} vs {steps1}");
}

#[test]
fn a_clone_taken_mid_run_replays_the_same_output() {
    let mut vm = vm_for(WORK);
    for _ in 0..50 {
        assert_eq!(vm.step(&mut Fuel::new(20)), Step::OutOfFuel);
    }
    let mut twin = vm.clone();
    let (a, b) = (drive(&mut vm, 1000), drive(&mut twin, 333));
    assert_eq!((a.0, a.1, a.2), (b.0, b.1, b.2));
}

#[test]
fn recursion_stops_at_depth_1000_with_cpythons_traceback() {
    let out = run_source("def f(n):\n    return f(n + 1)\n\nf(0)\n", "rec.py", "");
    assert_eq!(out.status, 1);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.ends_with(
            "  [Previous line repeated 996 more times]\nRecursionError: maximum recursion depth exceeded\n"
        ),
        "{err}"
    );
    // And it is catchable, after which the program goes on.
    let ok = run_source(
        "def f(n):\n    return f(n + 1)\ntry:\n    f(0)\nexcept RecursionError as e:\n    print('caught', e)\n",
        "rec.py",
        "",
    );
    assert_eq!(String::from_utf8_lossy(&ok.stdout), "caught maximum recursion depth exceeded\n");
}

#[test]
fn the_memory_budget_raises_memory_error() {
    let mut vm = vm_for("keep = []\ntry:\n    while True:\n        keep.append([1])\nexcept MemoryError:\n    keep = None\n    print('MemoryError')\n");
    vm.limits.bytes = 4 << 20;
    let (out, _, status, _) = drive(&mut vm, 10_000);
    assert_eq!((out.as_str(), status), ("MemoryError\n", 0));
}

#[test]
fn the_memory_budget_counts_bytes_not_objects() {
    // Few objects, many bytes: 1,000 strings of 10 kB are over a 4 MiB budget.
    let mut vm = vm_for("keep = []\ntry:\n    while True:\n        keep.append('x' * 10000)\nexcept MemoryError as e:\n    n = len(keep)\n    keep = None\n    print(repr(e), 300 < n < 1000)\n");
    vm.limits.bytes = 4 << 20;
    let (out, _, status, _) = drive(&mut vm, 10_000);
    assert_eq!((out.as_str(), status), ("MemoryError() True\n", 0));
}

#[test]
fn garbage_is_collected_so_a_long_loop_stays_small() {
    let mut vm = vm_for("for i in range(400000):\n    s = str(i) + 'x'\n    l = [s, s]\nprint('done')\n");
    let (out, _, status, _) = drive(&mut vm, 50_000);
    assert_eq!((out.as_str(), status), ("done\n", 0));
    assert!(vm.heap.live() < 300_000, "live objects: {}", vm.heap.live());
}

#[test]
fn the_hook_sees_lines_calls_generators_and_greenlet_switches() {
    let src = "from greenlet import greenlet\ndef g():\n    yield 1\ndef run():\n    main.switch(next(g()))\nmain = greenlet.getcurrent()\nprint(greenlet(run).switch())\n";
    let mut vm = vm_for(src);
    vm.tracing = true;
    let mut solo = Solo::new(vm, Stdin::Text { data: vec![], pos: 0 }, false);
    let out = solo.run(1000);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "1\n");
    let ev = &solo.events;
    assert!(ev.iter().any(|e| matches!(e, Event::Line { line: 7, .. })));
    let vm = &solo.vm;
    assert!(ev.iter().any(|e| matches!(e, Event::Call { code } if vm.code_name(*code) == "run")));
    assert!(ev.iter().any(|e| matches!(e, Event::GenResume { code } if vm.code_name(*code) == "g")));
    assert!(ev.iter().any(|e| matches!(e, Event::GenSuspend { code } if vm.code_name(*code) == "g")));
    let switches = ev.iter().filter(|e| matches!(e, Event::GreenletSwitch { .. })).count();
    assert_eq!(switches, 2, "into run, and back to main");
}

#[test]
fn tracing_off_records_nothing() {
    let mut vm = vm_for(WORK);
    drive(&mut vm, 1000);
    assert!(vm.events.is_empty());
}

#[test]
fn input_reads_lines_then_raises_eoferror() {
    let src = "a = input('name? ')\nprint('hi', a)\ntry:\n    input()\nexcept EOFError as e:\n    print(e)\n";
    let out = run_source(src, "t.py", "ann\n");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "name? hi ann\nEOF when reading a line\n");
}

#[test]
fn sys_exit_sets_the_status_and_prints_a_message() {
    assert_eq!(run_source("import sys\nsys.exit(3)\n", "t.py", "").status, 3);
    let out = run_source("import sys\nsys.exit('bye')\n", "t.py", "");
    assert_eq!((out.status, String::from_utf8_lossy(&out.stderr).to_string()), (1, "bye\n".to_string()));
}

#[test]
fn natives_do_not_recurse_on_the_rust_stack() {
    // sorted(key=) and str() of objects call Python from natives through continuations, 5000 deep
    // chains of generators resume through frames: none of it grows the Rust stack.
    let src = "
class P:
    def __init__(self, n):
        self.n = n
    def __repr__(self):
        return 'P%d' % self.n
ps = [P(i) for i in range(2000)]
print(sorted(ps, key=lambda p: -p.n)[:2], str(ps[:1]))
def chain(g, depth):
    if depth == 0:
        yield from g
    else:
        yield from chain(g, depth - 1)
print(sum(chain(iter(range(10)), 900)))
";
    let out = run_source(src, "t.py", "");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "[P1999, P1998] [P0]\n45\n");
}

#[test]
fn long_chains_of_native_steps_and_deep_data_stay_off_the_rust_stack() {
    let src = "
print(len(list(map(str, range(200000)))), sum(1 for _ in zip(range(200000), range(200000))))
a = []
b = []
for i in range(50000):
    a = [a]
    b = [b]
print(a == a, len(repr(a)) > 0)
try:
    s = 'ab' * 10**12
except MemoryError:
    print('MemoryError')
";
    let out = run_source(src, "t.py", "");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "200000 200000\nTrue True\nMemoryError\n");
}

mod outside_natives {
    //! A module written outside the VM: a syscall continuation and a call continuation.
    use ioplay::py::value::Value;
    use ioplay::py::vm::{Action, Args, ContFnPtr, ContKind, Resume, SysCont, SysFnPtr, Vm};
    use ioplay::sys::{Call, Errno, Ret};

    fn now(_vm: &mut Vm, _a: Args) -> Result<Action, Value> {
        Ok(Action::Syscall {
            call: Call::ClockGettime { monotonic: true },
            then: SysCont::Native { f: SysFnPtr(got_time), data: Value::Int(7) },
        })
    }

    fn got_time(vm: &mut Vm, r: Result<Ret, Errno>, data: Value) -> Result<Action, Value> {
        match r {
            Ok(Ret::Time(t)) => Ok(Action::Return(Value::Int(t as i64 + vm.small_int(data).unwrap_or(0)))),
            Ok(_) => Ok(Action::Return(Value::None)),
            Err(e) => Err(vm.os_error(e)),
        }
    }

    /// `twice(f)`: calls `f()` and doubles what it returns.
    fn twice(_vm: &mut Vm, a: Args) -> Result<Action, Value> {
        Ok(Action::CallThen {
            func: a.pos[0],
            args: Args::default(),
            cont: ContKind::Native { f: ContFnPtr(doubled), data: Value::None },
        })
    }

    fn doubled(_vm: &mut Vm, r: Resume, _data: Value) -> Result<Action, Value> {
        match r {
            Resume::Value(Value::Int(i)) => Ok(Action::Return(Value::Int(i * 2))),
            Resume::Error(e) => Err(e),
            _ => Ok(Action::Return(Value::None)),
        }
    }

    #[test]
    fn a_module_defined_outside_the_vm_makes_syscalls_and_calls_python() {
        let mut vm = Vm::new(vec!["t.py".into()]);
        vm.define_native("demo", "demo.now", now);
        vm.define_native("demo", "demo.twice", twice);
        vm.load_main("import demo, time\ntime.sleep(2)\nprint(demo.now(), demo.twice(lambda: 21))\n", "t.py")
            .expect("compiles");
        let mut solo =
            ioplay::sim::solo::Solo::new(vm, ioplay::sim::solo::Stdin::Text { data: vec![], pos: 0 }, false);
        let out = solo.run(1000);
        assert_eq!(String::from_utf8_lossy(&out.stdout), "2000000007 42\n");
    }
}

/// Dict keys with Python `__hash__`/`__eq__`: every key operation waits for Python answers and runs
/// again (see `py/vm/keys.rs`), which must hold across any slice boundary and any clone.
const PYTHON_KEYS: &str = "
class P:
    def __init__(self, x):
        self.x = x
    def __hash__(self):
        return self.x % 2
    def __eq__(self, other):
        return self.x == other.x
d = {}
for i in range(6):
    d[P(i % 3)] = i
print(len(d), [d[P(k)] for k in range(3)], P(1) in d, P(7) in d, {P(0), P(0)} == {P(0)})
";

#[test]
fn python_key_methods_hold_across_single_steps_and_clones() {
    let want = ("3 [3, 4, 5] True False True\n".to_string(), String::new(), 0);
    let (out, err, status, _) = drive(&mut vm_for(PYTHON_KEYS), 10_000_000);
    assert_eq!((out, err, status), want);
    let (out, err, status, _) = drive(&mut vm_for(PYTHON_KEYS), 1);
    assert_eq!((out, err, status), want);
    for at in [40, 97, 150, 233, 301] {
        let mut vm = vm_for(PYTHON_KEYS);
        for _ in 0..at {
            assert_eq!(vm.step(&mut Fuel::new(1)), Step::OutOfFuel);
        }
        let (out, err, status, _) = drive(&mut vm.clone(), 3);
        assert_eq!((out, err, status), want, "clone after {at} steps");
    }
}
