//! The five IO models of UNP chapter 6 (figures 6.1–6.5), each a UDP `recvfrom` of one datagram sent at
//! t = 1 s, driven from Rust. Each run's timeline (every event, with its English narration) is committed
//! under `tests/golden/` and compared byte for byte; `UPDATE_GOLDEN=1 cargo test --test kernel_golden`
//! rewrites them after a deliberate change. The tests also check each figure's shape directly.

mod kernel_support;

use ioplay::sys::consts::*;
use ioplay::sys::{Call, Errno, Ipv4Addr, Outcome, Ret, SigAction, SigEvent, SigHandler, SocketAddrV4};
use ioplay::trace::{self, Event, Kind, Lang, Phase};
use kernel_support::{Action, Harness, Input, Program};

const SEC: u64 = 1_000_000_000;
const PORT: u16 = 9999;
const CB: u64 = 0x5000;

fn addr() -> SocketAddrV4 {
    SocketAddrV4::new(Ipv4Addr::LOCALHOST, PORT)
}

fn call(c: Call) -> Action {
    Action::Call(c)
}

/// The sender: one datagram "hello" at t = 1 s.
fn client() -> Program {
    let mut step = 0;
    Box::new(move |_| {
        step += 1;
        match step {
            1 => call(Call::Socket { domain: AF_INET, ty: SOCK_DGRAM, protocol: 0 }),
            2 => call(Call::ClockNanosleep { until: SEC }),
            3 => call(Call::SendTo { fd: 3, data: b"hello".to_vec(), flags: 0, addr: Some(addr()) }),
            4 => call(Call::Close { fd: 3 }),
            _ => Action::Exit(0),
        }
    })
}

fn setup(step: u32, nonblock: bool) -> Option<Action> {
    let ty = SOCK_DGRAM | if nonblock { SOCK_NONBLOCK } else { 0 };
    match step {
        1 => Some(call(Call::Socket { domain: AF_INET, ty, protocol: 0 })),
        2 => Some(call(Call::Bind { fd: 3, addr: addr() })),
        _ => None,
    }
}

fn recvfrom() -> Action {
    call(Call::RecvFrom { fd: 3, len: 1024, flags: 0 })
}

fn print(data: &[u8]) -> Action {
    call(Call::Write { fd: 1, data: data.to_vec() })
}

fn got(input: &Input) -> Option<Vec<u8>> {
    match input {
        Input::Result(Outcome::Ok(Ret::Recv { data, .. })) | Input::Result(Outcome::Ok(Ret::Bytes(data))) => {
            Some(data.clone())
        }
        _ => None,
    }
}

/// Figure 6.1: blocking IO.
fn blocking() -> Program {
    let mut step = 0;
    Box::new(move |input| {
        step += 1;
        if let Some(a) = setup(step, false) {
            return a;
        }
        match step {
            3 => recvfrom(),
            4 => print(&got(&input).expect("a datagram")),
            _ => Action::Exit(0),
        }
    })
}

/// Figure 6.2: non-blocking IO, polling every 400 ms.
fn nonblocking() -> Program {
    let mut step = 0;
    let mut done = false;
    Box::new(move |input| {
        step += 1;
        if let Some(a) = setup(step, true) {
            return a;
        }
        if done {
            return Action::Exit(0);
        }
        if let Some(data) = got(&input) {
            done = true;
            return print(&data);
        }
        match input {
            Input::Result(Outcome::Err(Errno::EAGAIN)) => call(Call::Nanosleep { duration: 400_000_000 }),
            _ => recvfrom(),
        }
    })
}

/// Figure 6.3: IO multiplexing (select, then recvfrom).
fn multiplexing() -> Program {
    let mut step = 0;
    Box::new(move |input| {
        step += 1;
        if let Some(a) = setup(step, false) {
            return a;
        }
        match step {
            3 => call(Call::Select { nfds: 4, read: vec![3], write: vec![], except: vec![], timeout: None }),
            4 => recvfrom(),
            5 => print(&got(&input).expect("a datagram")),
            _ => Action::Exit(0),
        }
    })
}

fn handler() -> Option<SigAction> {
    Some(SigAction { handler: SigHandler::Handler(0x4010), flags: 0, mask: 0 })
}

