//! One test (or a few) per syscall of issue 3, with every errno it names. Errno choices follow what
//! Linux 6.x did for CPython 3.11 on this machine.

mod kernel_support;

use ioplay::kernel::{Kernel, SignalAction, WorldConfig};
use ioplay::sys::consts::*;
use ioplay::sys::{
    Call, Errno, Ipv4Addr, Nanos, Outcome, Pid, PollFd, Ret, SigAction, SigEvent, SigHandler, SocketAddrV4,
    Sqe, UringOp, WaitOn,
};
use kernel_support::{block_on, int, now_call};

const MS: Nanos = 1_000_000;
const SEC: Nanos = 1_000_000_000;

fn lo(port: u16) -> SocketAddrV4 {
    SocketAddrV4::new(Ipv4Addr::LOCALHOST, port)
}

struct T {
    k: Kernel,
    now: Nanos,
}

impl T {
    fn new() -> T {
        T { k: Kernel::new(WorldConfig::single_host()), now: 0 }
    }
    fn spawn(&mut self, name: &str) -> Pid {
        self.k.spawn("localhost", name, self.now).unwrap()
    }
    fn call(&mut self, pid: Pid, call: Call) -> Result<Ret, Errno> {
        now_call(&mut self.k, pid, call, self.now)
    }
    fn raw(&mut self, pid: Pid, call: Call) -> Outcome<Ret> {
        self.k.syscall(pid, &call, self.now)
    }
    fn block(&mut self, pid: Pid, call: Call) -> Result<Ret, Errno> {
        block_on(&mut self.k, &mut self.now, pid, call)
    }
    /// Let the wire and timers run for `d`.
    fn wait(&mut self, d: Nanos) {
        self.now += d;
        self.k.advance(self.now);
    }
    fn tcp(&mut self, pid: Pid, nonblock: bool) -> i32 {
        let ty = SOCK_STREAM | if nonblock { SOCK_NONBLOCK } else { 0 };
        int(self.call(pid, Call::Socket { domain: AF_INET, ty, protocol: 0 })) as i32
    }
    fn udp(&mut self, pid: Pid) -> i32 {
        int(self.call(pid, Call::Socket { domain: AF_INET, ty: SOCK_DGRAM, protocol: 0 })) as i32
    }
    fn listener(&mut self, pid: Pid, port: u16, backlog: i32) -> i32 {
        let fd = self.tcp(pid, false);
        self.call(pid, Call::SetSockOpt { fd, level: SOL_SOCKET, name: SO_REUSEADDR, value: 1 }).unwrap();
        self.call(pid, Call::Bind { fd, addr: lo(port) }).unwrap();
        self.call(pid, Call::Listen { fd, backlog }).unwrap();
        fd
    }
    /// A connected pair: (server pid, accepted fd, client pid, client fd).
    fn pair(&mut self, port: u16) -> (Pid, i32, Pid, i32) {
        let s = self.spawn("server");
        let c = self.spawn("client");
        let l = self.listener(s, port, 5);
        let cfd = self.tcp(c, false);
        // Over loopback the handshake completes inside connect, as on Linux: it never blocks.
        assert_eq!(self.call(c, Call::Connect { fd: cfd, addr: lo(port) }), Ok(Ret::Int(0)));
        let afd = match self.call(s, Call::Accept4 { fd: l, flags: 0 }) {
            Ok(Ret::Accepted { fd, .. }) => fd,
            other => panic!("{other:?}"),
        };
        (s, afd, c, cfd)
    }
    fn send(&mut self, pid: Pid, fd: i32, data: &[u8]) -> Result<Ret, Errno> {
        self.raw_result(pid, Call::SendTo { fd, data: data.to_vec(), flags: 0, addr: None })
    }
    fn raw_result(&mut self, pid: Pid, call: Call) -> Result<Ret, Errno> {
        match self.raw(pid, call) {
            Outcome::Ok(r) => Ok(r),
            Outcome::Err(e) => Err(e),
            Outcome::WouldBlock(w) => panic!("blocked: {w:?}"),
        }
    }
    fn recv(&mut self, pid: Pid, fd: i32, len: usize) -> Result<Vec<u8>, Errno> {
        match self.block(pid, Call::RecvFrom { fd, len, flags: 0 }) {
            Ok(Ret::Recv { data, .. }) => Ok(data),
            Ok(other) => panic!("{other:?}"),
            Err(e) => Err(e),
        }
    }
}

#[test]
fn fds_start_at_three_lowest_free_first_and_emfile_at_1024() {
    let mut t = T::new();
    let p = t.spawn("p");
    assert_eq!(t.tcp(p, false), 3);
    assert_eq!(t.tcp(p, false), 4);
    t.call(p, Call::Close { fd: 3 }).unwrap();
    assert_eq!(t.udp(p), 3, "lowest free fd");
    for fd in 5..1024 {
        assert_eq!(t.tcp(p, false), fd);
    }
    assert_eq!(t.call(p, Call::Socket { domain: AF_INET, ty: SOCK_STREAM, protocol: 0 }), Err(Errno::EMFILE));
    assert_eq!(t.call(p, Call::Pipe2 { flags: 0 }), Err(Errno::EMFILE));
    assert_eq!(t.call(p, Call::Close { fd: 4000 }), Err(Errno::EBADF));
}

/// `accept(2)` takes its fd before it dequeues (Linux's `get_unused_fd_flags` first): at the limit it
/// is EMFILE and the connection waits in the queue until an fd is free.
#[test]
fn accept4_at_the_fd_limit_is_emfile_and_keeps_the_connection() {
    let mut t = T::new();
    let (s, c) = (t.spawn("s"), t.spawn("c"));
    let l = t.listener(s, 8050, 5);
    let cfd = t.tcp(c, false);
    assert_eq!(t.call(c, Call::Connect { fd: cfd, addr: lo(8050) }), Ok(Ret::Int(0)));
    for fd in 4..1024 {
        assert_eq!(t.tcp(s, false), fd);
    }
    assert_eq!(t.call(s, Call::Accept4 { fd: l, flags: 0 }), Err(Errno::EMFILE));
    t.call(s, Call::Close { fd: 1000 }).unwrap();
    assert!(matches!(t.call(s, Call::Accept4 { fd: l, flags: 0 }), Ok(Ret::Accepted { fd: 1000, .. })));
}

#[test]
fn socket_rejects_unknown_family_type_and_protocol() {
    let mut t = T::new();
    let p = t.spawn("p");
    assert_eq!(
        t.call(p, Call::Socket { domain: 10, ty: SOCK_STREAM, protocol: 0 }),
        Err(Errno::EAFNOSUPPORT)
    );
    assert_eq!(t.call(p, Call::Socket { domain: AF_INET, ty: 9, protocol: 0 }), Err(Errno::ESOCKTNOSUPPORT));
    assert_eq!(
        t.call(p, Call::Socket { domain: AF_INET, ty: SOCK_STREAM, protocol: IPPROTO_UDP }),
        Err(Errno::EPROTONOSUPPORT)
    );
}

#[test]
fn bind_conflicts_and_so_reuseaddr() {
    let mut t = T::new();
    let p = t.spawn("p");
    let a = t.tcp(p, false);
    t.call(p, Call::Bind { fd: a, addr: lo(8000) }).unwrap();
    assert_eq!(t.call(p, Call::Bind { fd: a, addr: lo(8001) }), Err(Errno::EINVAL), "already bound");
    let b = t.tcp(p, false);
    assert_eq!(t.call(p, Call::Bind { fd: b, addr: lo(8000) }), Err(Errno::EADDRINUSE));
    let wild = SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, 8000);
    assert_eq!(t.call(p, Call::Bind { fd: b, addr: wild }), Err(Errno::EADDRINUSE), "the wildcard overlaps");
    let far = SocketAddrV4::new(Ipv4Addr::new(8, 8, 8, 8), 8000);
    assert_eq!(t.call(p, Call::Bind { fd: b, addr: far }), Err(Errno::EADDRNOTAVAIL));
    // Both with SO_REUSEADDR and neither listening: allowed. A listener blocks it even then.
    t.call(p, Call::SetSockOpt { fd: a, level: SOL_SOCKET, name: SO_REUSEADDR, value: 1 }).unwrap();
    t.call(p, Call::SetSockOpt { fd: b, level: SOL_SOCKET, name: SO_REUSEADDR, value: 1 }).unwrap();
    t.call(p, Call::Listen { fd: a, backlog: 5 }).unwrap();
    assert_eq!(t.call(p, Call::Bind { fd: b, addr: lo(8000) }), Err(Errno::EADDRINUSE));
}

