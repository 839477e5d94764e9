//! The same test bodies against the simulated kernel and the real Linux kernel (turmoil-net's habit):
//! each body is generic over [`Backend`], checks the answers it expects, and the two backends' syscall
//! traces (ports normalised) must then agree line for line. A disagreement is a bug in one of them —
//! and the real kernel is the one nobody here wrote.
#![cfg(all(feature = "native", not(target_arch = "wasm32")))]

use ioplay::kernel::{Kernel, SignalAction, WorldConfig};
use ioplay::sys::consts::*;
use ioplay::sys::native::NativeKernel;
use ioplay::sys::{
    Call, EpollEvent, Errno, Ipv4Addr, Nanos, Outcome, Pid, PollFd, Ret, SocketAddrV4, WaitOn,
};
use ioplay::trace::{Event, Kind};

const MS: Nanos = 1_000_000;

/// What a test body needs from a kernel; both backends answer it with the same driving protocol.
trait Backend {
    fn fresh() -> Self
    where
        Self: Sized;
    fn spawn(&mut self) -> Pid;
    /// One call, as a driver makes it (may answer WouldBlock).
    fn raw(&mut self, pid: Pid, call: &Call) -> Outcome<Ret>;
    fn poll_wait(&mut self, pid: Pid, wait: &WaitOn) -> bool;
    /// Let time pass until the next thing due (or a little, when nothing is).
    fn pass_time(&mut self);
    /// Let the wire settle: segments in flight arrive (sim), or the real kernel catches up.
    fn settle(&mut self);
    fn take_signal(&mut self, pid: Pid) -> Option<SignalAction>;
    fn events(&mut self) -> Vec<Event>;

    /// A call that must finish, blocking (and retrying) as the driver would.
    fn block(&mut self, pid: Pid, call: Call) -> Result<Ret, Errno> {
        for _ in 0..10_000 {
            match self.raw(pid, &call) {
                Outcome::Ok(r) => return Ok(r),
                Outcome::Err(e) => return Err(e),
                Outcome::WouldBlock(w) => {
                    if !self.poll_wait(pid, &w) {
                        self.pass_time();
                    }
                }
            }
        }
        panic!("{} never finished", call.name());
    }

    /// A call that must not block.
    fn call(&mut self, pid: Pid, call: Call) -> Result<Ret, Errno> {
        match self.raw(pid, &call) {
            Outcome::Ok(r) => Ok(r),
            Outcome::Err(e) => Err(e),
            Outcome::WouldBlock(w) => panic!("{} blocked on {w:?}", call.name()),
        }
    }

    fn int(&mut self, pid: Pid, call: Call) -> i64 {
        match self.call(pid, call) {
            Ok(Ret::Int(n)) => n,
            other => panic!("expected an int, got {other:?}"),
        }
    }

    fn socket(&mut self, pid: Pid, ty: i32) -> i32 {
        let call = Call::Socket { domain: AF_INET, ty, protocol: 0 };
        self.int(pid, call) as i32
    }

    fn local(&mut self, pid: Pid, fd: i32) -> SocketAddrV4 {
        match self.call(pid, Call::GetSockName { fd }) {
            Ok(Ret::Addr(a)) => a,
            other => panic!("getsockname: {other:?}"),
        }
    }

    fn reuse(&mut self, pid: Pid, fd: i32) {
        let call = Call::SetSockOpt { fd, level: SOL_SOCKET, name: SO_REUSEADDR, value: 1 };
        assert_eq!(self.call(pid, call), Ok(Ret::Int(0)));
    }

    /// A listening TCP socket on an ephemeral port of 127.0.0.1, and its address.
    fn listener(&mut self, pid: Pid, ty: i32) -> (i32, SocketAddrV4) {
        let fd = self.socket(pid, ty);
        self.reuse(pid, fd);
        assert_eq!(self.call(pid, Call::Bind { fd, addr: lo(0) }), Ok(Ret::Int(0)));
        assert_eq!(self.call(pid, Call::Listen { fd, backlog: 16 }), Ok(Ret::Int(0)));
        let addr = self.local(pid, fd);
        (fd, addr)
    }

    /// A connected pair: (client fd in `c`, accepted fd in `s`), both blocking.
    fn pair(&mut self, s: Pid, c: Pid) -> (i32, i32, i32) {
        let (lfd, addr) = self.listener(s, SOCK_STREAM);
        let cfd = self.socket(c, SOCK_STREAM);
        assert_eq!(self.block(c, Call::Connect { fd: cfd, addr }), Ok(Ret::Int(0)));
        let afd = match self.block(s, Call::Accept4 { fd: lfd, flags: 0 }) {
            Ok(Ret::Accepted { fd, peer }) => {
                assert_eq!(peer, self.local(c, cfd));
                fd
            }
            other => panic!("accept4: {other:?}"),
        };
        (lfd, cfd, afd)
    }

    fn send(&mut self, pid: Pid, fd: i32, data: &[u8], flags: i32) -> Result<Ret, Errno> {
        let call = Call::SendTo { fd, data: data.to_vec(), flags, addr: None };
        self.block(pid, call)
    }

    fn recv(&mut self, pid: Pid, fd: i32, len: usize) -> Result<Vec<u8>, Errno> {
        match self.block(pid, Call::RecvFrom { fd, len, flags: 0 }) {
            Ok(Ret::Recv { data, .. }) => Ok(data),
            Ok(other) => panic!("recvfrom: {other:?}"),
            Err(e) => Err(e),
        }
    }
}

fn lo(port: u16) -> SocketAddrV4 {
    SocketAddrV4::new(Ipv4Addr::LOCALHOST, port)
}

struct Sim {
    k: Kernel,
    now: Nanos,
}

impl Backend for Sim {
    fn fresh() -> Self {
        Sim { k: Kernel::new(WorldConfig::single_host()), now: 0 }
    }
    fn spawn(&mut self) -> Pid {
        self.k.spawn("localhost", "p", self.now).expect("localhost exists")
    }
    fn raw(&mut self, pid: Pid, call: &Call) -> Outcome<Ret> {
        self.k.syscall(pid, call, self.now)
    }
    fn poll_wait(&mut self, pid: Pid, wait: &WaitOn) -> bool {
        self.k.poll_wait(pid, wait, self.now)
    }
    fn pass_time(&mut self) {
        self.now = self.k.next_deadline().unwrap_or(self.now + MS).max(self.now);
        self.k.advance(self.now);
    }
    fn settle(&mut self) {
        self.now += 100 * MS;
        self.k.advance(self.now);
    }
    fn take_signal(&mut self, pid: Pid) -> Option<SignalAction> {
        self.k.take_signal(pid)
    }
    fn events(&mut self) -> Vec<Event> {
        self.k.drain_events()
    }
}

struct Native {
    k: NativeKernel,
}

impl Backend for Native {
    fn fresh() -> Self {
        Native { k: NativeKernel::new() }
    }
    fn spawn(&mut self) -> Pid {
        let now = self.k.now();
        self.k.spawn("localhost", "p", now).expect("the OS gives a pipe")
    }
    fn raw(&mut self, pid: Pid, call: &Call) -> Outcome<Ret> {
        let now = self.k.now();
        self.k.syscall(pid, call, now)
    }
    fn poll_wait(&mut self, pid: Pid, wait: &WaitOn) -> bool {
        let now = self.k.now();
        self.k.poll_wait(pid, wait, now)
    }
    fn pass_time(&mut self) {
        let now = self.k.now();
        let until = self.k.next_deadline().unwrap_or(now + MS).min(now + 10 * MS);
        self.k.advance(until);
    }
    fn settle(&mut self) {
        let now = self.k.now();
        self.k.advance(now + 20 * MS);
    }
    fn take_signal(&mut self, pid: Pid) -> Option<SignalAction> {
        self.k.take_signal(pid)
    }
    fn events(&mut self) -> Vec<Event> {
        self.k.drain_events()
    }
}

/// The syscall lines of a trace, strace-style, with port numbers replaced by `P`.
fn syscall_lines(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match &e.kind {
            Kind::SyscallExit { name, args, ret, .. } => {
                Some(normalise_ports(&format!("{} {name}({args}) = {ret}", e.pid)))
            }
            _ => None,
        })
        .collect()
}

/// Every event but the wire's (the real wire is not observed), as kind text with ports normalised and
/// times left out: syscalls, read phases, process states, signals.
fn process_events(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .filter(|e| !matches!(e.kind, Kind::Segment { .. }))
        .map(|e| normalise_ports(&format!("{} {:?}", e.pid, e.kind)))
        .collect()
}

fn normalise_ports(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(i) = rest.find("htons(") {
        out.push_str(&rest[..i + 6]);
        rest = &rest[i + 6..];
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        out.push('P');
        rest = &rest[digits..];
    }
    out.push_str(rest);
    out
}

/// Run a body on both backends; both must pass it, and their syscall traces must agree.
fn on_both(body: fn(&mut dyn Backend)) {
    let mut sim = Sim::fresh();
    body(&mut sim);
    let sim_lines = syscall_lines(&sim.events());
    let mut native = Native::fresh();
    body(&mut native);
    let native_lines = syscall_lines(&native.events());
    assert!(!sim_lines.is_empty(), "the body made calls");
    if std::env::var_os("SHOW_TRACES").is_some() {
        eprintln!("{}", native_lines.join("\n"));
    }
    for (i, (s, n)) in sim_lines.iter().zip(&native_lines).enumerate() {
        assert_eq!(s, n, "line {i} differs (sim, then native)");
    }
    assert_eq!(sim_lines.len(), native_lines.len(), "trace lengths differ");
}