/// Figure 6.4: signal-driven IO (SIGIO, then recvfrom in the handler); the process runs on meanwhile,
/// here sleeping in 400 ms slices.
fn signal_driven(pid_of_self: u32) -> Program {
    let mut step = 0;
    let mut in_handler = 0;
    let mut data: Option<Vec<u8>> = None;
    Box::new(move |input| {
        if let Input::Signal(_) = input {
            in_handler = 1;
            return recvfrom();
        }
        if in_handler == 1 {
            in_handler = 0;
            data = got(&input);
            return Action::Return;
        }
        step += 1;
        if let Some(a) = setup(step, false) {
            return a;
        }
        match step {
            3 => call(Call::RtSigaction { sig: SIGIO, action: handler() }),
            4 => call(Call::Fcntl { fd: 3, cmd: F_SETOWN, arg: pid_of_self as i64 }),
            5 => call(Call::Fcntl { fd: 3, cmd: F_SETFL, arg: O_RDWR | O_ASYNC }),
            _ => match data.take() {
                Some(d) if !d.is_empty() => {
                    data = Some(Vec::new());
                    print(&d)
                }
                Some(_) => Action::Exit(0),
                None => call(Call::Nanosleep { duration: 400_000_000 }),
            },
        }
    })
}

/// Figure 6.5: asynchronous IO (aio_read; the kernel does both phases, then SIGIO).
fn asynchronous() -> Program {
    let mut step = 0;
    let mut in_handler = 0;
    let mut data: Option<Vec<u8>> = None;
    Box::new(move |input| {
        if let Input::Signal(_) = input {
            in_handler = 1;
            return call(Call::AioError { cb: CB });
        }
        match in_handler {
            1 => {
                in_handler = 2;
                return call(Call::AioReturn { cb: CB });
            }
            2 => {
                in_handler = 0;
                data = got(&input);
                return Action::Return;
            }
            _ => {}
        }
        step += 1;
        if let Some(a) = setup(step, false) {
            return a;
        }
        match step {
            3 => call(Call::RtSigaction { sig: SIGIO, action: handler() }),
            4 => call(Call::AioRead { cb: CB, fd: 3, nbytes: 1024, notify: SigEvent::Signal(SIGIO) }),
            _ => match data.take() {
                Some(d) if !d.is_empty() => {
                    data = Some(Vec::new());
                    print(&d)
                }
                Some(_) => Action::Exit(0),
                None => call(Call::Nanosleep { duration: 400_000_000 }),
            },
        }
    })
}

/// Run one model: the server (pid 1000) and the client (pid 1001); the events and the server's stdout.
fn run(model: &str) -> (Vec<Event>, Vec<u8>) {
    let mut h = Harness::single();
    let server = match model {
        "blocking" => blocking(),
        "nonblocking" => nonblocking(),
        "multiplexing" => multiplexing(),
        "signal_driven" => signal_driven(1000),
        "asynchronous" => asynchronous(),
        _ => unreachable!(),
    };
    let s = h.spawn("localhost", "server", server);
    h.spawn("localhost", "client", client());
    h.run_until(10 * SEC);
    assert!(h.done(s), "{model}: the server finished");
    (h.k.drain_events(), h.k.stdout(s).to_vec())
}

fn check_golden(model: &str, events: &[Event]) {
    let text = format!(
        "# UNP IO model: {model}\n# timeline (time, pid, event, narration)\n{}\n# strace view\n{}",
        trace::timeline(events, Lang::En),
        trace::strace(events, true)
    );
    let path = format!("{}/tests/golden/udp_{model}.txt", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &text).expect("write golden");
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{path} missing: UPDATE_GOLDEN=1"));
    assert_eq!(text, want, "{model} differs from {path}");
}

/// The server's events, as short labels: `enter recvfrom`, `exit recvfrom EAGAIN`, `wait+`, `wait-`,
/// `copy+`, `copy-`, `signal SIGIO Delivered`, `async`.
fn shape(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .filter(|e| e.pid == 1000)
        .filter_map(|e| match &e.kind {
            Kind::SyscallEnter { name, .. } => Some(format!("enter {name}")),
            Kind::SyscallExit { name, errno: Some(er), .. } => Some(format!("exit {name} {}", er.name())),
            Kind::SyscallExit { name, .. } => Some(format!("exit {name}")),
            Kind::Phase { phase: Phase::WaitForData, end, .. } => {
                Some(if *end { "wait-" } else { "wait+" }.into())
            }
            Kind::Phase { phase: Phase::CopyToUser, end, .. } => {
                Some(if *end { "copy-" } else { "copy+" }.into())
            }
            Kind::Signal { sig, step, .. } => Some(format!("signal {} {step:?}", signal_name(*sig))),
            Kind::AsyncDone { .. } => Some("async".into()),
            Kind::State(_) | Kind::Segment { .. } => None,
        })
        .collect()
}

fn around<'a>(shape: &'a [String], from: &str, to: &str) -> &'a [String] {
    let a = shape.iter().position(|s| s == from).expect(from);
    let b = shape.iter().rposition(|s| s == to).expect(to);
    &shape[a..=b]
}