#[test]
fn time_wait_holds_the_port_unless_so_reuseaddr() {
    let mut t = T::new();
    let (s, afd, c, cfd) = t.pair(8100);
    // The server closes first, so its side ends in TIME_WAIT on port 8100.
    t.call(s, Call::Close { fd: afd }).unwrap();
    t.call(s, Call::Close { fd: 3 }).unwrap();
    t.wait(MS);
    t.call(c, Call::Close { fd: cfd }).unwrap();
    t.wait(MS);
    let plain = t.tcp(s, false);
    assert_eq!(t.call(s, Call::Bind { fd: plain, addr: lo(8100) }), Err(Errno::EADDRINUSE));
    let reuse = t.tcp(s, false);
    t.call(s, Call::SetSockOpt { fd: reuse, level: SOL_SOCKET, name: SO_REUSEADDR, value: 1 }).unwrap();
    assert_eq!(t.call(s, Call::Bind { fd: reuse, addr: lo(8100) }), Ok(Ret::Int(0)));
    t.call(s, Call::Close { fd: reuse }).unwrap();
    t.wait(61 * SEC);
    assert_eq!(t.call(s, Call::Bind { fd: plain, addr: lo(8100) }), Ok(Ret::Int(0)), "TIME_WAIT is over");
}

#[test]
fn listen_backlog_overflow_drops_syns_until_accept_makes_room() {
    let mut t = T::new();
    let s = t.spawn("server");
    let c = t.spawn("client");
    let l = t.listener(s, 8200, 0); // room for backlog + 1 = 1 connection
    let a = t.tcp(c, true);
    let b = t.tcp(c, true);
    assert_eq!(t.raw(c, Call::Connect { fd: a, addr: lo(8200) }), Outcome::Err(Errno::EINPROGRESS));
    assert_eq!(t.raw(c, Call::Connect { fd: b, addr: lo(8200) }), Outcome::Err(Errno::EINPROGRESS));
    t.wait(MS);
    assert_eq!(t.raw(c, Call::Connect { fd: a, addr: lo(8200) }), Outcome::Ok(Ret::Int(0)));
    assert_eq!(
        t.raw(c, Call::Connect { fd: b, addr: lo(8200) }),
        Outcome::Err(Errno::EALREADY),
        "SYN dropped"
    );
    assert!(matches!(t.call(s, Call::Accept4 { fd: l, flags: 0 }), Ok(Ret::Accepted { .. })));
    t.wait(SEC + MS); // the client's SYN retransmission timer (1 s)
    assert_eq!(t.raw(c, Call::Connect { fd: b, addr: lo(8200) }), Outcome::Ok(Ret::Int(0)));
    assert_eq!(t.raw(c, Call::Connect { fd: b, addr: lo(8200) }), Outcome::Err(Errno::EISCONN));
    let drops = t.k.drain_events().iter().filter(|e| format!("{:?}", e.kind).contains("Dropped")).count();
    assert_eq!(drops, 1);
}

#[test]
fn accept4_errors_and_flags() {
    let mut t = T::new();
    let s = t.spawn("s");
    let fd = t.tcp(s, true);
    assert_eq!(t.call(s, Call::Accept4 { fd, flags: 0 }), Err(Errno::EINVAL), "not listening");
    t.call(s, Call::Listen { fd, backlog: 1 }).unwrap();
    assert_eq!(t.call(s, Call::Accept4 { fd, flags: SOCK_CLOEXEC }), Err(Errno::EAGAIN));
    assert_eq!(t.call(s, Call::Accept4 { fd, flags: 0x1 }), Err(Errno::EINVAL));
    let u = t.udp(s);
    assert_eq!(t.call(s, Call::Accept4 { fd: u, flags: 0 }), Err(Errno::EOPNOTSUPP));
    assert_eq!(t.call(s, Call::Listen { fd: u, backlog: 1 }), Err(Errno::EOPNOTSUPP));
    assert_eq!(t.call(s, Call::Accept4 { fd: 0, flags: 0 }), Err(Errno::ENOTSOCK));
    assert_eq!(t.call(s, Call::Accept4 { fd: 99, flags: 0 }), Err(Errno::EBADF));
    let text = ioplay::trace::strace(&t.k.drain_events(), false);
    assert!(
        text.contains(
            "accept4(3, NULL, NULL, SOCK_CLOEXEC)    = -1 EAGAIN (Resource temporarily unavailable)"
        ),
        "{text}"
    );
}

#[test]
fn connect_refused_blocking_and_nonblocking() {
    let mut t = T::new();
    let c = t.spawn("c");
    let fd = t.tcp(c, false);
    assert_eq!(t.block(c, Call::Connect { fd, addr: lo(9) }), Err(Errno::ECONNREFUSED));
    let nb = t.tcp(c, true);
    // As Linux: the RST is in before the first call returns (EINPROGRESS all the same); the refusal is
    // reported once, then connect starts over.
    assert_eq!(t.call(c, Call::Connect { fd: nb, addr: lo(9) }), Err(Errno::EINPROGRESS));
    assert_eq!(t.call(c, Call::Connect { fd: nb, addr: lo(9) }), Err(Errno::ECONNREFUSED));
    assert_eq!(t.call(c, Call::Connect { fd: nb, addr: lo(9) }), Err(Errno::EINPROGRESS));
    let so_error = t.call(c, Call::GetSockOpt { fd: nb, level: SOL_SOCKET, name: SO_ERROR });
    assert_eq!(so_error, Ok(Ret::Int(111)));
    assert_eq!(t.call(c, Call::GetSockOpt { fd: nb, level: SOL_SOCKET, name: SO_ERROR }), Ok(Ret::Int(0)));
    let far = SocketAddrV4::new(Ipv4Addr::new(10, 9, 9, 9), 80);
    let nb2 = t.tcp(c, true);
    assert_eq!(t.call(c, Call::Connect { fd: nb2, addr: far }), Err(Errno::ENETUNREACH));
    let events = t.k.drain_events();
    let rst = events.iter().filter(|e| format!("{:?}", e.kind).contains("what: \"R.\"")).count();
    assert_eq!(rst, 3, "each SYN to a closed port is answered by RST");
}

#[test]
fn connect_handshake_and_nonblocking_so_error() {
    let mut t = T::new();
    let s = t.spawn("s");
    let c = t.spawn("c");
    let l = t.listener(s, 8300, 5);
    let fd = t.tcp(c, true);
    assert_eq!(t.call(c, Call::Connect { fd, addr: lo(8300) }), Err(Errno::EINPROGRESS));
    t.wait(MS);
    let ready =
        t.call(c, Call::Poll { fds: vec![PollFd { fd, events: POLLOUT, revents: 0 }], timeout_ms: 0 });
    assert!(matches!(ready, Ok(Ret::Polled(ref v)) if v[0].revents & POLLOUT != 0), "{ready:?}");
    assert_eq!(t.call(c, Call::GetSockOpt { fd, level: SOL_SOCKET, name: SO_ERROR }), Ok(Ret::Int(0)));
    let listener = t.call(s, Call::Connect { fd: l, addr: lo(8300) });
    assert_eq!(listener, Err(Errno::EISCONN));
    let segs: Vec<String> =
        t.k.drain_events()
            .iter()
            .filter_map(|e| match &e.kind {
                ioplay::trace::Kind::Segment { what, .. } => Some(what.clone()),
                _ => None,
            })
            .collect();
    assert_eq!(segs, ["S", "S.", "."], "the three-way handshake");
}