#[test]
fn tcp_connect_accept_send_recv_close_and_eof() {
    on_both(|b| {
        let (s, c) = (b.spawn(), b.spawn());
        let (lfd, cfd, afd) = b.pair(s, c);
        assert_eq!((lfd, cfd, afd), (3, 3, 4), "Linux numbers fds lowest-free per process");
        assert_eq!(b.send(c, cfd, b"hello", 0), Ok(Ret::Int(5)));
        assert_eq!(b.recv(s, afd, 1024), Ok(b"hello".to_vec()));
        assert_eq!(b.send(s, afd, b"HELLO", 0), Ok(Ret::Int(5)));
        assert_eq!(b.recv(c, cfd, 1024), Ok(b"HELLO".to_vec()));
        assert_eq!(b.call(c, Call::Close { fd: cfd }), Ok(Ret::Int(0)));
        assert_eq!(b.recv(s, afd, 1024), Ok(vec![]), "recv answers 0 at EOF");
        assert_eq!(b.call(s, Call::Close { fd: afd }), Ok(Ret::Int(0)));
        assert_eq!(b.call(s, Call::Close { fd: afd }), Err(Errno::EBADF));
    });
}

/// UNP figure 6.1 on both kernels: the blocking read's phases and states come in the same order —
/// wait for data (blocked), then copy to user (blocked), then running — not only the same calls.
#[test]
fn a_blocking_read_shows_the_same_phases_on_both() {
    fn body(b: &mut dyn Backend) {
        let (s, c) = (b.spawn(), b.spawn());
        let sfd = b.socket(s, SOCK_DGRAM);
        b.call(s, Call::Bind { fd: sfd, addr: lo(0) }).unwrap();
        let addr = b.local(s, sfd);
        let recv = Call::RecvFrom { fd: sfd, len: 100, flags: 0 };
        assert!(matches!(b.raw(s, &recv), Outcome::WouldBlock(WaitOn::Readable(_))));
        let cfd = b.socket(c, SOCK_DGRAM);
        let send = Call::SendTo { fd: cfd, data: b"dgram".to_vec(), flags: 0, addr: Some(addr) };
        b.call(c, send).unwrap();
        assert!(matches!(b.block(s, recv), Ok(Ret::Recv { .. })));
    }
    let mut sim = Sim::fresh();
    body(&mut sim);
    let mut native = Native::fresh();
    body(&mut native);
    let (sim, native) = (process_events(&sim.events()), process_events(&native.events()));
    assert!(sim.iter().any(|e| e.contains("CopyToUser")), "{sim:#?}");
    assert_eq!(sim, native);
}

/// Many round trips through blocking sockets: the traces agree call for call (1,000 sends, 1,000
/// receives each way), however the real kernel schedules its softirqs.
#[test]
fn many_round_trips_agree() {
    on_both(|b| {
        let (s, c) = (b.spawn(), b.spawn());
        let (_, cfd, afd) = b.pair(s, c);
        for i in 0..1000u32 {
            let msg = i.to_string().into_bytes();
            assert_eq!(b.send(c, cfd, &msg, 0), Ok(Ret::Int(msg.len() as i64)));
            assert_eq!(b.recv(s, afd, 64), Ok(msg.clone()));
            assert_eq!(b.send(s, afd, &msg, 0), Ok(Ret::Int(msg.len() as i64)));
            assert_eq!(b.recv(c, cfd, 64), Ok(msg));
        }
    });
}

#[test]
fn connect_to_a_closed_port_is_refused() {
    on_both(|b| {
        let c = b.spawn();
        // A port that was just free: bind to 0, learn it, let it go.
        let probe = b.socket(c, SOCK_STREAM);
        assert_eq!(b.call(c, Call::Bind { fd: probe, addr: lo(0) }), Ok(Ret::Int(0)));
        let addr = b.local(c, probe);
        assert!(addr.port() >= 1024, "an ephemeral port: {addr}");
        b.call(c, Call::Close { fd: probe }).unwrap();
        let fd = b.socket(c, SOCK_STREAM);
        assert_eq!(b.block(c, Call::Connect { fd, addr }), Err(Errno::ECONNREFUSED));
    });
}

#[test]
fn eaddrinuse_and_so_reuseaddr() {
    on_both(|b| {
        let (s, c) = (b.spawn(), b.spawn());
        let (lfd, addr) = b.listener(s, SOCK_STREAM);
        let other = b.socket(s, SOCK_STREAM);
        assert_eq!(b.call(s, Call::Bind { fd: other, addr }), Err(Errno::EADDRINUSE));
        b.reuse(s, other);
        assert_eq!(
            b.call(s, Call::Bind { fd: other, addr }),
            Err(Errno::EADDRINUSE),
            "SO_REUSEADDR does not share a listening port"
        );
        // The server closes first: its end of the connection waits in TIME_WAIT on the port.
        let cfd = b.socket(c, SOCK_STREAM);
        b.block(c, Call::Connect { fd: cfd, addr }).unwrap();
        let afd = match b.block(s, Call::Accept4 { fd: lfd, flags: 0 }) {
            Ok(Ret::Accepted { fd, .. }) => fd,
            other => panic!("{other:?}"),
        };
        b.call(s, Call::Close { fd: afd }).unwrap();
        b.call(s, Call::Close { fd: lfd }).unwrap();
        b.settle();
        b.call(c, Call::Close { fd: cfd }).unwrap();
        b.settle();
        let plain = b.socket(s, SOCK_STREAM);
        assert_eq!(b.call(s, Call::Bind { fd: plain, addr }), Err(Errno::EADDRINUSE), "TIME_WAIT holds it");
        assert_eq!(b.call(s, Call::Bind { fd: other, addr }), Ok(Ret::Int(0)), "SO_REUSEADDR takes it");
    });
}

#[test]
fn nonblocking_accept_is_eagain() {
    on_both(|b| {
        let s = b.spawn();
        let (lfd, _) = b.listener(s, SOCK_STREAM | SOCK_NONBLOCK);
        assert_eq!(b.call(s, Call::Accept4 { fd: lfd, flags: 0 }), Err(Errno::EAGAIN));
        let (lfd2, _) = b.listener(s, SOCK_STREAM);
        assert!(matches!(
            b.raw(s, &Call::Accept4 { fd: lfd2, flags: 0 }),
            Outcome::WouldBlock(WaitOn::Readable(4))
        ));
    });
}

#[test]
fn nonblocking_connect_is_einprogress_then_so_error() {
    on_both(|b| {
        let (s, c) = (b.spawn(), b.spawn());
        let (lfd, addr) = b.listener(s, SOCK_STREAM);
        let fd = b.socket(c, SOCK_STREAM | SOCK_NONBLOCK);
        assert_eq!(b.call(c, Call::Connect { fd, addr }), Err(Errno::EINPROGRESS));
        let poll = Call::Poll { fds: vec![PollFd { fd, events: POLLOUT, revents: 0 }], timeout_ms: 1000 };
        match b.block(c, poll) {
            Ok(Ret::Polled(p)) => assert_eq!(p[0].revents, POLLOUT),
            other => panic!("{other:?}"),
        }
        let so_error = Call::GetSockOpt { fd, level: SOL_SOCKET, name: SO_ERROR };
        assert_eq!(b.call(c, so_error), Ok(Ret::Int(0)));
        assert!(matches!(b.block(s, Call::Accept4 { fd: lfd, flags: 0 }), Ok(Ret::Accepted { .. })));
    });
}

#[test]
fn send_after_peer_close_is_epipe() {
    on_both(|b| {
        let (s, c) = (b.spawn(), b.spawn());
        let (_, cfd, afd) = b.pair(s, c);
        b.call(s, Call::Close { fd: afd }).unwrap();
        b.settle();
        assert_eq!(b.send(c, cfd, b"first", MSG_NOSIGNAL), Ok(Ret::Int(5)), "the first write still goes");
        b.settle();
        assert_eq!(b.send(c, cfd, b"second", MSG_NOSIGNAL), Err(Errno::EPIPE));
        assert_eq!(b.take_signal(c), None, "MSG_NOSIGNAL: no SIGPIPE");
        assert_eq!(b.send(c, cfd, b"third", 0), Err(Errno::EPIPE));
        assert_eq!(b.take_signal(c), Some(SignalAction::Terminated(SIGPIPE)), "SIGPIPE's default kills");
    });
}

#[test]
fn close_with_unread_data_resets_the_peer() {
    on_both(|b| {
        let (s, c) = (b.spawn(), b.spawn());
        let (_, cfd, afd) = b.pair(s, c);
        assert_eq!(b.send(c, cfd, b"unread", 0), Ok(Ret::Int(6)));
        b.settle();
        b.call(s, Call::Close { fd: afd }).unwrap();
        b.settle();
        assert_eq!(b.recv(c, cfd, 100), Err(Errno::ECONNRESET));
    });
}

