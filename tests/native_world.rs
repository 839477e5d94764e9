//! Many processes on one thread, driven as the world drives them (run the ready, take the woken, ask
//! `poll_wait`, advance to `next_deadline`), on the simulated kernel and on the real one: an epoll echo
//! server and a crowd of blocking clients. Every client's own syscall trace must agree between the two
//! (the server's batching depends on timing, so only its outcome is compared).
#![cfg(all(feature = "native", not(target_arch = "wasm32")))]

use ioplay::kernel::{Kernel, WorldConfig};
use ioplay::sys::consts::*;
use ioplay::sys::native::NativeKernel;
use ioplay::sys::{Call, Errno, Ipv4Addr, Nanos, Outcome, Pid, Ret, SocketAddrV4, WaitOn};
use ioplay::trace::{Event, Kind};
use std::collections::BTreeMap;

/// The driving protocol both kernels share.
trait Kern {
    fn now(&mut self) -> Nanos;
    fn spawn(&mut self) -> Pid;
    fn syscall(&mut self, pid: Pid, call: &Call, now: Nanos) -> Outcome<Ret>;
    fn take_woken(&mut self) -> Vec<Pid>;
    fn poll_wait(&mut self, pid: Pid, wait: &WaitOn, now: Nanos) -> bool;
    fn next_deadline(&mut self) -> Option<Nanos>;
    fn advance(&mut self, to: Nanos);
    fn drain_events(&mut self) -> Vec<Event>;
}

struct Sim {
    k: Kernel,
    now: Nanos,
}

impl Kern for Sim {
    fn now(&mut self) -> Nanos {
        self.now
    }
    fn spawn(&mut self) -> Pid {
        self.k.spawn("localhost", "p", self.now).expect("localhost")
    }
    fn syscall(&mut self, pid: Pid, call: &Call, now: Nanos) -> Outcome<Ret> {
        self.k.syscall(pid, call, now)
    }
    fn take_woken(&mut self) -> Vec<Pid> {
        self.k.take_woken()
    }
    fn poll_wait(&mut self, pid: Pid, wait: &WaitOn, now: Nanos) -> bool {
        self.k.poll_wait(pid, wait, now)
    }
    fn next_deadline(&mut self) -> Option<Nanos> {
        self.k.next_deadline()
    }
    fn advance(&mut self, to: Nanos) {
        self.now = self.now.max(to);
        self.k.advance(self.now);
    }
    fn drain_events(&mut self) -> Vec<Event> {
        self.k.drain_events()
    }
}

impl Kern for NativeKernel {
    fn now(&mut self) -> Nanos {
        NativeKernel::now(self)
    }
    fn spawn(&mut self) -> Pid {
        let now = NativeKernel::now(self);
        NativeKernel::spawn(self, "localhost", "p", now).expect("a pipe")
    }
    fn syscall(&mut self, pid: Pid, call: &Call, now: Nanos) -> Outcome<Ret> {
        NativeKernel::syscall(self, pid, call, now)
    }
    fn take_woken(&mut self) -> Vec<Pid> {
        NativeKernel::take_woken(self)
    }
    fn poll_wait(&mut self, pid: Pid, wait: &WaitOn, now: Nanos) -> bool {
        NativeKernel::poll_wait(self, pid, wait, now)
    }
    fn next_deadline(&mut self) -> Option<Nanos> {
        NativeKernel::next_deadline(self)
    }
    fn advance(&mut self, to: Nanos) {
        NativeKernel::advance(self, to)
    }
    fn drain_events(&mut self) -> Vec<Event> {
        NativeKernel::drain_events(self)
    }
}

/// A program: given the last call's answer (None at the start), the next call, or None to exit.
type Program = Box<dyn FnMut(Option<Result<Ret, Errno>>) -> Option<Call>>;

struct Proc {
    program: Program,
    call: Option<Call>,
    wait: Option<WaitOn>,
}