#[test]
fn recv_at_most_n_then_eof_and_shutdown() {
    let mut t = T::new();
    let (s, afd, c, cfd) = t.pair(8400);
    let ignore = Some(SigAction { handler: SigHandler::Ignore, flags: 0, mask: 0 });
    t.call(c, Call::RtSigaction { sig: SIGPIPE, action: ignore }).unwrap(); // as CPython does
    assert_eq!(t.send(c, cfd, b"hello world"), Ok(Ret::Int(11)));
    assert_eq!(t.recv(s, afd, 5), Ok(b"hello".to_vec()));
    assert_eq!(t.recv(s, afd, 100), Ok(b" world".to_vec()));
    assert_eq!(t.call(c, Call::Shutdown { fd: cfd, how: SHUT_WR }), Ok(Ret::Int(0)));
    assert_eq!(t.recv(s, afd, 100), Ok(Vec::new()), "EOF after FIN");
    assert_eq!(t.send(c, cfd, b"x"), Err(Errno::EPIPE), "writing after SHUT_WR");
    assert_eq!(t.call(c, Call::Shutdown { fd: cfd, how: 7 }), Err(Errno::EINVAL));
    let fresh = t.tcp(c, false);
    assert_eq!(t.call(c, Call::RecvFrom { fd: fresh, len: 1, flags: 0 }), Err(Errno::ENOTCONN));
    assert_eq!(t.call(c, Call::RecvFrom { fd: fresh, len: 0, flags: 0 }), Err(Errno::ENOTCONN), "len 0 too");
    // As Linux's `inet_shutdown`: ENOTCONN, yet the directions are shut, so a read now sees EOF.
    assert_eq!(t.call(c, Call::Shutdown { fd: fresh, how: SHUT_RDWR }), Err(Errno::ENOTCONN));
    assert_eq!(t.recv(c, fresh, 1), Ok(Vec::new()));
    assert_eq!(t.send(c, fresh, b"x"), Err(Errno::EPIPE), "send on a never-connected socket");
    // The server still writes (half-close), and the client still reads.
    assert_eq!(t.send(s, afd, b"bye"), Ok(Ret::Int(3)));
    assert_eq!(t.recv(c, cfd, 10), Ok(b"bye".to_vec()));
}

#[test]
fn close_with_unread_data_resets_the_peer() {
    let mut t = T::new();
    let (s, afd, c, cfd) = t.pair(8500);
    t.send(c, cfd, b"abc").unwrap();
    t.wait(MS);
    t.call(s, Call::Close { fd: afd }).unwrap();
    t.wait(MS);
    assert_eq!(t.recv(c, cfd, 10), Err(Errno::ECONNRESET));
    assert_eq!(t.recv(c, cfd, 10), Ok(Vec::new()));
    assert_eq!(t.send(c, cfd, b"x"), Err(Errno::EPIPE));
}

#[test]
fn writing_to_a_closed_peer_gives_epipe_and_sigpipe() {
    let mut t = T::new();
    let (s, afd, c, cfd) = t.pair(8600);
    t.call(s, Call::Close { fd: afd }).unwrap();
    t.wait(MS);
    // As Linux: the first write is accepted (the peer answers RST), the next is EPIPE with SIGPIPE.
    assert_eq!(t.send(c, cfd, b"a"), Ok(Ret::Int(1)));
    t.wait(MS);
    t.call(
        c,
        Call::RtSigaction {
            sig: SIGPIPE,
            action: Some(SigAction { handler: SigHandler::Handler(1), flags: 0, mask: 0 }),
        },
    )
    .unwrap();
    assert_eq!(t.send(c, cfd, b"a"), Err(Errno::EPIPE));
    assert_eq!(t.k.take_signal(c), Some(SignalAction::Handler { sig: SIGPIPE, handler: 1 }));
    assert_eq!(t.recv(c, cfd, 10), Ok(Vec::new()));
    // With the default action, SIGPIPE kills.
    t.call(c, Call::RtSigaction { sig: SIGPIPE, action: Some(SigAction::default()) }).unwrap();
    assert_eq!(t.send(c, cfd, b"a"), Err(Errno::EPIPE));
    assert_eq!(t.k.take_signal(c), Some(SignalAction::Terminated(SIGPIPE)));
    assert!(!t.k.process(c).unwrap().alive);
    // MSG_NOSIGNAL: no signal.
    let (_s2, afd2, c2, cfd2) = t.pair(8601);
    let _ = afd2;
    t.call(c2, Call::Shutdown { fd: cfd2, how: SHUT_WR }).unwrap();
    let r = t.raw_result(c2, Call::SendTo { fd: cfd2, data: b"x".to_vec(), flags: MSG_NOSIGNAL, addr: None });
    assert_eq!(r, Err(Errno::EPIPE));
    assert_eq!(t.k.take_signal(c2), None);
}

#[test]
fn send_is_partial_when_the_send_buffer_fills() {
    let mut t = T::new();
    let (s, afd, c, cfd) = t.pair(8700);
    t.call(c, Call::Fcntl { fd: cfd, cmd: F_SETFL, arg: O_NONBLOCK }).unwrap();
    let big = vec![7u8; 1 << 20];
    let mut sent = 0;
    let mut partial = false;
    loop {
        match t.send(c, cfd, &big) {
            Ok(Ret::Int(n)) => {
                sent += n as usize;
                partial |= (n as usize) < big.len();
            }
            Err(Errno::EAGAIN) => break,
            other => panic!("{other:?}"),
        }
        t.wait(MS);
    }
    assert!(partial);
    // Receive buffer (131072) plus send buffer (16384) hold what the reader has not read.
    assert_eq!(sent, 131072 + 16384);
    let mut got = 0;
    while got < sent {
        got += t.recv(s, afd, 65536).unwrap().len();
    }
    t.wait(MS);
    assert!(matches!(t.send(c, cfd, b"more"), Ok(Ret::Int(4))), "room again after the reader read");
}

#[test]
fn blocking_send_waits_for_room_and_sends_everything() {
    let mut t = T::new();
    let (s, afd, c, cfd) = t.pair(8750);
    let big = vec![1u8; 400_000];
    let call = Call::SendTo { fd: cfd, data: big.clone(), flags: 0, addr: None };
    assert!(matches!(t.raw(c, call.clone()), Outcome::WouldBlock(WaitOn::Writable(_))));
    let mut got = 0;
    let mut done = false;
    while got < big.len() {
        got += t.recv(s, afd, 100_000).unwrap().len();
        t.wait(MS);
        if !done {
            if let Outcome::Ok(r) = t.raw(c, call.clone()) {
                assert_eq!(r, Ret::Int(400_000));
                done = true;
            }
        }
    }
    assert!(done);
    let enters =
        t.k.drain_events()
            .iter()
            .filter(|e| matches!(&e.kind, ioplay::trace::Kind::SyscallEnter { name, .. } if name == "sendto"))
            .count();
    assert_eq!(enters, 1, "one sendto however often it was retried");
}