#[test]
fn udp_sendto_recvfrom() {
    on_both(|b| {
        let (s, c) = (b.spawn(), b.spawn());
        let sfd = b.socket(s, SOCK_DGRAM);
        b.call(s, Call::Bind { fd: sfd, addr: lo(0) }).unwrap();
        let saddr = b.local(s, sfd);
        let cfd = b.socket(c, SOCK_DGRAM);
        let send = Call::SendTo { fd: cfd, data: b"ping".to_vec(), flags: 0, addr: Some(saddr) };
        assert_eq!(b.call(c, send), Ok(Ret::Int(4)));
        let caddr = b.local(c, cfd);
        assert_ne!(caddr.port(), 0, "sendto bound an ephemeral port");
        assert_eq!(*caddr.ip(), Ipv4Addr::UNSPECIFIED, "autobound to INADDR_ANY, as Linux");
        match b.block(s, Call::RecvFrom { fd: sfd, len: 100, flags: 0 }) {
            Ok(Ret::Recv { data, from }) => {
                assert_eq!(data, b"ping");
                assert_eq!(from, Some(lo(caddr.port())));
            }
            other => panic!("{other:?}"),
        }
        let again = Call::RecvFrom { fd: sfd, len: 100, flags: MSG_DONTWAIT };
        assert_eq!(b.call(s, again), Err(Errno::EAGAIN));
    });
}

/// Corners `tests/native_agree.rs` found where the simulation answered otherwise, each checked here with
/// Linux's answer (the traces must agree too).
#[test]
fn socket_corners_answer_as_linux() {
    on_both(|b| {
        let c = b.spawn();
        let name = |b: &mut dyn Backend, fd| b.local(c, fd);
        // A port nobody holds: bind to 0, learn it, let it go.
        let probe = b.socket(c, SOCK_STREAM);
        b.call(c, Call::Bind { fd: probe, addr: lo(0) }).unwrap();
        let closed = name(b, probe);
        b.call(c, Call::Close { fd: probe }).unwrap();
        // A zero-length recvfrom still runs `tcp_recvmsg`'s loop once: never connected is ENOTCONN; a
        // zero-length read(2) is 0 before the protocol sees it, and so is a zero-length write to a pipe
        // nobody reads (no EPIPE, no SIGPIPE).
        let fresh = b.socket(c, SOCK_STREAM | SOCK_NONBLOCK);
        assert_eq!(b.call(c, Call::RecvFrom { fd: fresh, len: 0, flags: 0 }), Err(Errno::ENOTCONN));
        assert_eq!(b.call(c, Call::Read { fd: fresh, count: 0 }), Ok(Ret::Bytes(Vec::new())));
        let (r, w) = match b.call(c, Call::Pipe2 { flags: 0 }) {
            Ok(Ret::Pipe { read, write }) => (read, write),
            other => panic!("{other:?}"),
        };
        b.call(c, Call::Close { fd: r }).unwrap();
        assert_eq!(b.call(c, Call::Write { fd: w, data: Vec::new() }), Ok(Ret::Int(0)));
        assert_eq!(b.take_signal(c), None);
        b.call(c, Call::Close { fd: w }).unwrap();
        // shutdown of an unconnected socket is ENOTCONN, yet shuts it: reads see EOF, poll says POLLIN.
        assert_eq!(b.call(c, Call::Shutdown { fd: fresh, how: SHUT_RD }), Err(Errno::ENOTCONN));
        let eof = Ok(Ret::Recv { data: Vec::new(), from: None });
        assert_eq!(b.call(c, Call::RecvFrom { fd: fresh, len: 5, flags: 0 }), eof);
        let poll = Call::Poll {
            fds: vec![PollFd { fd: fresh, events: POLLIN | POLLOUT, revents: 0 }],
            timeout_ms: 0,
        };
        match b.call(c, poll) {
            Ok(Ret::Polled(p)) => assert_eq!(p[0].revents, POLLIN | POLLOUT | POLLHUP),
            other => panic!("{other:?}"),
        }
        // A refused connect, not yet reported: still connecting, so listen is EINVAL; once reported, the
        // port `bind` did not name is back in the pool (getsockname still shows it) and bind works again.
        let s = b.socket(c, SOCK_STREAM | SOCK_NONBLOCK);
        b.call(c, Call::Bind { fd: s, addr: lo(0) }).unwrap();
        let first = name(b, s);
        assert_eq!(b.call(c, Call::Connect { fd: s, addr: closed }), Err(Errno::EINPROGRESS));
        assert_eq!(b.call(c, Call::Listen { fd: s, backlog: 1 }), Err(Errno::EINVAL));
        assert_eq!(b.call(c, Call::Connect { fd: s, addr: closed }), Err(Errno::ECONNREFUSED));
        assert_eq!(name(b, s), first);
        assert_eq!(b.call(c, Call::Bind { fd: s, addr: lo(0) }), Ok(Ret::Int(0)));
        assert_ne!(name(b, s), first);
        // shutdown after a refusal nobody reported leaves the socket disconnecting: connect is EINVAL.
        let d = b.socket(c, SOCK_STREAM | SOCK_NONBLOCK);
        assert_eq!(b.call(c, Call::Connect { fd: d, addr: closed }), Err(Errno::EINPROGRESS));
        assert_eq!(b.call(c, Call::Shutdown { fd: d, how: SHUT_RD }), Err(Errno::ENOTCONN));
        assert_eq!(b.call(c, Call::Connect { fd: d, addr: closed }), Err(Errno::EINVAL));
        // A socket that connects to its own address: a simultaneous open with itself, connected at once.
        let me = b.socket(c, SOCK_STREAM);
        b.call(c, Call::Bind { fd: me, addr: lo(0) }).unwrap();
        let own = name(b, me);
        assert_eq!(b.call(c, Call::Connect { fd: me, addr: own }), Ok(Ret::Int(0)));
        assert_eq!(b.call(c, Call::GetPeerName { fd: me }), Ok(Ret::Addr(own)));
        assert_eq!(b.send(c, me, b"me", 0), Ok(Ret::Int(2)));
        assert_eq!(b.recv(c, me, 10), Ok(b"me".to_vec()));
        // UDP: a send binds a port even when it fails; port 0 is EINVAL; a pending ICMP error is POLLERR
        // alone; after SHUT_WR a send is EPIPE.
        let u = b.socket(c, SOCK_DGRAM | SOCK_NONBLOCK);
        let send_to = |addr| Call::SendTo { fd: u, data: b"x".to_vec(), flags: MSG_NOSIGNAL, addr };
        assert_eq!(b.call(c, send_to(None)), Err(Errno::EDESTADDRREQ));
        assert_ne!(name(b, u).port(), 0, "bound by the failed send");
        assert_eq!(b.call(c, send_to(Some(lo(0)))), Err(Errno::EINVAL));
        assert_eq!(b.call(c, Call::Connect { fd: u, addr: closed }), Ok(Ret::Int(0)));
        assert_eq!(b.call(c, send_to(None)), Ok(Ret::Int(1)));
        let poll = Call::Poll { fds: vec![PollFd { fd: u, events: POLLIN, revents: 0 }], timeout_ms: 0 };
        match b.call(c, poll) {
            Ok(Ret::Polled(p)) => assert_eq!(p[0].revents, POLLERR),
            other => panic!("{other:?}"),
        }
        assert_eq!(b.call(c, Call::Shutdown { fd: u, how: SHUT_WR }), Ok(Ret::Int(0)));
        assert_eq!(b.call(c, send_to(None)), Err(Errno::ECONNREFUSED), "the pending error comes first");
        assert_eq!(b.call(c, send_to(None)), Err(Errno::EPIPE));
        assert_eq!(b.call(c, Call::Write { fd: u, data: b"x".to_vec() }), Err(Errno::EPIPE));
        assert_eq!(b.take_signal(c), None, "UDP's EPIPE raises no SIGPIPE");
    });
}

/// A connected UDP socket to a port nobody holds: each datagram's ICMP port unreachable is back before
/// its `send` returns, so sends alternate 1 and ECONNREFUSED (the error is reported once, by whichever
/// call comes next: a send or a receive, or `SO_ERROR`).
#[test]
fn connected_udp_to_a_closed_port_is_refused_every_other_send() {
    on_both(|b| {
        let c = b.spawn();
        let probe = b.socket(c, SOCK_DGRAM);
        b.call(c, Call::Bind { fd: probe, addr: lo(0) }).unwrap();
        let addr = b.local(c, probe);
        b.call(c, Call::Close { fd: probe }).unwrap();
        let fd = b.socket(c, SOCK_DGRAM | SOCK_NONBLOCK);
        assert_eq!(b.call(c, Call::Connect { fd, addr }), Ok(Ret::Int(0)));
        let send = || Call::SendTo { fd, data: b"x".to_vec(), flags: 0, addr: None };
        assert_eq!(b.call(c, send()), Ok(Ret::Int(1)));
        assert_eq!(b.call(c, send()), Err(Errno::ECONNREFUSED));
        assert_eq!(b.call(c, send()), Ok(Ret::Int(1)));
        assert_eq!(b.call(c, Call::RecvFrom { fd, len: 10, flags: 0 }), Err(Errno::ECONNREFUSED));
        assert_eq!(b.call(c, Call::RecvFrom { fd, len: 10, flags: 0 }), Err(Errno::EAGAIN));
        assert_eq!(b.call(c, send()), Ok(Ret::Int(1)));
        let so_error = Call::GetSockOpt { fd, level: SOL_SOCKET, name: SO_ERROR };
        assert_eq!(b.call(c, so_error.clone()), Ok(Ret::Int(111)));
        assert_eq!(b.call(c, so_error), Ok(Ret::Int(0)));
    });
}