#[test]
fn figure_6_1_blocking_io() {
    let (events, out) = run("blocking");
    assert_eq!(out, b"hello");
    let s = shape(&events);
    assert_eq!(
        around(&s, "enter recvfrom", "exit recvfrom"),
        ["enter recvfrom", "wait+", "wait-", "copy+", "copy-", "exit recvfrom"]
    );
    let wait_end = events
        .iter()
        .find(|e| e.pid == 1000 && matches!(e.kind, Kind::Phase { phase: Phase::WaitForData, end: true, .. }))
        .unwrap();
    assert_eq!(wait_end.time, SEC, "data ready at the send: loopback delivers inside sendto, as Linux");
    check_golden("blocking", &events);
}

#[test]
fn figure_6_2_nonblocking_io() {
    let (events, out) = run("nonblocking");
    assert_eq!(out, b"hello");
    let s = shape(&events);
    let eagain = s.iter().filter(|x| *x == "exit recvfrom EAGAIN").count();
    assert_eq!(eagain, 3, "polled at 0, 0.4 and 0.8 s: EWOULDBLOCK three times");
    let last = s.iter().rposition(|x| x == "enter recvfrom").unwrap();
    assert_eq!(
        &s[last..last + 4],
        ["enter recvfrom", "copy+", "copy-", "exit recvfrom"],
        "no wait phase: only the copy blocks"
    );
    check_golden("nonblocking", &events);
}

#[test]
fn figure_6_3_io_multiplexing() {
    let (events, out) = run("multiplexing");
    assert_eq!(out, b"hello");
    let s = shape(&events);
    assert_eq!(
        around(&s, "enter select", "exit recvfrom"),
        [
            "enter select",
            "wait+",
            "wait-",
            "exit select",
            "enter recvfrom",
            "copy+",
            "copy-",
            "exit recvfrom"
        ]
    );
    check_golden("multiplexing", &events);
}

#[test]
fn figure_6_4_signal_driven_io() {
    let (events, out) = run("signal_driven");
    assert_eq!(out, b"hello");
    let s = shape(&events);
    assert_eq!(
        around(&s, "signal SIGIO Generated", "exit recvfrom"),
        [
            "signal SIGIO Generated",
            "exit nanosleep EINTR",
            "signal SIGIO Delivered",
            "enter recvfrom",
            "copy+",
            "copy-",
            "exit recvfrom"
        ]
    );
    assert!(
        s.iter().position(|x| x == "exit fcntl").unwrap()
            < s.iter().position(|x| x == "enter nanosleep").unwrap()
    );
    check_golden("signal_driven", &events);
}

#[test]
fn figure_6_5_asynchronous_io() {
    let (events, out) = run("asynchronous");
    assert_eq!(out, b"hello");
    let s = shape(&events);
    assert_eq!(
        &around(&s, "enter aio_read", "exit aio_read")[..3],
        ["enter aio_read", "wait+", "exit aio_read"],
        "aio_read returns at once"
    );
    assert_eq!(
        around(&s, "wait-", "exit aio_return"),
        [
            "wait-",
            "copy+",
            "copy-",
            "async",
            "signal SIGIO Generated",
            "exit nanosleep EINTR",
            "signal SIGIO Delivered",
            "enter aio_error",
            "exit aio_error",
            "enter aio_return",
            "exit aio_return"
        ],
        "the kernel does both phases while the process runs on, then signals"
    );
    check_golden("asynchronous", &events);
}

#[test]
fn same_seed_same_trace() {
    for model in ["blocking", "nonblocking", "multiplexing", "signal_driven", "asynchronous"] {
        assert_eq!(trace::trace_hash(&run(model).0), trace::trace_hash(&run(model).0), "{model}");
    }
}

#[test]
fn chrome_trace_has_balanced_slices_per_track() {
    let (events, _) = run("asynchronous");
    let v: serde_json::Value = serde_json::from_str(&trace::chrome_trace(&events)).unwrap();
    let items = v["traceEvents"].as_array().unwrap();
    let mut depth: std::collections::BTreeMap<u64, i64> = Default::default();
    for e in items {
        let tid = e["tid"].as_u64().unwrap();
        match e["ph"].as_str().unwrap() {
            "B" => *depth.entry(tid).or_default() += 1,
            "E" => {
                let d = depth.entry(tid).or_default();
                *d -= 1;
                assert!(*d >= 0, "an end without a begin on track {tid}");
            }
            _ => {}
        }
    }
    assert!(depth.values().all(|d| *d == 0), "{depth:?}");
    let names: Vec<&str> = items.iter().filter_map(|e| e["name"].as_str()).collect();
    assert!(names.contains(&"copy data from kernel to user"));
    assert!(names.contains(&"aio_read"));
    assert!(items.iter().any(|e| e["ph"] == "M" && e["args"]["name"] == "wire"));
}