#[test]
fn names_and_options() {
    let mut t = T::new();
    let (s, afd, c, cfd) = t.pair(8800);
    let local = t.call(c, Call::GetSockName { fd: cfd });
    let peer = t.call(s, Call::GetPeerName { fd: afd });
    assert_eq!(local, peer);
    assert_eq!(t.call(c, Call::GetPeerName { fd: cfd }), Ok(Ret::Addr(lo(8800))));
    let fresh = t.tcp(c, false);
    let any = SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, 0);
    assert_eq!(t.call(c, Call::GetSockName { fd: fresh }), Ok(Ret::Addr(any)));
    assert_eq!(t.call(c, Call::GetPeerName { fd: fresh }), Err(Errno::ENOTCONN));
    let get = |t: &mut T, name| t.call(c, Call::GetSockOpt { fd: fresh, level: SOL_SOCKET, name });
    assert_eq!(get(&mut t, SO_SNDBUF), Ok(Ret::Int(16384)));
    assert_eq!(get(&mut t, SO_RCVBUF), Ok(Ret::Int(131072)));
    t.call(c, Call::SetSockOpt { fd: fresh, level: SOL_SOCKET, name: SO_RCVBUF, value: 1000 }).unwrap();
    t.call(c, Call::SetSockOpt { fd: fresh, level: SOL_SOCKET, name: SO_SNDBUF, value: 100000 }).unwrap();
    assert_eq!(get(&mut t, SO_RCVBUF), Ok(Ret::Int(2304)));
    assert_eq!(get(&mut t, SO_SNDBUF), Ok(Ret::Int(200000)));
    t.call(c, Call::SetSockOpt { fd: fresh, level: IPPROTO_TCP, name: TCP_NODELAY, value: 1 }).unwrap();
    assert_eq!(
        t.call(c, Call::GetSockOpt { fd: fresh, level: IPPROTO_TCP, name: TCP_NODELAY }),
        Ok(Ret::Int(1))
    );
    assert_eq!(get(&mut t, 999), Err(Errno::ENOPROTOOPT));
    let u = t.udp(c);
    assert_eq!(
        t.call(c, Call::GetSockOpt { fd: u, level: SOL_SOCKET, name: SO_RCVBUF }),
        Ok(Ret::Int(212992))
    );
}

#[test]
fn fcntl_and_ioctl_flags() {
    let mut t = T::new();
    let p = t.spawn("p");
    let fd = t.tcp(p, false);
    assert_eq!(t.call(p, Call::Fcntl { fd, cmd: F_GETFL, arg: 0 }), Ok(Ret::Int(O_RDWR)));
    t.call(p, Call::Fcntl { fd, cmd: F_SETFL, arg: O_RDWR | O_NONBLOCK | O_ASYNC }).unwrap();
    assert_eq!(
        t.call(p, Call::Fcntl { fd, cmd: F_GETFL, arg: 0 }),
        Ok(Ret::Int(O_RDWR | O_NONBLOCK | O_ASYNC))
    );
    assert_eq!(t.call(p, Call::RecvFrom { fd, len: 1, flags: 0 }), Err(Errno::ENOTCONN));
    t.call(p, Call::Ioctl { fd, request: FIONBIO, arg: 0 }).unwrap();
    t.call(p, Call::Ioctl { fd, request: FIOASYNC, arg: 0 }).unwrap();
    assert_eq!(t.call(p, Call::Fcntl { fd, cmd: F_GETFL, arg: 0 }), Ok(Ret::Int(O_RDWR)));
    t.call(p, Call::Fcntl { fd, cmd: F_SETOWN, arg: p as i64 }).unwrap();
    assert_eq!(t.call(p, Call::Fcntl { fd, cmd: F_GETOWN, arg: 0 }), Ok(Ret::Int(p as i64)));
    assert_eq!(t.call(p, Call::Fcntl { fd, cmd: F_SETOWN, arg: 4242 }), Err(Errno::ESRCH));
    t.call(p, Call::Fcntl { fd, cmd: F_SETSIG, arg: SIGUSR1 as i64 }).unwrap();
    assert_eq!(t.call(p, Call::Fcntl { fd, cmd: F_GETSIG, arg: 0 }), Ok(Ret::Int(SIGUSR1 as i64)));
    assert_eq!(t.call(p, Call::Fcntl { fd, cmd: F_SETSIG, arg: 99 }), Err(Errno::EINVAL));
    assert_eq!(t.call(p, Call::Fcntl { fd, cmd: 999, arg: 0 }), Err(Errno::EINVAL));
    assert_eq!(t.call(p, Call::Fcntl { fd: 77, cmd: F_GETFL, arg: 0 }), Err(Errno::EBADF));
    assert_eq!(t.call(p, Call::Ioctl { fd: 0, request: 0x5401, arg: 0 }), Err(Errno::ENOTTY));
    t.k.feed_stdin(p, b"abc");
    assert_eq!(t.call(p, Call::Ioctl { fd: 0, request: FIONREAD, arg: 0 }), Ok(Ret::Int(3)));
}

#[test]
fn stdin_stdout_and_pipes() {
    let mut t = T::new();
    let p = t.spawn("p");
    assert!(matches!(t.raw(p, Call::Read { fd: 0, count: 10 }), Outcome::WouldBlock(WaitOn::Readable(0))));
    t.k.feed_stdin(p, b"hi\n");
    assert_eq!(t.block(p, Call::Read { fd: 0, count: 10 }), Ok(Ret::Bytes(b"hi\n".to_vec())));
    t.k.close_stdin(p);
    assert_eq!(t.block(p, Call::Read { fd: 0, count: 10 }), Ok(Ret::Bytes(Vec::new())));
    assert_eq!(t.call(p, Call::Write { fd: 1, data: b"out".to_vec() }), Ok(Ret::Int(3)));
    assert_eq!(t.call(p, Call::Write { fd: 2, data: b"err".to_vec() }), Ok(Ret::Int(3)));
    assert_eq!(t.k.stdout(p), b"out");
    assert_eq!(t.k.stderr(p), b"err");
    assert_eq!(t.call(p, Call::Write { fd: 0, data: b"x".to_vec() }), Err(Errno::EBADF));
    let Ok(Ret::Pipe { read, write }) = t.call(p, Call::Pipe2 { flags: O_NONBLOCK as i32 }) else { panic!() };
    assert_eq!((read, write), (3, 4));
    assert_eq!(t.call(p, Call::Read { fd: read, count: 4 }), Err(Errno::EAGAIN));
    t.call(p, Call::Write { fd: write, data: b"ping".to_vec() }).unwrap();
    assert_eq!(t.block(p, Call::Read { fd: read, count: 10 }), Ok(Ret::Bytes(b"ping".to_vec())));
    assert_eq!(t.call(p, Call::Read { fd: write, count: 1 }), Err(Errno::EBADF));
    t.call(p, Call::Close { fd: write }).unwrap();
    assert_eq!(t.call(p, Call::Read { fd: read, count: 1 }), Ok(Ret::Bytes(Vec::new())), "EOF");
    let Ok(Ret::Pipe { read, write }) = t.call(p, Call::Pipe2 { flags: 0 }) else { panic!() };
    t.call(
        p,
        Call::RtSigaction {
            sig: SIGPIPE,
            action: Some(SigAction { handler: SigHandler::Ignore, flags: 0, mask: 0 }),
        },
    )
    .unwrap();
    t.call(p, Call::Close { fd: read }).unwrap();
    assert_eq!(t.call(p, Call::Write { fd: write, data: b"x".to_vec() }), Err(Errno::EPIPE));
    assert_eq!(t.call(p, Call::Pipe2 { flags: 1 }), Err(Errno::EINVAL));
}

#[test]
fn select_value_result_timeout_and_fd_setsize() {
    let mut t = T::new();
    let (s, afd, c, cfd) = t.pair(8900);
    let sel = |fds: Vec<i32>, timeout| Call::Select {
        nfds: 1024,
        read: fds,
        write: vec![],
        except: vec![],
        timeout,
    };
    let start = t.now;
    assert_eq!(
        t.block(s, sel(vec![afd], Some(500 * MS))),
        Ok(Ret::Selected { read: vec![], write: vec![], except: vec![] })
    );
    assert_eq!(t.now, start + 500 * MS, "returned at its timeout");
    t.send(c, cfd, b"x").unwrap();
    assert_eq!(
        t.block(s, sel(vec![0, afd], None)),
        Ok(Ret::Selected { read: vec![afd], write: vec![], except: vec![] })
    );
    let w = Call::Select { nfds: afd + 1, read: vec![], write: vec![afd], except: vec![], timeout: Some(0) };
    assert_eq!(t.call(s, w), Ok(Ret::Selected { read: vec![], write: vec![afd], except: vec![] }));
    let too_many =
        Call::Select { nfds: 1025, read: vec![3], write: vec![], except: vec![], timeout: Some(0) };
    assert_eq!(t.call(s, too_many), Err(Errno::EINVAL), "FD_SETSIZE is 1024");
    assert_eq!(t.call(s, sel(vec![77], Some(0))), Err(Errno::EBADF));
    // Twice for the select that timed out, once for the one that found the byte already there.
    assert_eq!(t.k.counters(s).fds_scanned, 1024 * 3 + 5, "select scans nfds bits each time it looks");
}