#[test]
fn select_and_poll_see_readiness() {
    on_both(|b| {
        let (s, c) = (b.spawn(), b.spawn());
        let (_, cfd, afd) = b.pair(s, c);
        let select =
            |timeout| Call::Select { nfds: afd + 1, read: vec![afd], write: vec![], except: vec![], timeout };
        assert_eq!(
            b.call(s, select(Some(0))),
            Ok(Ret::Selected { read: vec![], write: vec![], except: vec![] })
        );
        b.send(c, cfd, b"x", 0).unwrap();
        assert_eq!(
            b.block(s, select(None)),
            Ok(Ret::Selected { read: vec![afd], write: vec![], except: vec![] })
        );
        let poll = Call::Poll {
            fds: vec![
                PollFd { fd: afd, events: POLLIN | POLLOUT, revents: 0 },
                PollFd { fd: 99, events: POLLIN, revents: 0 },
            ],
            timeout_ms: 0,
        };
        match b.call(s, poll) {
            Ok(Ret::Polled(p)) => {
                assert_eq!(p[0].revents, POLLIN | POLLOUT);
                assert_eq!(p[1].revents, POLLNVAL);
            }
            other => panic!("{other:?}"),
        }
        let bad = Call::Select { nfds: 100, read: vec![99], write: vec![], except: vec![], timeout: Some(0) };
        assert_eq!(b.call(s, bad), Err(Errno::EBADF));
    });
}

fn epoll_wait(b: &mut dyn Backend, pid: Pid, epfd: i32) -> Vec<EpollEvent> {
    let call = Call::EpollWait { epfd, maxevents: 8, timeout_ms: 0 };
    match b.call(pid, call) {
        Ok(Ret::Epoll(evs)) => evs,
        other => panic!("{other:?}"),
    }
}

#[test]
fn epoll_level_edge_and_oneshot() {
    on_both(|b| {
        let (s, c) = (b.spawn(), b.spawn());
        let (_, cfd, afd) = b.pair(s, c);
        let ep = b.int(s, Call::EpollCreate1 { flags: 0 }) as i32;
        let ctl = |op, events| Call::EpollCtl { epfd: ep, op, fd: afd, events, data: 42 };
        assert_eq!(b.call(s, ctl(EPOLL_CTL_ADD, EPOLLIN)), Ok(Ret::Int(0)));
        assert_eq!(b.call(s, ctl(EPOLL_CTL_ADD, EPOLLIN)), Err(Errno::EEXIST));
        assert!(epoll_wait(b, s, ep).is_empty());
        b.send(c, cfd, b"abc", 0).unwrap();
        b.settle();
        let ready = vec![EpollEvent { events: EPOLLIN, data: 42 }];
        assert_eq!(epoll_wait(b, s, ep), ready);
        assert_eq!(epoll_wait(b, s, ep), ready, "level-triggered: still readable, reported again");
        b.call(s, ctl(EPOLL_CTL_MOD, EPOLLIN | EPOLLET)).unwrap();
        assert_eq!(epoll_wait(b, s, ep), ready, "MOD re-arms: the data is new to the edge");
        assert!(epoll_wait(b, s, ep).is_empty(), "edge-triggered: once per arrival");
        b.send(c, cfd, b"d", 0).unwrap();
        b.settle();
        assert_eq!(epoll_wait(b, s, ep), ready, "a new arrival is a new edge");
        b.call(s, ctl(EPOLL_CTL_MOD, EPOLLIN | EPOLLONESHOT)).unwrap();
        assert_eq!(epoll_wait(b, s, ep), ready);
        assert!(epoll_wait(b, s, ep).is_empty(), "one-shot: disarmed after one report");
        assert_eq!(b.call(s, ctl(EPOLL_CTL_DEL, 0)), Ok(Ret::Int(0)));
        assert_eq!(b.call(s, ctl(EPOLL_CTL_DEL, 0)), Err(Errno::ENOENT));
    });
}

#[test]
fn pipes_read_write_eof_and_epipe() {
    on_both(|b| {
        let p = b.spawn();
        let (r, w) = match b.call(p, Call::Pipe2 { flags: 0 }) {
            Ok(Ret::Pipe { read, write }) => (read, write),
            other => panic!("{other:?}"),
        };
        assert_eq!((r, w), (3, 4));
        let write = |data: &[u8]| Call::Write { fd: w, data: data.to_vec() };
        assert_eq!(b.call(p, write(b"through")), Ok(Ret::Int(7)));
        assert_eq!(b.block(p, Call::Read { fd: r, count: 100 }), Ok(Ret::Bytes(b"through".to_vec())));
        assert!(matches!(
            b.raw(p, &Call::Read { fd: r, count: 100 }),
            Outcome::WouldBlock(WaitOn::Readable(3))
        ));
        assert_eq!(b.call(p, Call::Close { fd: w }), Ok(Ret::Int(0)));
        assert_eq!(b.block(p, Call::Read { fd: r, count: 100 }), Ok(Ret::Bytes(vec![])), "EOF");
        let (r2, w2) = match b.call(p, Call::Pipe2 { flags: O_NONBLOCK as i32 }) {
            Ok(Ret::Pipe { read, write }) => (read, write),
            other => panic!("{other:?}"),
        };
        assert_eq!(b.call(p, Call::Read { fd: r2, count: 1 }), Err(Errno::EAGAIN));
        b.call(p, Call::Close { fd: r2 }).unwrap();
        let call = Call::Write { fd: w2, data: b"x".to_vec() };
        assert_eq!(b.call(p, call), Err(Errno::EPIPE));
    });
}

#[test]
fn stdout_is_recorded_and_stdin_fed() {
    let mut n = NativeKernel::new();
    let pid = n.spawn("localhost", "p", 0).unwrap();
    let out = Call::Write { fd: 1, data: b"hi\n".to_vec() };
    assert_eq!(n.syscall(pid, &out, 0), Outcome::Ok(Ret::Int(3)));
    assert_eq!(n.stdout(pid), b"hi\n");
    let read = Call::Read { fd: 0, count: 10 };
    assert_eq!(n.syscall(pid, &read, 0), Outcome::WouldBlock(WaitOn::Readable(0)));
    assert!(!n.poll_wait(pid, &WaitOn::Readable(0), 0));
    n.feed_stdin(pid, b"yes\n");
    assert_eq!(n.take_woken(), vec![pid]);
    assert_eq!(n.syscall(pid, &read, 0), Outcome::Ok(Ret::Bytes(b"yes\n".to_vec())));
    n.close_stdin(pid);
    assert_eq!(n.syscall(pid, &read, 0), Outcome::Ok(Ret::Bytes(vec![])));
    let strace = ioplay::trace::strace(&n.drain_events(), false);
    let line = strace.lines().find(|l| l.starts_with("read(0, \"yes\\n\", 10)"));
    assert!(line.is_some_and(|l| l.ends_with("= 4")), "{strace}");
}

#[test]
fn a_blocked_process_wakes_on_real_readiness_and_sleeps_end_on_the_real_clock() {
    let mut n = NativeKernel::new();
    let (s, c) = (n.spawn("h", "s", 0).unwrap(), n.spawn("h", "c", 0).unwrap());
    let mut native = Native { k: n };
    let (_, cfd, afd) = Backend::pair(&mut native, s, c);
    let n = &mut native.k;
    let recv = Call::RecvFrom { fd: afd, len: 10, flags: 0 };
    assert!(matches!(n.syscall(s, &recv, 0), Outcome::WouldBlock(_)));
    assert!(n.take_woken().is_empty());
    assert!(n.next_deadline().is_some(), "waiting on an fd, the idle grace is a deadline");
    let send = Call::SendTo { fd: cfd, data: b"z".to_vec(), flags: 0, addr: None };
    assert_eq!(n.syscall(c, &send, 0), Outcome::Ok(Ret::Int(1)));
    assert_eq!(n.take_woken(), vec![s]);
    let got = n.syscall(s, &recv, 0);
    assert_eq!(got, Outcome::Ok(Ret::Recv { data: b"z".to_vec(), from: None }));
    let start = n.now();
    let sleep = Call::ClockNanosleep { until: start + 5 * MS };
    assert!(matches!(n.syscall(s, &sleep, 0), Outcome::WouldBlock(WaitOn::Until(_))));
    let due = n.next_deadline().expect("the sleep is due");
    n.advance(due);
    assert_eq!(n.take_woken(), vec![s]);
    assert_eq!(n.syscall(s, &sleep, 0), Outcome::Ok(Ret::Int(0)));
    assert!(n.now() >= start + 5 * MS);
    let counted = n.counters(s);
    assert_eq!(
        (counted.bytes_to_user, counted.context_switches),
        (1, 3),
        "recv blocked, was held for the copy, slept: {counted:?}"
    );
}