/// Run every process until all have exited; false if they got stuck (nothing due, nobody ready).
fn run(k: &mut dyn Kern, mut procs: BTreeMap<Pid, Proc>) -> bool {
    let mut ready: Vec<Pid> = procs.keys().copied().collect();
    loop {
        for pid in std::mem::take(&mut ready) {
            let p = procs.get_mut(&pid).expect("known");
            p.wait = None;
            while let Some(call) = p.call.clone() {
                let now = k.now();
                let answer = match k.syscall(pid, &call, now) {
                    Outcome::WouldBlock(w) => {
                        p.wait = Some(w);
                        break;
                    }
                    Outcome::Ok(r) => Ok(r),
                    Outcome::Err(e) => Err(e),
                };
                p.call = (p.program)(Some(answer));
                if p.call.is_none() {
                    let now = k.now();
                    k.syscall(pid, &Call::ExitGroup { status: 0 }, now);
                }
            }
        }
        procs.retain(|_, p| p.call.is_some());
        if procs.is_empty() {
            return true;
        }
        let woken = k.take_woken();
        ready = wake(k, &procs, |pid| woken.contains(&pid));
        if ready.is_empty() {
            match k.next_deadline() {
                Some(t) => k.advance(t),
                None => {
                    // Nothing will happen on its own: one last look at every wait, as the world does.
                    ready = wake(k, &procs, |_| true);
                    if ready.is_empty() {
                        return false;
                    }
                }
            }
        }
    }
}

/// The parked processes (of those `chosen`) whose wait is over.
fn wake(k: &mut dyn Kern, procs: &BTreeMap<Pid, Proc>, chosen: impl Fn(Pid) -> bool) -> Vec<Pid> {
    let mut ready = Vec::new();
    for (pid, p) in procs {
        let wait = p.wait.as_ref().expect("not running, so parked");
        let now = k.now();
        if chosen(*pid) && k.poll_wait(*pid, wait, now) {
            ready.push(*pid);
        }
    }
    ready
}

/// A blocking client: connect, send its line, read the echo, close.
fn client(addr: SocketAddrV4, line: Vec<u8>, echoed: std::rc::Rc<std::cell::Cell<usize>>) -> Program {
    let mut step = 0;
    let mut fd = -1;
    Box::new(move |answer| {
        step += 1;
        match step {
            1 => Some(Call::Socket { domain: AF_INET, ty: SOCK_STREAM, protocol: 0 }),
            2 => {
                let Some(Ok(Ret::Int(n))) = answer else { panic!("socket: {answer:?}") };
                fd = n as i32;
                Some(Call::Connect { fd, addr })
            }
            3 => {
                assert_eq!(answer, Some(Ok(Ret::Int(0))));
                Some(Call::SendTo { fd, data: line.clone(), flags: 0, addr: None })
            }
            4 => Some(Call::RecvFrom { fd, len: 100, flags: 0 }),
            5 => {
                let Some(Ok(Ret::Recv { data, .. })) = answer else { panic!("recv: {answer:?}") };
                assert_eq!(data, line);
                echoed.set(echoed.get() + 1);
                Some(Call::Close { fd })
            }
            _ => None,
        }
    })
}

/// An epoll echo server on a non-blocking listener: serves `clients` connections to their end, then exits.
fn server(lfd: i32, clients: usize) -> Program {
    let epfd = lfd + 1;
    let mut setup = vec![
        Call::EpollCreate1 { flags: 0 },
        Call::EpollCtl { epfd, op: EPOLL_CTL_ADD, fd: lfd, events: EPOLLIN, data: lfd as u64 },
    ]
    .into_iter();
    let mut queue: Vec<Call> = Vec::new();
    let mut closed = 0;
    let wait = move || Call::EpollWait { epfd, maxevents: 64, timeout_ms: -1 };
    let mut last: Option<Call> = None;
    Box::new(move |answer| {
        if let Some(c) = setup.next() {
            last = Some(c.clone());
            return Some(c);
        }
        match (&last, answer) {
            (Some(Call::EpollWait { .. }), Some(Ok(Ret::Epoll(events)))) => {
                for e in events {
                    let fd = e.data as i32;
                    if fd == lfd {
                        queue.push(Call::Accept4 { fd: lfd, flags: SOCK_NONBLOCK });
                    } else {
                        queue.push(Call::RecvFrom { fd, len: 100, flags: 0 });
                    }
                }
            }
            (Some(Call::Accept4 { .. }), Some(Ok(Ret::Accepted { fd, .. }))) => {
                queue.insert(
                    0,
                    Call::EpollCtl { epfd, op: EPOLL_CTL_ADD, fd, events: EPOLLIN, data: fd as u64 },
                );
            }
            (Some(Call::RecvFrom { fd, .. }), Some(Ok(Ret::Recv { data, .. }))) if data.is_empty() => {
                queue.insert(0, Call::Close { fd: *fd });
                closed += 1;
            }
            (Some(Call::RecvFrom { fd, .. }), Some(Ok(Ret::Recv { data, .. }))) => {
                queue.insert(0, Call::SendTo { fd: *fd, data, flags: 0, addr: None });
            }
            // EAGAIN: a second report of the same readiness, or a connection already taken.
            (_, Some(Err(Errno::EAGAIN))) | (_, Some(Ok(_))) => {}
            (call, other) => panic!("server: {call:?} answered {other:?}"),
        }
        if closed == clients && queue.is_empty() {
            return None;
        }
        let next = if queue.is_empty() { wait() } else { queue.remove(0) };
        last = Some(next.clone());
        Some(next)
    })
}