#[test]
fn poll_reports_revents_and_pollnval() {
    let mut t = T::new();
    let (s, afd, c, cfd) = t.pair(9000);
    let fds =
        vec![PollFd { fd: afd, events: POLLIN, revents: 0 }, PollFd { fd: 55, events: POLLIN, revents: 0 }];
    let r = t.call(s, Call::Poll { fds: fds.clone(), timeout_ms: 0 }).unwrap();
    assert_eq!(r, Ret::Polled(vec![PollFd { revents: 0, ..fds[0] }, PollFd { revents: POLLNVAL, ..fds[1] }]));
    t.send(c, cfd, b"x").unwrap();
    let r = t.block(s, Call::Poll { fds: fds[..1].to_vec(), timeout_ms: -1 }).unwrap();
    assert_eq!(r, Ret::Polled(vec![PollFd { revents: POLLIN, ..fds[0] }]));
    let r =
        t.block(s, Call::Poll { fds: vec![PollFd { fd: cfd, events: POLLIN, revents: 0 }], timeout_ms: 0 });
    assert!(r.is_ok());
}

#[test]
fn epoll_level_edge_and_oneshot() {
    let mut t = T::new();
    let (s, afd, c, cfd) = t.pair(9100);
    let ep = int(t.call(s, Call::EpollCreate1 { flags: EPOLL_CLOEXEC })) as i32;
    let ctl = |op, events| Call::EpollCtl { epfd: ep, op, fd: afd, events, data: 42 };
    t.call(s, ctl(EPOLL_CTL_ADD, EPOLLIN)).unwrap();
    assert_eq!(t.call(s, ctl(EPOLL_CTL_ADD, EPOLLIN)), Err(Errno::EEXIST));
    let wait = |timeout_ms| Call::EpollWait { epfd: ep, maxevents: 8, timeout_ms };
    assert_eq!(t.block(s, wait(100)), Ok(Ret::Epoll(vec![])));
    t.send(c, cfd, b"abcdef").unwrap();
    let hit = Ret::Epoll(vec![ioplay::sys::EpollEvent { events: EPOLLIN, data: 42 }]);
    assert_eq!(t.block(s, wait(-1)), Ok(hit.clone()));
    assert_eq!(t.call(s, wait(0)), Ok(hit.clone()), "level-triggered: still readable, reported again");
    t.call(s, ctl(EPOLL_CTL_MOD, EPOLLIN | EPOLLET)).unwrap();
    assert_eq!(t.call(s, wait(0)), Ok(hit.clone()), "MOD re-arms a ready fd");
    assert_eq!(t.call(s, wait(0)), Ok(Ret::Epoll(vec![])), "edge-triggered: once per edge");
    t.send(c, cfd, b"more").unwrap();
    assert_eq!(t.block(s, wait(-1)), Ok(hit.clone()), "a new arrival is a new edge");
    t.call(s, ctl(EPOLL_CTL_MOD, EPOLLIN | EPOLLONESHOT)).unwrap();
    assert_eq!(t.call(s, wait(0)), Ok(hit.clone()));
    t.send(c, cfd, b"again").unwrap();
    t.wait(MS);
    assert_eq!(t.call(s, wait(0)), Ok(Ret::Epoll(vec![])), "oneshot: disabled until MOD");
    t.call(s, ctl(EPOLL_CTL_DEL, 0)).unwrap();
    assert_eq!(t.call(s, ctl(EPOLL_CTL_DEL, 0)), Err(Errno::ENOENT));
    assert_eq!(t.call(s, ctl(EPOLL_CTL_MOD, EPOLLIN)), Err(Errno::ENOENT));
    assert_eq!(
        t.call(s, Call::EpollCtl { epfd: ep, op: EPOLL_CTL_ADD, fd: ep, events: EPOLLIN, data: 0 }),
        Err(Errno::EINVAL)
    );
    assert_eq!(
        t.call(s, Call::EpollCtl { epfd: afd, op: EPOLL_CTL_ADD, fd: ep, events: EPOLLIN, data: 0 }),
        Err(Errno::EINVAL)
    );
    assert_eq!(t.call(s, Call::EpollWait { epfd: ep, maxevents: 0, timeout_ms: 0 }), Err(Errno::EINVAL));
    assert_eq!(t.k.counters(s).epoll_ready_hits, 5);
    // Closing a registered fd removes its interest.
    t.call(s, ctl(EPOLL_CTL_ADD, EPOLLIN)).unwrap();
    t.call(s, Call::Close { fd: afd }).unwrap();
    assert_eq!(t.call(s, wait(0)), Ok(Ret::Epoll(vec![])));
}

#[test]
fn signals_interrupt_or_restart_blocked_calls() {
    let mut t = T::new();
    let (s, afd, c, cfd) = t.pair(9200);
    let handler = |flags| Some(SigAction { handler: SigHandler::Handler(7), flags, mask: 0 });
    t.call(s, Call::RtSigaction { sig: SIGUSR1, action: handler(0) }).unwrap();
    let recv = Call::RecvFrom { fd: afd, len: 10, flags: 0 };
    assert!(matches!(t.raw(s, recv.clone()), Outcome::WouldBlock(_)));
    t.call(c, Call::Kill { pid: s, sig: SIGUSR1 }).unwrap();
    assert!(t.k.poll_wait(s, &WaitOn::Readable(afd), t.now), "a signal ends the wait");
    assert_eq!(t.raw(s, recv.clone()), Outcome::Err(Errno::EINTR));
    assert_eq!(t.k.take_signal(s), Some(SignalAction::Handler { sig: SIGUSR1, handler: 7 }));
    // With SA_RESTART the call is restarted after the handler.
    t.call(s, Call::RtSigaction { sig: SIGUSR1, action: handler(SA_RESTART) }).unwrap();
    assert!(matches!(t.raw(s, recv.clone()), Outcome::WouldBlock(_)));
    t.call(c, Call::Kill { pid: s, sig: SIGUSR1 }).unwrap();
    assert!(matches!(t.raw(s, recv.clone()), Outcome::WouldBlock(_)));
    assert!(t.k.take_signal(s).is_some());
    t.send(c, cfd, b"ok").unwrap();
    assert!(matches!(t.block(s, recv.clone()), Ok(Ret::Recv { .. })));
    let text = ioplay::trace::strace(&t.k.drain_events(), false);
    assert!(text.contains("= ? ERESTARTSYS (To be restarted if SA_RESTART is set)"), "{text}");
    assert!(text.contains("= -1 EINTR (Interrupted system call)"), "{text}");
    assert!(
        text.contains(&format!(
            "--- SIGUSR1 {{si_signo=SIGUSR1, si_code=SI_USER, si_pid={c}, si_uid=0}} ---"
        )),
        "{text}"
    );
    // Blocked signals stay pending; select is never restarted.
    t.call(s, Call::RtSigprocmask { how: SIG_BLOCK, set: Some(1 << (SIGUSR1 - 1)) }).unwrap();
    t.call(c, Call::Kill { pid: s, sig: SIGUSR1 }).unwrap();
    assert!(!t.k.signal_deliverable(s));
    let sel = Call::Select { nfds: 10, read: vec![afd], write: vec![], except: vec![], timeout: None };
    assert!(matches!(t.raw(s, sel.clone()), Outcome::WouldBlock(_)));
    t.call(s, Call::RtSigprocmask { how: SIG_UNBLOCK, set: Some(1 << (SIGUSR1 - 1)) }).unwrap_err_or_ok();
}

trait Loose {
    fn unwrap_err_or_ok(self);
}
impl<T: std::fmt::Debug> Loose for Result<T, Errno> {
    fn unwrap_err_or_ok(self) {}
}