#[test]
fn sigio_goes_to_the_owning_virtual_process() {
    let mut n = NativeKernel::new();
    let (s, c) = (n.spawn("h", "s", 0).unwrap(), n.spawn("h", "c", 0).unwrap());
    let handler = ioplay::sys::SigAction { handler: ioplay::sys::SigHandler::Handler(7), flags: 0, mask: 0 };
    let act = Call::RtSigaction { sig: SIGIO, action: Some(handler) };
    assert!(matches!(n.syscall(s, &act, 0), Outcome::Ok(_)));
    let mut native = Native { k: n };
    let sfd = Backend::socket(&mut native, s, SOCK_DGRAM);
    native.k.syscall(s, &Call::Bind { fd: sfd, addr: lo(0) }, 0);
    let addr = Backend::local(&mut native, s, sfd);
    let n = &mut native.k;
    let fcntl = |cmd, arg| Call::Fcntl { fd: sfd, cmd, arg };
    assert_eq!(n.syscall(s, &fcntl(F_SETOWN, s as i64), 0), Outcome::Ok(Ret::Int(0)));
    assert_eq!(n.syscall(s, &fcntl(F_SETFL, O_ASYNC | O_NONBLOCK), 0), Outcome::Ok(Ret::Int(0)));
    assert_eq!(n.take_signal(s), None);
    let cfd = Backend::socket(&mut native, c, SOCK_DGRAM);
    let n = &mut native.k;
    let send = Call::SendTo { fd: cfd, data: b"io".to_vec(), flags: 0, addr: Some(addr) };
    assert_eq!(n.syscall(c, &send, 0), Outcome::Ok(Ret::Int(2)));
    assert_eq!(n.take_woken(), vec![s]);
    assert_eq!(n.take_signal(c), None, "not the sender's");
    assert_eq!(n.take_signal(s), Some(SignalAction::Handler { sig: SIGIO, handler: 7 }));
}

/// Errnos at the edges, many calls in a row; every answer is compared between the backends through the
/// trace.
#[test]
fn edge_errnos_agree() {
    on_both(edge_calls);
}

fn edge_calls(b: &mut dyn Backend) {
    let (s, c) = (b.spawn(), b.spawn());
    let probe = b.socket(s, SOCK_STREAM | SOCK_NONBLOCK);
    let _ = b.raw(s, &Call::Accept4 { fd: probe, flags: 1 });
    let _ = b.raw(s, &Call::Read { fd: 1, count: 1 });
    let _ = b.raw(s, &Call::Close { fd: probe });
    let x = b.socket(s, SOCK_STREAM);
    let _ = b.raw(s, &Call::GetPeerName { fd: x });
    let _ = b.raw(s, &Call::Listen { fd: x, backlog: 5 });
    let y = b.socket(s, SOCK_STREAM | SOCK_NONBLOCK);
    let _ = b.raw(s, &Call::Accept4 { fd: y, flags: 0 });
    let y = b.socket(s, SOCK_STREAM);
    let _ = b.raw(s, &Call::SendTo { fd: y, data: b"a".to_vec(), flags: MSG_NOSIGNAL, addr: None });
    let y = b.socket(s, SOCK_STREAM | SOCK_NONBLOCK);
    let _ = b.raw(s, &Call::RecvFrom { fd: y, len: 1, flags: 0 });
    let _ = b.raw(s, &Call::Bind { fd: x, addr: lo(0) });
    let _ = b.raw(s, &Call::GetSockOpt { fd: x, level: SOL_SOCKET, name: SO_TYPE });
    let _ = b.raw(s, &Call::GetSockOpt { fd: x, level: SOL_SOCKET, name: SO_SNDBUF });
    let _ = b.raw(s, &Call::GetSockOpt { fd: x, level: SOL_SOCKET, name: SO_RCVBUF });
    let _ = b.raw(s, &Call::SetSockOpt { fd: x, level: SOL_SOCKET, name: SO_RCVBUF, value: 4096 });
    let _ = b.raw(s, &Call::GetSockOpt { fd: x, level: SOL_SOCKET, name: SO_RCVBUF });
    let _ = b.raw(s, &Call::Fcntl { fd: x, cmd: F_GETFL, arg: 0 });
    let _ = b.raw(s, &Call::Fcntl { fd: 0, cmd: F_GETFL, arg: 0 });
    let _ = b.raw(s, &Call::Fcntl { fd: 1, cmd: F_GETFL, arg: 0 });
    let (lfd, cfd, afd) = b.pair(s, c);
    let _ = b.raw(c, &Call::Connect { fd: cfd, addr: lo(1) });
    let _ = b.raw(s, &Call::RecvFrom { fd: lfd, len: 1, flags: MSG_DONTWAIT });
    let _ = b.raw(s, &Call::Listen { fd: lfd, backlog: 5 });
    let _ = b.raw(s, &Call::Bind { fd: afd, addr: lo(0) });
    let _ = b.raw(s, &Call::Ioctl { fd: afd, request: FIONREAD, arg: 0 });
    b.send(c, cfd, b"12345", 0).unwrap();
    b.settle();
    let _ = b.raw(s, &Call::Ioctl { fd: afd, request: FIONREAD, arg: 0 });
    let _ = b.block(s, Call::RecvFrom { fd: afd, len: 2, flags: MSG_PEEK });
    let _ = b.raw(c, &Call::Shutdown { fd: cfd, how: SHUT_WR });
    b.settle();
    let _ = b.raw(c, &Call::SendTo { fd: cfd, data: b"a".to_vec(), flags: MSG_NOSIGNAL, addr: None });
    let pf = |fd, events| PollFd { fd, events, revents: 0 };
    let _ = b.raw(
        s,
        &Call::Poll {
            fds: vec![pf(afd, POLLIN | POLLOUT | POLLRDHUP), pf(cfd, POLLIN | POLLOUT)],
            timeout_ms: 0,
        },
    );
    let _ = b.raw(
        s,
        &Call::Select { nfds: 10, read: vec![afd], write: vec![afd], except: vec![afd], timeout: Some(0) },
    );
    let _ = b.block(s, Call::RecvFrom { fd: afd, len: 100, flags: 0 });
    let _ = b.block(s, Call::RecvFrom { fd: afd, len: 100, flags: 0 });
    let _ = b.raw(s, &Call::Shutdown { fd: afd, how: SHUT_RDWR });
    b.settle();
    let _ = b.raw(c, &Call::Poll { fds: vec![pf(cfd, POLLIN | POLLOUT | POLLRDHUP)], timeout_ms: 0 });
    let _ = b.block(c, Call::RecvFrom { fd: cfd, len: 100, flags: 0 });
    let _ = b.raw(s, &Call::GetPeerName { fd: afd });
    // UDP connected to a dead port
    let u = b.socket(c, SOCK_DGRAM);
    let _ = b.raw(c, &Call::Connect { fd: u, addr: lo(9) });
    let _ = b.raw(c, &Call::GetSockName { fd: u });
    let _ = b.raw(c, &Call::SendTo { fd: u, data: b"q".to_vec(), flags: 0, addr: None });
    b.settle();
    let _ = b.raw(c, &Call::RecvFrom { fd: u, len: 10, flags: MSG_DONTWAIT });
    let _ = b.raw(c, &Call::RecvFrom { fd: u, len: 10, flags: MSG_DONTWAIT });
    let u2 = b.socket(c, SOCK_DGRAM);
    let _ = b.raw(c, &Call::SendTo { fd: u2, data: vec![], flags: 0, addr: None });
    let _ = b.raw(c, &Call::RecvFrom { fd: u2, len: 10, flags: MSG_DONTWAIT });
    // nonblocking connect to a dead port
    let n = b.socket(c, SOCK_STREAM | SOCK_NONBLOCK);
    let _ = b.raw(c, &Call::Connect { fd: n, addr: lo(9) });
    b.settle();
    let _ = b.raw(c, &Call::GetSockOpt { fd: n, level: SOL_SOCKET, name: SO_ERROR });
    let _ = b.raw(c, &Call::Connect { fd: n, addr: lo(9) });
    let (l2, a2) = b.listener(s, SOCK_STREAM);
    let n2 = b.socket(c, SOCK_STREAM | SOCK_NONBLOCK);
    let _ = b.raw(c, &Call::Connect { fd: n2, addr: a2 });
    b.settle();
    let _ = b.raw(c, &Call::Connect { fd: n2, addr: a2 });
    let _ = b.raw(c, &Call::Connect { fd: n2, addr: a2 });
    let _ = b.raw(s, &Call::Close { fd: l2 });
    b.settle();
    let _ = b.raw(c, &Call::SendTo { fd: n2, data: b"a".to_vec(), flags: MSG_NOSIGNAL, addr: None });
    b.settle();
    let _ = b.raw(c, &Call::SendTo { fd: n2, data: b"a".to_vec(), flags: MSG_NOSIGNAL, addr: None });
    let _ = b.raw(c, &Call::RecvFrom { fd: n2, len: 1, flags: 0 });
    let _ = b.raw(c, &Call::RecvFrom { fd: n2, len: 1, flags: 0 });
    let (l3, a3) = b.listener(s, SOCK_STREAM);
    let _ = b.raw(s, &Call::Listen { fd: l3, backlog: 0 });
    let mut conns = vec![];
    for _ in 0..4 {
        let k = b.socket(c, SOCK_STREAM | SOCK_NONBLOCK);
        let _ = b.raw(c, &Call::Connect { fd: k, addr: a3 });
        b.settle();
        conns.push(k);
    }
    for k in conns {
        let _ = b.raw(c, &Call::GetSockOpt { fd: k, level: SOL_SOCKET, name: SO_ERROR });
    }
    let big = b.socket(c, SOCK_DGRAM);
    let _ = b.raw(c, &Call::SendTo { fd: big, data: vec![0; 70000], flags: 0, addr: Some(a3) });
    let _ = b.raw(c, &Call::SendTo { fd: big, data: vec![0; 65507], flags: 0, addr: Some(lo(9)) });
    let _ = b.raw(c, &Call::SendTo { fd: big, data: vec![0; 65508], flags: 0, addr: Some(lo(9)) });
    let _ = b.raw(c, &Call::Bind { fd: big, addr: SocketAddrV4::new(Ipv4Addr::new(10, 9, 9, 9), 0) });
    let _ = b.raw(c, &Call::Listen { fd: big, backlog: 1 });
    let _ = b.raw(c, &Call::Accept4 { fd: big, flags: 0 });
    let _ = b.raw(c, &Call::Shutdown { fd: big, how: 7 });
    let _ = b.raw(c, &Call::Socket { domain: AF_INET, ty: 5, protocol: 0 });
    let _ = b.raw(c, &Call::Socket { domain: AF_INET, ty: SOCK_STREAM, protocol: 17 });
    let _ = b.raw(c, &Call::Socket { domain: 10, ty: SOCK_STREAM, protocol: 0 });
    let _ = b.raw(c, &Call::Fcntl { fd: big, cmd: 999, arg: 0 });
    let _ = b.raw(c, &Call::Ioctl { fd: big, request: 0x5401, arg: 0 });
    let _ = b.raw(c, &Call::Pipe2 { flags: 1 });
    let _ = b.raw(c, &Call::Kill { pid: 99999, sig: 0 });
    let _ = b.raw(c, &Call::Kill { pid: 1000, sig: 99 });
    let _ = b.raw(c, &Call::RtSigaction { sig: SIGKILL, action: Some(Default::default()) });
    let _ = b.raw(c, &Call::RtSigprocmask { how: 9, set: Some(0) });
    let _ = b.raw(c, &Call::Alarm { seconds: 5 });
    let _ = b.raw(c, &Call::Alarm { seconds: 0 });
    let _ = b.raw(c, &Call::Setitimer { which: 1, value: 0, interval: 0 });
    let ep = b.int(s, Call::EpollCreate1 { flags: 0 }) as i32;
    let _ = b.raw(s, &Call::EpollCtl { epfd: ep, op: EPOLL_CTL_ADD, fd: 0, events: EPOLLIN, data: 0 });
    let _ = b.raw(s, &Call::EpollCtl { epfd: ep, op: EPOLL_CTL_ADD, fd: ep, events: EPOLLIN, data: 0 });
    let _ = b.raw(
        s,
        &Call::EpollCtl {
            epfd: ep,
            op: EPOLL_CTL_ADD,
            fd: afd,
            events: EPOLLIN | EPOLLOUT | EPOLLRDHUP,
            data: 5,
        },
    );
    let _ = b.raw(s, &Call::EpollWait { epfd: ep, maxevents: 4, timeout_ms: 0 });
    let _ = b.raw(s, &Call::EpollWait { epfd: afd, maxevents: 4, timeout_ms: 0 });
    let _ = b.raw(s, &Call::EpollWait { epfd: ep, maxevents: 0, timeout_ms: 0 });
}