/// Start the server's listener by hand (its port is needed by the clients), then run everyone.
fn echo_world(k: &mut dyn Kern, clients: usize) -> (bool, usize, BTreeMap<Pid, Vec<String>>) {
    let s = k.spawn();
    let now = k.now();
    let socket = Call::Socket { domain: AF_INET, ty: SOCK_STREAM | SOCK_NONBLOCK, protocol: 0 };
    let Outcome::Ok(Ret::Int(lfd)) = k.syscall(s, &socket, now) else { panic!("socket") };
    let lfd = lfd as i32;
    let lo = SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0);
    for call in [Call::Bind { fd: lfd, addr: lo }, Call::Listen { fd: lfd, backlog: 4096 }] {
        assert_eq!(k.syscall(s, &call, now), Outcome::Ok(Ret::Int(0)));
    }
    let Outcome::Ok(Ret::Addr(addr)) = k.syscall(s, &Call::GetSockName { fd: lfd }, now) else {
        panic!("getsockname")
    };
    let echoed = std::rc::Rc::new(std::cell::Cell::new(0));
    let mut procs = BTreeMap::new();
    let mut server = server(lfd, clients);
    let first = server(None);
    procs.insert(s, Proc { program: server, call: first, wait: None });
    for i in 0..clients {
        let pid = k.spawn();
        let mut program = client(addr, format!("hello {i}").into_bytes(), echoed.clone());
        let first = program(None);
        procs.insert(pid, Proc { program, call: first, wait: None });
    }
    let finished = run(k, procs);
    let mut per_client: BTreeMap<Pid, Vec<String>> = BTreeMap::new();
    for e in k.drain_events() {
        if let Kind::SyscallExit { name, args, ret, .. } = &e.kind {
            if e.pid != s {
                let line = format!("{name}({args}) = {ret}");
                per_client.entry(e.pid).or_default().push(normalise_ports(&line));
            }
        }
    }
    (finished, echoed.get(), per_client)
}

fn normalise_ports(line: &str) -> String {
    match line.find("htons(") {
        Some(i) => {
            let rest = &line[i + 6..];
            let digits = rest.chars().take_while(char::is_ascii_digit).count();
            format!("{}P{}", &line[..i + 6], normalise_ports(&rest[digits..]))
        }
        None => line.to_string(),
    }
}

#[test]
fn an_epoll_echo_server_and_200_blocking_clients_on_one_thread() {
    let clients: usize = std::env::var("ECHO_CLIENTS").ok().and_then(|v| v.parse().ok()).unwrap_or(200);
    let mut sim = Sim { k: Kernel::new(WorldConfig::single_host()), now: 0 };
    let (sim_done, sim_echoed, sim_traces) = echo_world(&mut sim, clients);
    assert!(sim_done, "the simulated world finished");
    assert_eq!(sim_echoed, clients);
    let mut native = NativeKernel::new();
    let (done, echoed, traces) = echo_world(&mut native, clients);
    eprintln!("{clients} clients: the native world ran in {} ms of real time", native.now() / 1_000_000);
    assert!(done, "the native world finished");
    assert_eq!(echoed, clients, "every client got its echo over real loopback");
    assert_eq!(traces.len(), clients);
    assert_eq!(traces, sim_traces, "each client's calls and answers agree");
}