#[test]
fn kill_and_sigaction_errors() {
    let mut t = T::new();
    let p = t.spawn("p");
    assert_eq!(t.call(p, Call::Kill { pid: 4242, sig: SIGINT }), Err(Errno::ESRCH));
    assert_eq!(t.call(p, Call::Kill { pid: p, sig: 99 }), Err(Errno::EINVAL));
    assert_eq!(t.call(p, Call::Kill { pid: p, sig: 0 }), Ok(Ret::Int(0)));
    let act = Some(SigAction { handler: SigHandler::Ignore, flags: 0, mask: 0 });
    assert_eq!(t.call(p, Call::RtSigaction { sig: SIGKILL, action: act }), Err(Errno::EINVAL));
    assert_eq!(t.call(p, Call::RtSigaction { sig: 0, action: None }), Err(Errno::EINVAL));
    assert_eq!(t.call(p, Call::RtSigprocmask { how: 9, set: Some(0) }), Err(Errno::EINVAL));
    // SIGINT's default action ends the process.
    t.call(p, Call::Kill { pid: p, sig: SIGINT }).unwrap();
    assert_eq!(t.k.take_signal(p), Some(SignalAction::Terminated(SIGINT)));
    assert_eq!(t.raw(p, Call::Getpid), Outcome::Err(Errno::ESRCH));
}

#[test]
fn alarm_and_setitimer_raise_sigalrm() {
    let mut t = T::new();
    let p = t.spawn("p");
    let h = Some(SigAction { handler: SigHandler::Handler(1), flags: 0, mask: 0 });
    t.call(p, Call::RtSigaction { sig: SIGALRM, action: h }).unwrap();
    assert_eq!(t.call(p, Call::Alarm { seconds: 2 }), Ok(Ret::Int(0)));
    t.wait(SEC / 2);
    assert_eq!(t.call(p, Call::Alarm { seconds: 2 }), Ok(Ret::Int(2)), "1.5 s left, rounded up");
    assert_eq!(t.block(p, Call::Pause), Err(Errno::EINTR));
    assert_eq!(t.now, SEC / 2 + 2 * SEC);
    assert_eq!(t.k.take_signal(p), Some(SignalAction::Handler { sig: SIGALRM, handler: 1 }));
    t.call(p, Call::Setitimer { which: ITIMER_REAL, value: 100 * MS, interval: 100 * MS }).unwrap();
    for _ in 0..3 {
        assert_eq!(
            t.block(p, Call::Nanosleep { duration: SEC }),
            Err(Errno::EINTR),
            "nanosleep is not restarted"
        );
        assert!(t.k.take_signal(p).is_some());
    }
    assert_eq!(t.call(p, Call::Setitimer { which: 1, value: 0, interval: 0 }), Err(Errno::EINVAL));
}

#[test]
fn sigio_on_arrival_with_o_async() {
    let mut t = T::new();
    let p = t.spawn("p");
    let q = t.spawn("q");
    let u = t.udp(p);
    t.call(p, Call::Bind { fd: u, addr: lo(9300) }).unwrap();
    let h = Some(SigAction { handler: SigHandler::Handler(3), flags: 0, mask: 0 });
    t.call(p, Call::RtSigaction { sig: SIGIO, action: h }).unwrap();
    t.call(p, Call::Fcntl { fd: u, cmd: F_SETOWN, arg: p as i64 }).unwrap();
    t.call(p, Call::Fcntl { fd: u, cmd: F_SETFL, arg: O_ASYNC | O_NONBLOCK }).unwrap();
    let v = t.udp(q);
    t.call(q, Call::SendTo { fd: v, data: b"dgram".to_vec(), flags: 0, addr: Some(lo(9300)) }).unwrap();
    // Over loopback the datagram is in before sendto returns, and so is the signal.
    assert_eq!(t.k.take_signal(p), Some(SignalAction::Handler { sig: SIGIO, handler: 3 }));
    assert_eq!(t.k.take_signal(p), None);
}

#[test]
fn udp_datagrams_keep_boundaries_and_senders() {
    let mut t = T::new();
    let p = t.spawn("p");
    let q = t.spawn("q");
    let u = t.udp(p);
    t.call(p, Call::Bind { fd: u, addr: lo(9400) }).unwrap();
    let v = t.udp(q);
    assert_eq!(
        t.call(q, Call::SendTo { fd: v, data: b"x".to_vec(), flags: 0, addr: None }),
        Err(Errno::EDESTADDRREQ)
    );
    for msg in [&b"hello world"[..], b"two"] {
        t.call(q, Call::SendTo { fd: v, data: msg.to_vec(), flags: 0, addr: Some(lo(9400)) }).unwrap();
    }
    let sender = match t.call(q, Call::GetSockName { fd: v }) {
        Ok(Ret::Addr(a)) => SocketAddrV4::new(Ipv4Addr::LOCALHOST, a.port()),
        other => panic!("{other:?}"),
    };
    let r = t.block(p, Call::RecvFrom { fd: u, len: 5, flags: 0 });
    assert_eq!(r, Ok(Ret::Recv { data: b"hello".to_vec(), from: Some(sender) }), "truncated, rest dropped");
    let r = t.block(p, Call::RecvFrom { fd: u, len: 100, flags: 0 });
    assert_eq!(r, Ok(Ret::Recv { data: b"two".to_vec(), from: Some(sender) }));
    let r = t.raw(p, Call::RecvFrom { fd: u, len: 100, flags: MSG_DONTWAIT });
    assert_eq!(r, Outcome::Err(Errno::EAGAIN));
    let huge = vec![0; 70000];
    assert_eq!(
        t.call(q, Call::SendTo { fd: v, data: huge, flags: 0, addr: Some(lo(9400)) }),
        Err(Errno::EMSGSIZE)
    );
}

#[test]
fn aio_read_kernel_does_both_phases_then_signals() {
    let mut t = T::new();
    let p = t.spawn("p");
    let q = t.spawn("q");
    let u = t.udp(p);
    t.call(p, Call::Bind { fd: u, addr: lo(9500) }).unwrap();
    let h = Some(SigAction { handler: SigHandler::Handler(5), flags: 0, mask: 0 });
    t.call(p, Call::RtSigaction { sig: SIGIO, action: h }).unwrap();
    let cb = 0xcb;
    assert_eq!(
        t.call(p, Call::AioRead { cb, fd: u, nbytes: 100, notify: SigEvent::Signal(SIGIO) }),
        Ok(Ret::Int(0))
    );
    assert_eq!(t.call(p, Call::AioError { cb }), Ok(Ret::Int(115)), "EINPROGRESS");
    assert_eq!(t.call(p, Call::AioReturn { cb }), Err(Errno::EINVAL));
    let v = t.udp(q);
    t.call(q, Call::SendTo { fd: v, data: b"async".to_vec(), flags: 0, addr: Some(lo(9500)) }).unwrap();
    assert_eq!(t.block(p, Call::AioSuspend { cbs: vec![cb], timeout: None }), Ok(Ret::Int(0)));
    assert_eq!(t.k.take_signal(p), Some(SignalAction::Handler { sig: SIGIO, handler: 5 }));
    assert_eq!(t.call(p, Call::AioError { cb }), Ok(Ret::Int(0)));
    assert_eq!(t.call(p, Call::AioReturn { cb }), Ok(Ret::Bytes(b"async".to_vec())));
    assert_eq!(t.call(p, Call::AioError { cb }), Err(Errno::EINVAL));
    let r = t.block(p, Call::AioRead { cb: 2, fd: u, nbytes: 1, notify: SigEvent::None });
    assert_eq!(r, Ok(Ret::Int(0)));
    assert_eq!(t.block(p, Call::AioSuspend { cbs: vec![2], timeout: Some(10 * MS) }), Err(Errno::EAGAIN));
}