/// Linux's loopback processes a segment inside the syscall that sends it (`loopback_xmit` → `netif_rx`,
/// the softirq at `local_bh_enable`), with the replies it causes: every answer below is taken at once,
/// with no time let pass (no `settle`) — a handshake is over when connect returns, sent bytes are
/// readable when send returns, an RST is in before the call that provoked it returns.
#[test]
fn loopback_is_processed_inside_the_sending_call() {
    on_both(|b| {
        let (s, c) = (b.spawn(), b.spawn());
        let (lfd, addr) = b.listener(s, SOCK_STREAM | SOCK_NONBLOCK);
        // Non-blocking connect: EINPROGRESS, yet the handshake is done; connect again says so.
        let nb = b.socket(c, SOCK_STREAM | SOCK_NONBLOCK);
        assert_eq!(b.call(c, Call::Connect { fd: nb, addr }), Err(Errno::EINPROGRESS));
        assert_eq!(b.call(c, Call::Connect { fd: nb, addr }), Ok(Ret::Int(0)));
        assert_eq!(b.call(c, Call::Connect { fd: nb, addr }), Err(Errno::EISCONN));
        // Blocking connect returns connected without sleeping; both are in the accept queue.
        let cfd = b.socket(c, SOCK_STREAM);
        assert_eq!(b.call(c, Call::Connect { fd: cfd, addr }), Ok(Ret::Int(0)));
        let accept = |b: &mut dyn Backend| match b.call(s, Call::Accept4 { fd: lfd, flags: 0 }) {
            Ok(Ret::Accepted { fd, .. }) => fd,
            other => panic!("accept4: {other:?}"),
        };
        let (a_nb, a_c) = (accept(b), accept(b));
        assert_eq!(b.call(s, Call::Accept4 { fd: lfd, flags: 0 }), Err(Errno::EAGAIN));
        // Sent bytes are readable when send returns: select with a zero timeout sees them.
        assert_eq!(b.send(c, cfd, b"x", 0), Ok(Ret::Int(1)));
        let select = Call::Select {
            nfds: a_c + 1,
            read: vec![a_nb, a_c],
            write: vec![],
            except: vec![],
            timeout: Some(0),
        };
        assert_eq!(b.call(s, select), Ok(Ret::Selected { read: vec![a_c], write: vec![], except: vec![] }));
        // Closing with unread data resets the peer at once.
        assert_eq!(b.call(s, Call::Close { fd: a_c }), Ok(Ret::Int(0)));
        let peek = Call::RecvFrom { fd: cfd, len: 10, flags: MSG_DONTWAIT };
        assert_eq!(b.call(c, peek), Err(Errno::ECONNRESET));
        // After the peer's close the first send goes; its RST is back before it returns: EPIPE next.
        assert_eq!(b.call(s, Call::Close { fd: a_nb }), Ok(Ret::Int(0)));
        let send =
            |data: &[u8]| Call::SendTo { fd: nb, data: data.to_vec(), flags: MSG_NOSIGNAL, addr: None };
        assert_eq!(b.call(c, send(b"first")), Ok(Ret::Int(5)));
        assert_eq!(b.call(c, send(b"second")), Err(Errno::EPIPE));
        // A refused non-blocking connect: EINPROGRESS, the refusal once, then a fresh attempt.
        assert_eq!(b.call(s, Call::Close { fd: lfd }), Ok(Ret::Int(0)));
        let refused = b.socket(c, SOCK_STREAM | SOCK_NONBLOCK);
        assert_eq!(b.call(c, Call::Connect { fd: refused, addr }), Err(Errno::EINPROGRESS));
        assert_eq!(b.call(c, Call::Connect { fd: refused, addr }), Err(Errno::ECONNREFUSED));
        assert_eq!(b.call(c, Call::Connect { fd: refused, addr }), Err(Errno::EINPROGRESS));
    });
}

/// `shutdown(2)` on a listener (Linux's `inet_shutdown`): SHUT_RD or SHUT_RDWR stops listening — the
/// queued connection is reset, `accept4` is EINVAL, a new client is refused, a second shutdown is
/// ENOTCONN, and `listen` may start again; SHUT_WR alone changes nothing.
#[test]
fn shutdown_of_a_listener_stops_listening() {
    on_both(|b| {
        let (s, c) = (b.spawn(), b.spawn());
        let (lfd, addr) = b.listener(s, SOCK_STREAM | SOCK_NONBLOCK);
        let queued = b.socket(c, SOCK_STREAM);
        assert_eq!(b.block(c, Call::Connect { fd: queued, addr }), Ok(Ret::Int(0)));
        b.settle();
        let rdwr = Call::Shutdown { fd: lfd, how: SHUT_RDWR };
        assert_eq!(b.call(s, rdwr.clone()), Ok(Ret::Int(0)));
        b.settle();
        assert_eq!(b.recv(c, queued, 10), Err(Errno::ECONNRESET));
        assert_eq!(b.call(s, Call::Accept4 { fd: lfd, flags: 0 }), Err(Errno::EINVAL));
        assert_eq!(b.local(s, lfd), addr, "an address bound by bind(2) stays");
        let refused = b.socket(c, SOCK_STREAM);
        let connect = Call::Connect { fd: refused, addr };
        assert_eq!(b.block(c, connect), Err(Errno::ECONNREFUSED));
        assert_eq!(b.call(s, rdwr), Err(Errno::ENOTCONN));
        assert_eq!(b.call(s, Call::Listen { fd: lfd, backlog: 5 }), Ok(Ret::Int(0)));
        assert_eq!(b.call(s, Call::Accept4 { fd: lfd, flags: 0 }), Err(Errno::EAGAIN));

        let (wfd, waddr) = b.listener(s, SOCK_STREAM | SOCK_NONBLOCK);
        let wr = Call::Shutdown { fd: wfd, how: SHUT_WR };
        assert_eq!(b.call(s, wr), Ok(Ret::Int(0)));
        assert_eq!(b.call(s, Call::Accept4 { fd: wfd, flags: 0 }), Err(Errno::EAGAIN));
        let still = b.socket(c, SOCK_STREAM);
        let connect = Call::Connect { fd: still, addr: waddr };
        assert_eq!(b.block(c, connect), Ok(Ret::Int(0)));
    });
}