#[test]
fn a_stuck_native_world_ends_instead_of_hanging() {
    let mut k = NativeKernel::new();
    let pid = Kern::spawn(&mut k);
    let mut procs = BTreeMap::new();
    let mut step = 0;
    let program: Program = Box::new(move |_| {
        step += 1;
        // Reads its stdin, which nobody feeds: it waits forever.
        (step == 1).then_some(Call::Read { fd: 0, count: 10 })
    });
    procs.insert(pid, Proc { program, call: Some(Call::Read { fd: 0, count: 10 }), wait: None });
    let start = k.now();
    assert!(!run(&mut k, procs), "reported as stuck");
    let waited = k.now() - start;
    assert!((200_000_000..2_000_000_000).contains(&waited), "after the idle grace: {waited} ns");
}

/// One blocking `send` of 4 MiB, far more than any socket buffer: it returns once every byte is in the
/// kernel (the backend keeps its progress across the waits), while the reader drains the other end.
#[test]
fn a_blocking_send_larger_than_the_buffers_completes_whole() {
    const TOTAL: usize = 4 << 20;
    fn world(k: &mut dyn Kern) -> (bool, usize, Vec<String>) {
        let (s, c) = (k.spawn(), k.spawn());
        let now = k.now();
        let setup = |k: &mut dyn Kern, pid, call: Call| match k.syscall(pid, &call, now) {
            Outcome::Ok(Ret::Int(n)) => n as i32,
            Outcome::Ok(Ret::Addr(a)) => a.port() as i32,
            other => panic!("{call:?}: {other:?}"),
        };
        let socket = Call::Socket { domain: AF_INET, ty: SOCK_STREAM, protocol: 0 };
        let lfd = setup(k, s, socket.clone());
        let lo = SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0);
        setup(k, s, Call::Bind { fd: lfd, addr: lo });
        setup(k, s, Call::Listen { fd: lfd, backlog: 1 });
        let port = setup(k, s, Call::GetSockName { fd: lfd }) as u16;
        let addr = SocketAddrV4::new(Ipv4Addr::LOCALHOST, port);
        let cfd = setup(k, c, socket);
        let received = std::rc::Rc::new(std::cell::Cell::new(0usize));
        let got = received.clone();
        let mut afd = -1;
        let reader: Program = Box::new(move |answer| match answer {
            None => Some(Call::Accept4 { fd: lfd, flags: 0 }),
            Some(Ok(Ret::Accepted { fd, .. })) => {
                afd = fd;
                Some(Call::RecvFrom { fd, len: 65536, flags: 0 })
            }
            Some(Ok(Ret::Recv { data, .. })) if !data.is_empty() => {
                got.set(got.get() + data.len());
                Some(Call::RecvFrom { fd: afd, len: 65536, flags: 0 })
            }
            Some(Ok(Ret::Recv { .. })) => None, // EOF
            other => panic!("reader: {other:?}"),
        });
        let mut sent = false;
        let writer: Program = Box::new(move |answer| match answer {
            None => Some(Call::Connect { fd: cfd, addr }),
            Some(Ok(Ret::Int(0))) if !sent => {
                sent = true;
                Some(Call::SendTo { fd: cfd, data: vec![7; TOTAL], flags: 0, addr: None })
            }
            Some(Ok(Ret::Int(n))) if n as usize == TOTAL => Some(Call::Close { fd: cfd }),
            Some(Ok(Ret::Int(0))) => None,
            other => panic!("writer: {other:?}"),
        });
        let mut procs = BTreeMap::new();
        for (pid, mut program) in [(s, reader), (c, writer)] {
            let call = program(None);
            procs.insert(pid, Proc { program, call, wait: None });
        }
        let finished = run(k, procs);
        let writer_calls = k
            .drain_events()
            .into_iter()
            .filter(|e| e.pid == c)
            .filter_map(|e| match e.kind {
                Kind::SyscallExit { name, ret, .. } => Some(format!("{name} = {ret}")),
                _ => None,
            })
            .collect();
        (finished, received.get(), writer_calls)
    }
    let mut sim = Sim { k: Kernel::new(WorldConfig::single_host()), now: 0 };
    let sim = world(&mut sim);
    let native = world(&mut NativeKernel::new());
    assert_eq!((sim.0, sim.1), (true, TOTAL));
    assert_eq!((native.0, native.1), (true, TOTAL));
    assert_eq!(native.2, sim.2, "the writer's calls: one sendto of every byte");
    assert!(native.2.contains(&format!("sendto = {TOTAL}")), "{:?}", native.2);
}