#[test]
fn io_uring_recv_accept_poll_and_timeout() {
    let mut t = T::new();
    let s = t.spawn("s");
    let c = t.spawn("c");
    let l = t.listener(s, 9600, 5);
    let ring = int(t.call(s, Call::IoUringSetup { entries: 8 })) as i32;
    assert_eq!(t.call(s, Call::IoUringSetup { entries: 0 }), Err(Errno::EINVAL));
    let accept = Sqe { op: UringOp::Accept { fd: l }, user_data: 1 };
    let timeout = Sqe { op: UringOp::Timeout { after: 50 * MS }, user_data: 2 };
    let enter = Call::IoUringEnter { fd: ring, submit: vec![accept, timeout], min_complete: 1 };
    assert!(matches!(t.raw(s, enter.clone()), Outcome::WouldBlock(_)));
    let cfd = t.tcp(c, true);
    let _ = t.raw(c, Call::Connect { fd: cfd, addr: lo(9600) });
    let Ok(Ret::Uring { submitted: 2, completions }) = t.block(s, enter) else { panic!() };
    assert_eq!(completions.len(), 1);
    assert_eq!(completions[0].user_data, 1);
    let afd = completions[0].res;
    assert!(afd > ring);
    let recv = Sqe { op: UringOp::Recv { fd: afd, len: 64 }, user_data: 3 };
    let enter = Call::IoUringEnter { fd: ring, submit: vec![recv], min_complete: 2 };
    assert!(matches!(t.raw(s, enter.clone()), Outcome::WouldBlock(_)));
    t.wait(MS);
    t.raw(c, Call::Connect { fd: cfd, addr: lo(9600) });
    t.raw(c, Call::SendTo { fd: cfd, data: b"ring".to_vec(), flags: 0, addr: None });
    let Ok(Ret::Uring { completions, .. }) = t.block(s, enter) else { panic!() };
    let mut by_id: Vec<(u64, i32)> = completions.iter().map(|c| (c.user_data, c.res)).collect();
    by_id.sort();
    assert_eq!(by_id, [(2, -ETIME), (3, 4)], "the timeout fired at 50 ms; the recv got 4 bytes");
    assert_eq!(completions.iter().find(|c| c.user_data == 3).unwrap().data, b"ring");
    let poll = Sqe { op: UringOp::PollAdd { fd: afd, events: POLLOUT }, user_data: 4 };
    let r = t.block(s, Call::IoUringEnter { fd: ring, submit: vec![poll], min_complete: 1 });
    assert!(matches!(r, Ok(Ret::Uring { ref completions, .. }) if completions[0].res & POLLOUT as i32 != 0));
    let bad = Call::IoUringEnter { fd: l, submit: vec![], min_complete: 0 };
    assert_eq!(t.call(s, bad), Err(Errno::EOPNOTSUPP));
}

#[test]
fn time_calls_and_getpid() {
    let mut t = T::new();
    let p = t.spawn("p");
    assert_eq!(t.call(p, Call::Getpid), Ok(Ret::Int(p as i64)));
    assert_eq!(t.block(p, Call::Nanosleep { duration: 3 * MS }), Ok(Ret::Int(0)));
    assert_eq!(t.call(p, Call::ClockGettime { monotonic: true }), Ok(Ret::Time(3 * MS)));
    assert_eq!(t.block(p, Call::ClockNanosleep { until: SEC }), Ok(Ret::Int(0)));
    assert_eq!(t.now, SEC);
    let events = t.k.drain_events();
    let text = ioplay::trace::strace(&events, false);
    assert!(
        text.contains("clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, {tv_sec=1, tv_nsec=0}, NULL) = 0"),
        "{text}"
    );
    assert_eq!(t.k.counters(p).syscalls, 4);
    assert_eq!(t.k.counters(p).context_switches, 2);
}

#[test]
fn remote_hosts_use_their_link_latency() {
    let mut cfg = WorldConfig::single_host();
    cfg.hosts[0].addr = Ipv4Addr::new(10, 0, 0, 1);
    cfg.hosts.push(ioplay::kernel::HostConfig { name: "far".into(), addr: Ipv4Addr::new(10, 0, 0, 2) });
    cfg.links.push(ioplay::kernel::LinkConfig {
        a: "localhost".into(),
        b: "far".into(),
        spec: ioplay::net::LinkSpec { latency: 20 * MS, bandwidth_bps: None, loss: 0.0 },
    });
    let mut k = Kernel::new(cfg);
    assert_eq!(k.resolve("far"), Some(Ipv4Addr::new(10, 0, 0, 2)));
    let s = k.spawn("far", "server", 0).unwrap();
    let c = k.spawn("localhost", "client", 0).unwrap();
    let mut now = 0;
    let l =
        int(now_call(&mut k, s, Call::Socket { domain: AF_INET, ty: SOCK_STREAM, protocol: 0 }, 0)) as i32;
    let any = SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, 80);
    now_call(&mut k, s, Call::Bind { fd: l, addr: any }, 0).unwrap();
    now_call(&mut k, s, Call::Listen { fd: l, backlog: 5 }, 0).unwrap();
    let fd =
        int(now_call(&mut k, c, Call::Socket { domain: AF_INET, ty: SOCK_STREAM, protocol: 0 }, 0)) as i32;
    let r = block_on(
        &mut k,
        &mut now,
        c,
        Call::Connect { fd, addr: SocketAddrV4::new(Ipv4Addr::new(10, 0, 0, 2), 80) },
    );
    assert_eq!(r, Ok(Ret::Int(0)));
    assert_eq!(now, 40 * MS, "one round trip");
}

#[test]
fn view_shows_sockets_epoll_signals_and_the_blocked_call() {
    let mut t = T::new();
    let (s, afd, c, cfd) = t.pair(9700);
    let ep = int(t.call(s, Call::EpollCreate1 { flags: 0 })) as i32;
    t.call(s, Call::EpollCtl { epfd: ep, op: EPOLL_CTL_ADD, fd: afd, events: EPOLLIN | EPOLLET, data: 9 })
        .unwrap();
    t.send(c, cfd, b"queued").unwrap();
    t.wait(MS);
    assert!(matches!(t.raw(c, Call::RecvFrom { fd: cfd, len: 10, flags: 0 }), Outcome::WouldBlock(_)));
    t.call(s, Call::RtSigprocmask { how: SIG_BLOCK, set: Some(1 << (SIGUSR1 - 1)) }).unwrap();
    t.call(s, Call::Kill { pid: s, sig: SIGUSR1 }).unwrap_err_or_ok();
    let view = t.k.view();
    let server = view.processes.iter().find(|p| p.pid == s).unwrap();
    assert_eq!(server.pending_signals, [SIGUSR1]);
    let conn = server.fds.iter().find(|f| f.fd == afd).unwrap();
    assert!(
        matches!(&conn.object, ioplay::kernel::ObjectView::Tcp { state, recv_queue: 6, .. } if state == "Established"),
        "{conn:?}"
    );
    let epoll = &server.fds.iter().find(|f| f.fd == ep).unwrap().object;
    assert_eq!(
        epoll,
        &ioplay::kernel::ObjectView::Epoll {
            interests: vec![ioplay::kernel::InterestView {
                fd: afd,
                events: "EPOLLIN|EPOLLET".into(),
                data: 9
            }],
            ready: vec![afd],
        }
    );
    let client = view.processes.iter().find(|p| p.pid == c).unwrap();
    assert_eq!(client.in_call.as_deref(), Some("recvfrom(3, 0x7ffc0000, 10, 0, NULL, NULL)"));
    assert!(matches!(t.k.blocked_in(c), Some(Call::RecvFrom { .. })));
    let json = serde_json::to_string(&view).unwrap();
    assert!(json.contains("\"Established\""));
}

#[test]
fn world_config_reads_from_toml_and_rejects_unknown_keys() {
    let cfg: WorldConfig = toml::from_str(
        r#"
        seed = 7
        hosts = [{ name = "client", addr = "10.0.0.1" }, { name = "www.example.com", addr = "93.184.216.34" }]
        links = [{ a = "client", b = "www.example.com", spec = { latency = 40000000 } }]
        "#,
    )
    .unwrap();
    assert_eq!(cfg.seed, 7);
    assert_eq!(cfg.copy_base_ns, WorldConfig::single_host().copy_base_ns, "defaults fill the rest");
    let k = Kernel::new(cfg);
    assert_eq!(k.resolve("www.example.com"), Some(Ipv4Addr::new(93, 184, 216, 34)));
    assert!(toml::from_str::<WorldConfig>("sed = 7").is_err());
}