/// A destination of 0.0.0.0 means this host (Linux's `ip_route_output_key_hash_rcu`): the socket's bound
/// address, or 127.0.0.1 — for a UDP `sendto`, a UDP `connect` and a TCP `connect` alike.
#[test]
fn a_destination_of_0_0_0_0_is_this_host() {
    on_both(|b| {
        let (s, c) = (b.spawn(), b.spawn());
        let rfd = b.socket(s, SOCK_DGRAM);
        assert_eq!(b.call(s, Call::Bind { fd: rfd, addr: lo(0) }), Ok(Ret::Int(0)));
        let port = b.local(s, rfd).port();
        let any = SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, port);
        let u = b.socket(c, SOCK_DGRAM);
        let send = Call::SendTo { fd: u, data: b"x".to_vec(), flags: 0, addr: Some(any) };
        assert_eq!(b.call(c, send), Ok(Ret::Int(1)));
        let from = b.local(c, u);
        assert_eq!(*from.ip(), Ipv4Addr::UNSPECIFIED, "sendto binds the wildcard");
        match b.block(s, Call::RecvFrom { fd: rfd, len: 10, flags: 0 }) {
            Ok(Ret::Recv { data, from: peer }) => {
                assert_eq!(data, b"x");
                assert_eq!(peer, Some(lo(from.port())));
            }
            other => panic!("{other:?}"),
        }

        let v = b.socket(c, SOCK_DGRAM);
        assert_eq!(b.call(c, Call::Connect { fd: v, addr: any }), Ok(Ret::Int(0)));
        assert_eq!(b.call(c, Call::GetPeerName { fd: v }), Ok(Ret::Addr(lo(port))));
        assert_eq!(*b.local(c, v).ip(), Ipv4Addr::LOCALHOST);

        let (lfd, addr) = b.listener(s, SOCK_STREAM);
        let t = b.socket(c, SOCK_STREAM);
        let to = SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, addr.port());
        assert_eq!(b.block(c, Call::Connect { fd: t, addr: to }), Ok(Ret::Int(0)));
        assert_eq!(b.call(c, Call::GetPeerName { fd: t }), Ok(Ret::Addr(addr)));
        match b.block(s, Call::Accept4 { fd: lfd, flags: 0 }) {
            Ok(Ret::Accepted { peer, .. }) => assert_eq!(peer, b.local(c, t)),
            other => panic!("{other:?}"),
        }
    });
}

/// UNP figure 6.5: `aio_read` returns at once, the data is taken when it arrives, a signal says so.
#[test]
fn aio_read_completes_when_data_arrives_and_signals() {
    on_both(|b| {
        let (s, c) = (b.spawn(), b.spawn());
        let handler =
            ioplay::sys::SigAction { handler: ioplay::sys::SigHandler::Handler(1), flags: 0, mask: 0 };
        let act = Call::RtSigaction { sig: SIGUSR1, action: Some(handler) };
        b.call(s, act).unwrap();
        let sfd = b.socket(s, SOCK_DGRAM);
        b.call(s, Call::Bind { fd: sfd, addr: lo(0) }).unwrap();
        let addr = b.local(s, sfd);
        let read =
            Call::AioRead { cb: 0x10, fd: sfd, nbytes: 100, notify: ioplay::sys::SigEvent::Signal(SIGUSR1) };
        assert_eq!(b.call(s, read), Ok(Ret::Int(0)));
        assert_eq!(b.call(s, Call::AioError { cb: 0x10 }), Ok(Ret::Int(Errno::EINPROGRESS.code() as i64)));
        assert_eq!(b.call(s, Call::AioReturn { cb: 0x10 }), Err(Errno::EINVAL));
        let suspend = Call::AioSuspend { cbs: vec![0x10], timeout: Some(MS) };
        assert_eq!(b.block(s, suspend), Err(Errno::EAGAIN), "nothing came within the timeout");
        let cfd = b.socket(c, SOCK_DGRAM);
        let send = Call::SendTo { fd: cfd, data: b"datagram".to_vec(), flags: 0, addr: Some(addr) };
        assert_eq!(b.call(c, send), Ok(Ret::Int(8)));
        let suspend = Call::AioSuspend { cbs: vec![0x10], timeout: None };
        assert_eq!(b.block(s, suspend), Ok(Ret::Int(0)));
        assert_eq!(b.take_signal(s), Some(SignalAction::Handler { sig: SIGUSR1, handler: 1 }));
        assert_eq!(b.call(s, Call::AioError { cb: 0x10 }), Ok(Ret::Int(0)));
        assert_eq!(b.call(s, Call::AioReturn { cb: 0x10 }), Ok(Ret::Bytes(b"datagram".to_vec())));
        assert_eq!(b.call(s, Call::AioReturn { cb: 0x10 }), Err(Errno::EINVAL), "once");
    });
}

/// A signal ends a blocked call: EINTR without SA_RESTART, a restart (strace's `? ERESTARTSYS`) with
/// it; an interval timer ends `pause`. Same answers, same trace, on both kernels.
#[test]
fn signals_interrupt_blocked_calls() {
    on_both(|b| {
        let (s, c) = (b.spawn(), b.spawn());
        let on = |sig, flags| Call::RtSigaction {
            sig,
            action: Some(ioplay::sys::SigAction {
                handler: ioplay::sys::SigHandler::Handler(sig as u64),
                flags,
                mask: 0,
            }),
        };
        b.call(s, on(SIGUSR1, 0)).unwrap();
        b.call(s, on(SIGUSR2, SA_RESTART)).unwrap();
        b.call(s, on(SIGALRM, 0)).unwrap();
        let fd = b.socket(s, SOCK_DGRAM);
        b.call(s, Call::Bind { fd, addr: lo(0) }).unwrap();
        let addr = b.local(s, fd);
        let recv = Call::RecvFrom { fd, len: 10, flags: 0 };
        assert!(matches!(b.raw(s, &recv), Outcome::WouldBlock(_)));
        assert_eq!(b.call(c, Call::Kill { pid: s, sig: SIGUSR1 }), Ok(Ret::Int(0)));
        assert_eq!(b.raw(s, &recv), Outcome::Err(Errno::EINTR));
        assert_eq!(b.take_signal(s), Some(SignalAction::Handler { sig: SIGUSR1, handler: SIGUSR1 as u64 }));
        assert!(matches!(b.raw(s, &recv), Outcome::WouldBlock(_)));
        b.call(c, Call::Kill { pid: s, sig: SIGUSR2 }).unwrap();
        assert!(matches!(b.raw(s, &recv), Outcome::WouldBlock(_)), "restarted, not failed");
        assert_eq!(b.take_signal(s), Some(SignalAction::Handler { sig: SIGUSR2, handler: SIGUSR2 as u64 }));
        let cfd = b.socket(c, SOCK_DGRAM);
        let send = Call::SendTo { fd: cfd, data: b"late".to_vec(), flags: 0, addr: Some(addr) };
        b.call(c, send).unwrap();
        assert!(matches!(b.block(s, recv), Ok(Ret::Recv { .. })));
        let timer = Call::Setitimer { which: ITIMER_REAL, value: 10 * MS, interval: 0 };
        assert_eq!(b.call(s, timer), Ok(Ret::Itimer { value: 0, interval: 0 }));
        assert_eq!(b.block(s, Call::Pause), Err(Errno::EINTR));
        assert_eq!(b.take_signal(s), Some(SignalAction::Handler { sig: SIGALRM, handler: SIGALRM as u64 }));
    });
}

/// UNP figure 6.4: O_ASYNC with F_SETOWN; the arrival of a datagram raises SIGIO in the owner (on the
/// native backend the real kernel sends it, steered to a signalfd), and the handler reads it.
#[test]
fn sigio_on_datagram_arrival_on_both() {
    on_both(|b| {
        let (s, c) = (b.spawn(), b.spawn());
        let act = Call::RtSigaction {
            sig: SIGIO,
            action: Some(ioplay::sys::SigAction {
                handler: ioplay::sys::SigHandler::Handler(29),
                flags: 0,
                mask: 0,
            }),
        };
        b.call(s, act).unwrap();
        let fd = b.socket(s, SOCK_DGRAM);
        b.call(s, Call::Bind { fd, addr: lo(0) }).unwrap();
        let addr = b.local(s, fd);
        let fcntl = |cmd, arg| Call::Fcntl { fd, cmd, arg };
        assert_eq!(b.call(s, fcntl(F_SETOWN, s as i64)), Ok(Ret::Int(0)));
        assert_eq!(b.call(s, fcntl(F_SETFL, O_ASYNC | O_NONBLOCK)), Ok(Ret::Int(0)));
        assert_eq!(b.call(s, fcntl(F_GETFL, 0)), Ok(Ret::Int(O_RDWR | O_ASYNC | O_NONBLOCK)));
        let cfd = b.socket(c, SOCK_DGRAM);
        for data in [b"one".to_vec(), b"two".to_vec()] {
            let send = Call::SendTo { fd: cfd, data, flags: 0, addr: Some(addr) };
            b.call(c, send).unwrap();
        }
        b.settle();
        assert_eq!(b.take_signal(s), Some(SignalAction::Handler { sig: SIGIO, handler: 29 }));
        assert_eq!(b.take_signal(s), None, "a standard signal is pending once, however many arrivals");
        let recv = Call::RecvFrom { fd, len: 10, flags: 0 };
        assert!(matches!(b.block(s, recv.clone()), Ok(Ret::Recv { data, .. }) if data == b"one"));
        assert!(matches!(b.block(s, recv.clone()), Ok(Ret::Recv { data, .. }) if data == b"two"));
        assert_eq!(b.block(s, recv), Err(Errno::EAGAIN));
        assert_eq!(b.call(s, fcntl(F_SETFL, 0)), Ok(Ret::Int(0)));
    });
}