#[test]
fn a_quiet_world_has_no_deadline_even_with_time_wait_pending() {
    let mut t = T::new();
    let (s, afd, c, cfd) = t.pair(9800);
    t.call(s, Call::Close { fd: afd }).unwrap();
    t.wait(MS);
    t.call(c, Call::Close { fd: cfd }).unwrap();
    t.wait(MS);
    assert_eq!(t.k.next_deadline(), None, "only TIME_WAIT is left, which nobody waits for");
}

#[test]
fn connected_udp_learns_of_a_closed_port_by_icmp() {
    let mut t = T::new();
    let p = t.spawn("p");
    let u = t.udp(p);
    t.call(p, Call::Connect { fd: u, addr: lo(9900) }).unwrap();
    assert_eq!(t.send(p, u, b"anyone?"), Ok(Ret::Int(7)));
    assert_eq!(t.recv(p, u, 10), Err(Errno::ECONNREFUSED));
    let unconnected = t.udp(p);
    t.call(p, Call::SendTo { fd: unconnected, data: b"x".to_vec(), flags: 0, addr: Some(lo(9901)) }).unwrap();
    t.wait(MS);
    let r = t.raw(p, Call::RecvFrom { fd: unconnected, len: 1, flags: MSG_DONTWAIT });
    assert_eq!(r, Outcome::Err(Errno::EAGAIN), "an unconnected socket ignores ICMP errors");
}

#[test]
fn a_cloned_kernel_is_a_checkpoint_that_replays_identically() {
    let mut t = T::new();
    let (s, afd, c, cfd) = t.pair(9950);
    t.send(c, cfd, b"before").unwrap();
    let checkpoint = t.k.clone();
    let now = t.now;
    let run = |mut k: Kernel| {
        let mut now = now;
        let r = block_on(&mut k, &mut now, s, Call::RecvFrom { fd: afd, len: 64, flags: 0 });
        let w = now_call(&mut k, c, Call::Close { fd: cfd }, now);
        k.advance(now + SEC);
        (r, w, ioplay::trace::trace_hash(&k.drain_events()), k.view())
    };
    let first = run(t.k.clone());
    let second = run(checkpoint);
    assert_eq!(first, second);
    assert!(matches!(first.0, Ok(Ret::Recv { ref data, .. }) if data == b"before"));
}

/// `shutdown(SHUT_RD)` on a listener stops it as a close would (queued and half-open connections are
/// reset), but the fd stays: `accept4` is EINVAL, poll sees a closed socket, and `listen` starts again
/// with an empty queue — a half-open connection from before must not join it.
#[test]
fn shutdown_of_a_listener_resets_queued_and_half_open_connections() {
    let mut t = T::new();
    let s = t.spawn("server");
    let c = t.spawn("client");
    let l = t.listener(s, 7100, 5);
    let queued = t.tcp(c, false);
    let connect = |fd| Call::Connect { fd, addr: lo(7100) };
    assert_eq!(t.block(c, connect(queued)), Ok(Ret::Int(0)));
    t.wait(MS);
    // A second client's SYN has reached the listener; its handshake is not over yet.
    let half_open = t.tcp(c, true);
    assert_eq!(t.call(c, connect(half_open)), Err(Errno::EINPROGRESS));
    t.wait(60_000);
    let shut = Call::Shutdown { fd: l, how: SHUT_RD };
    assert_eq!(t.call(s, shut.clone()), Ok(Ret::Int(0)));
    assert_eq!(t.call(s, Call::Accept4 { fd: l, flags: 0 }), Err(Errno::EINVAL));
    let poll =
        Call::Poll { fds: vec![PollFd { fd: l, events: POLLIN | POLLOUT, revents: 0 }], timeout_ms: 0 };
    assert!(matches!(t.call(s, poll), Ok(Ret::Polled(ref v)) if v[0].revents == POLLOUT | POLLHUP));
    assert_eq!(t.call(s, shut), Err(Errno::ENOTCONN), "no longer listening");
    assert_eq!(t.call(s, Call::Listen { fd: l, backlog: 5 }), Ok(Ret::Int(0)));
    t.wait(MS);
    assert_eq!(t.recv(c, queued, 10), Err(Errno::ECONNRESET));
    let so_error = Call::GetSockOpt { fd: half_open, level: SOL_SOCKET, name: SO_ERROR };
    assert_eq!(t.call(c, so_error), Ok(Ret::Int(Errno::ECONNRESET as i64)));
    let accept = Call::Accept4 { fd: l, flags: SOCK_NONBLOCK };
    let listening_again = t.raw(s, accept);
    assert!(matches!(listening_again, Outcome::WouldBlock(WaitOn::Readable(_))), "{listening_again:?}");
}

/// `shutdown(SHUT_WR)` on a listener is 0 and changes nothing (Linux's `inet_shutdown`).
#[test]
fn shutdown_for_writing_leaves_a_listener_listening() {
    let mut t = T::new();
    let s = t.spawn("server");
    let c = t.spawn("client");
    let l = t.listener(s, 7200, 5);
    assert_eq!(t.call(s, Call::Shutdown { fd: l, how: SHUT_WR }), Ok(Ret::Int(0)));
    let cfd = t.tcp(c, false);
    let connect = Call::Connect { fd: cfd, addr: lo(7200) };
    assert_eq!(t.block(c, connect), Ok(Ret::Int(0)));
    assert!(matches!(t.block(s, Call::Accept4 { fd: l, flags: 0 }), Ok(Ret::Accepted { .. })));
}

/// A destination of 0.0.0.0 is this host: the socket's bound address, or 127.0.0.1 when it has none
/// (Linux's routing lookup), for UDP `connect` and `sendto` and TCP `connect`.
#[test]
fn a_destination_of_0_0_0_0_is_the_bound_address_or_loopback() {
    let mut cfg = WorldConfig::single_host();
    let own = Ipv4Addr::new(10, 0, 0, 1);
    cfg.hosts[0].addr = own;
    let mut t = T { k: Kernel::new(cfg), now: 0 };
    let p = t.spawn("p");
    let any = |port| SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, port);
    let receiver = t.udp(p);
    let bind = Call::Bind { fd: receiver, addr: any(7300) };
    assert_eq!(t.call(p, bind), Ok(Ret::Int(0)));

    let unbound = t.udp(p);
    assert_eq!(t.call(p, Call::Connect { fd: unbound, addr: any(7300) }), Ok(Ret::Int(0)));
    assert_eq!(t.call(p, Call::GetPeerName { fd: unbound }), Ok(Ret::Addr(lo(7300))));
    let bound = t.udp(p);
    let on_own = SocketAddrV4::new(own, 7301);
    assert_eq!(t.call(p, Call::Bind { fd: bound, addr: on_own }), Ok(Ret::Int(0)));
    let to_any = Call::SendTo { fd: bound, data: b"x".to_vec(), flags: 0, addr: Some(any(7300)) };
    assert_eq!(t.call(p, to_any), Ok(Ret::Int(1)));
    match t.block(p, Call::RecvFrom { fd: receiver, len: 1, flags: 0 }) {
        Ok(Ret::Recv { data, from }) => assert_eq!((data, from), (b"x".to_vec(), Some(on_own))),
        other => panic!("{other:?}"),
    }

    let l = t.tcp(p, false);
    assert_eq!(t.call(p, Call::Bind { fd: l, addr: any(7302) }), Ok(Ret::Int(0)));
    assert_eq!(t.call(p, Call::Listen { fd: l, backlog: 5 }), Ok(Ret::Int(0)));
    let client = t.tcp(p, false);
    let bind = Call::Bind { fd: client, addr: SocketAddrV4::new(own, 0) };
    assert_eq!(t.call(p, bind), Ok(Ret::Int(0)));
    assert_eq!(t.block(p, Call::Connect { fd: client, addr: any(7302) }), Ok(Ret::Int(0)));
    let peer = SocketAddrV4::new(own, 7302);
    assert_eq!(t.call(p, Call::GetPeerName { fd: client }), Ok(Ret::Addr(peer)));
}