/// io_uring on both: ACCEPT and TIMEOUT submitted together, RECV's bytes in its completion, POLL_ADD's
/// mask, a retried enter that does not resubmit; on the native backend, a real ring.
#[test]
fn io_uring_accept_recv_poll_and_timeout_on_both() {
    on_both(|b| {
        use ioplay::sys::{Sqe, UringOp};
        let (s, c) = (b.spawn(), b.spawn());
        let (l, addr) = b.listener(s, SOCK_STREAM);
        let ring = b.int(s, Call::IoUringSetup { entries: 8 }) as i32;
        assert_eq!(b.call(s, Call::IoUringSetup { entries: 0 }), Err(Errno::EINVAL));
        assert_eq!(b.call(s, Call::Fcntl { fd: ring, cmd: F_GETFD, arg: 0 }), Ok(Ret::Int(FD_CLOEXEC)));
        let enter = |submit, min_complete| Call::IoUringEnter { fd: ring, submit, min_complete };
        let first = enter(
            vec![
                Sqe { op: UringOp::Accept { fd: l }, user_data: 1 },
                Sqe { op: UringOp::Timeout { after: 30 * MS }, user_data: 2 },
            ],
            1,
        );
        assert!(matches!(b.raw(s, &first), Outcome::WouldBlock(WaitOn::Readable(_))));
        let cfd = b.socket(c, SOCK_STREAM);
        b.block(c, Call::Connect { fd: cfd, addr }).unwrap();
        let Ok(Ret::Uring { submitted: 2, completions }) = b.block(s, first) else {
            panic!("the accept completes")
        };
        assert_eq!(completions.iter().map(|c| c.user_data).collect::<Vec<_>>(), [1]);
        let afd = completions[0].res;
        assert_eq!(afd, ring + 1, "the accepted socket joins the table at the lowest free fd");
        let recv = enter(vec![Sqe { op: UringOp::Recv { fd: afd, len: 64 }, user_data: 3 }], 2);
        assert!(matches!(b.raw(s, &recv), Outcome::WouldBlock(_)));
        b.send(c, cfd, b"ring", 0).unwrap();
        let Ok(Ret::Uring { completions, .. }) = b.block(s, recv) else {
            panic!("recv and timeout complete")
        };
        let mut by_id: Vec<(u64, i32)> = completions.iter().map(|c| (c.user_data, c.res)).collect();
        by_id.sort();
        assert_eq!(by_id, [(2, -ETIME), (3, 4)]);
        assert_eq!(completions.iter().find(|c| c.user_data == 3).unwrap().data, b"ring");
        let poll = enter(vec![Sqe { op: UringOp::PollAdd { fd: afd, events: POLLOUT }, user_data: 4 }], 1);
        let Ok(Ret::Uring { completions, .. }) = b.block(s, poll) else { panic!("poll") };
        assert_eq!(completions[0].res, POLLOUT as i32);
        let bad_fd = enter(vec![Sqe { op: UringOp::Recv { fd: 77, len: 1 }, user_data: 5 }], 1);
        let Ok(Ret::Uring { completions, .. }) = b.block(s, bad_fd) else { panic!("bad fd") };
        assert_eq!(completions[0].res, -Errno::EBADF.code());
        let not_a_ring = Call::IoUringEnter { fd: l, submit: vec![], min_complete: 0 };
        assert_eq!(b.call(s, not_a_ring), Err(Errno::EOPNOTSUPP));
        assert_eq!(b.call(s, Call::Close { fd: ring }), Ok(Ret::Int(0)));
    });
}

/// `bind` to port 0 takes an ephemeral port from Linux's `ip_local_port_range` (32768–60999 here), for
/// TCP and UDP, and a listening socket's port is free again once it is closed.
#[test]
fn bind_to_port_zero_gets_an_ephemeral_port() {
    on_both(|b| {
        let p = b.spawn();
        for ty in [SOCK_STREAM, SOCK_DGRAM] {
            let fd = b.socket(p, ty);
            assert_eq!(b.call(p, Call::Bind { fd, addr: lo(0) }), Ok(Ret::Int(0)));
            let port = b.local(p, fd).port();
            assert!((32768..=60999).contains(&port), "port {port}");
            assert_eq!(b.call(p, Call::Close { fd }), Ok(Ret::Int(0)));
            let again = b.socket(p, ty);
            assert_eq!(b.call(p, Call::Bind { fd: again, addr: lo(port) }), Ok(Ret::Int(0)));
            assert_eq!(b.call(p, Call::Close { fd: again }), Ok(Ret::Int(0)));
        }
    });
}

/// The state panel's snapshot, read from the real kernel, names what the simulation's names: socket
/// states, queues, the accept queue, epoll interests, pipe contents.
#[test]
fn the_view_of_real_sockets_reads_like_the_simulations() {
    use ioplay::kernel::ObjectView;
    fn scene(b: &mut dyn Backend) -> (Pid, Pid) {
        let (s, c) = (b.spawn(), b.spawn());
        let (lfd, addr) = b.listener(s, SOCK_STREAM);
        let cfd = b.socket(c, SOCK_STREAM);
        b.block(c, Call::Connect { fd: cfd, addr }).unwrap();
        b.send(c, cfd, b"unread", 0).unwrap();
        let extra = b.socket(c, SOCK_STREAM);
        b.block(c, Call::Connect { fd: extra, addr }).unwrap();
        let afd = match b.block(s, Call::Accept4 { fd: lfd, flags: 0 }) {
            Ok(Ret::Accepted { fd, .. }) => fd,
            other => panic!("{other:?}"),
        };
        let ep = b.int(s, Call::EpollCreate1 { flags: 0 }) as i32;
        let ctl = Call::EpollCtl { epfd: ep, op: EPOLL_CTL_ADD, fd: afd, events: EPOLLIN, data: 7 };
        b.call(s, ctl).unwrap();
        let Ok(Ret::Pipe { write, .. }) = b.call(s, Call::Pipe2 { flags: 0 }) else { panic!("pipe") };
        b.call(s, Call::Write { fd: write, data: b"abc".to_vec() }).unwrap();
        b.settle();
        (s, c)
    }
    let mut sim = Sim::fresh();
    let (s, _) = scene(&mut sim);
    let mut native = Native::fresh();
    let (ns, _) = scene(&mut native);
    assert_eq!(s, ns);
    let summary = |v: ioplay::kernel::KernelView| -> Vec<String> {
        let p = v.processes.into_iter().find(|p| p.pid == s).expect("the server");
        p.fds
            .into_iter()
            .map(|f| match f.object {
                ObjectView::Tcp { state, recv_queue, backlog, accept_queue, .. } => {
                    format!("{} tcp {state} rq={recv_queue} backlog={backlog} aq={accept_queue}", f.fd)
                }
                ObjectView::Epoll { interests, .. } => {
                    let i: Vec<String> = interests.iter().map(|i| format!("{}/{}", i.fd, i.data)).collect();
                    format!("{} epoll {i:?}", f.fd)
                }
                other => format!("{} {other:?}", f.fd),
            })
            .collect()
    };
    let expected = [
        "0 Stdin { buffered: 0, eof: false }",
        "1 Stdout { written: 0 }",
        "2 Stdout { written: 0 }",
        "3 tcp Listen rq=0 backlog=16 aq=1",
        "4 tcp Established rq=6 backlog=0 aq=0",
        "5 epoll [\"4/7\"]",
        "6 Pipe { write_end: false, buffered: 3 }",
        "7 Pipe { write_end: true, buffered: 3 }",
    ];
    assert_eq!(summary(native.k.view()), expected);
    assert_eq!(summary(sim.k.view()), expected);
}

#[test]
fn names_resolve_to_this_machine_and_a_torn_down_process_gives_its_fds_back() {
    let mut n = NativeKernel::new();
    assert_eq!(n.resolve("localhost"), Some(Ipv4Addr::LOCALHOST));
    assert_eq!(n.resolve("127.0.0.2"), Some(Ipv4Addr::new(127, 0, 0, 2)));
    assert_eq!(n.resolve("example.org"), None, "no DNS on the native side");
    let pid = n.spawn("h", "p", 0).unwrap();
    let recv = Call::Read { fd: 0, count: 1 };
    assert!(matches!(n.syscall(pid, &recv, 0), Outcome::WouldBlock(_)));
    assert_eq!(n.blocked_in(pid), Some(&recv));
    n.exit_process(pid, ioplay::trace::ProcState::Exited(1));
    assert!(!n.alive(pid));
    assert_eq!(n.blocked_in(pid), None);
    assert_eq!(n.syscall(pid, &Call::Getpid, 0), Outcome::Err(Errno::ESRCH));
}
