//! Property tests over random interleavings of sends, receives, closes and link behaviour (latency,
//! bandwidth, loss): stream bytes arrive once and in order or the reader gets an error; no datagram is
//! duplicated; the same seed gives the same trace.
//!
//! Native only: proptest does not build for wasm32-unknown-unknown.
#![cfg(not(target_arch = "wasm32"))]

use ioplay::kernel::{HostConfig, Kernel, LinkConfig, WorldConfig};
use ioplay::net::LinkSpec;
use ioplay::sys::consts::*;
use ioplay::sys::{Call, Errno, Ipv4Addr, Nanos, Outcome, Pid, Ret, SocketAddrV4, WaitOn};
use proptest::prelude::*;

const A: Ipv4Addr = Ipv4Addr::new(10, 0, 0, 1);
const B: Ipv4Addr = Ipv4Addr::new(10, 0, 0, 2);

fn world(seed: u64, latency: Nanos, loss: f64, bandwidth: Option<u64>) -> Kernel {
    let mut cfg = WorldConfig::single_host();
    cfg.seed = seed;
    cfg.hosts = vec![HostConfig { name: "a".into(), addr: A }, HostConfig { name: "b".into(), addr: B }];
    cfg.links = vec![LinkConfig {
        a: "a".into(),
        b: "b".into(),
        spec: LinkSpec { latency, bandwidth_bps: bandwidth, loss },
    }];
    Kernel::new(cfg)
}

/// Make a call, finishing it if it only waits for time (the modelled copy) or for `Until`.
fn call(k: &mut Kernel, now: &mut Nanos, pid: Pid, c: Call) -> Outcome<Ret> {
    loop {
        match k.syscall(pid, &c, *now) {
            Outcome::WouldBlock(WaitOn::Until(t)) => {
                *now = (*now).max(t);
                k.advance(*now);
            }
            other => return other,
        }
    }
}

fn wait(k: &mut Kernel, now: &mut Nanos, d: Nanos) {
    *now += d;
    k.advance(*now);
}

/// Run the wire and the timers until nothing is left (TIME_WAIT included), within two minutes.
fn settle(k: &mut Kernel, now: &mut Nanos) {
    let limit = *now + 120_000_000_000;
    while let Some(t) = k.next_deadline().filter(|t| *t <= limit) {
        *now = (*now).max(t);
        k.advance(*now);
    }
}

#[derive(Clone, Debug)]
enum Op {
    Send(usize),
    Recv(usize),
    Wait(Nanos),
    ServerClose,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (1usize..40_000).prop_map(Op::Send),
        4 => (1usize..40_000).prop_map(Op::Recv),
        3 => (0u64..3_000_000).prop_map(Op::Wait),
        1 => Just(Op::ServerClose),
    ]
}

fn pattern(start: usize, len: usize) -> Vec<u8> {
    (start..start + len).map(|i| (i % 251) as u8).collect()
}

fn nonblocking_socket(k: &mut Kernel, now: &mut Nanos, pid: Pid) -> i32 {
    match call(k, now, pid, Call::Socket { domain: AF_INET, ty: SOCK_STREAM | SOCK_NONBLOCK, protocol: 0 }) {
        Outcome::Ok(Ret::Int(fd)) => fd as i32,
        other => panic!("{other:?}"),
    }
}

/// A connected pair across the link: (server pid, accepted fd, client pid, client fd).
fn connect(k: &mut Kernel, now: &mut Nanos) -> (Pid, i32, Pid, i32) {
    let s = k.spawn("b", "server", *now).unwrap();
    let c = k.spawn("a", "client", *now).unwrap();
    let l = nonblocking_socket(k, now, s);
    let any = SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, 80);
    assert_eq!(call(k, now, s, Call::Bind { fd: l, addr: any }), Outcome::Ok(Ret::Int(0)));
    assert_eq!(call(k, now, s, Call::Listen { fd: l, backlog: 5 }), Outcome::Ok(Ret::Int(0)));
    let fd = nonblocking_socket(k, now, c);
    let to = SocketAddrV4::new(B, 80);
    assert_eq!(call(k, now, c, Call::Connect { fd, addr: to }), Outcome::Err(Errno::EINPROGRESS));
    loop {
        match call(k, now, s, Call::Accept4 { fd: l, flags: SOCK_NONBLOCK }) {
            Outcome::Ok(Ret::Accepted { fd: afd, .. }) => return (s, afd, c, fd),
            Outcome::Err(Errno::EAGAIN) => {
                let t = k.next_deadline().expect("the handshake is under way");
                *now = (*now).max(t);
                k.advance(*now);
            }
            other => panic!("{other:?}"),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn stream_bytes_arrive_once_in_order_or_an_error(
        ops in prop::collection::vec(op(), 1..40),
        latency in 1_000u64..5_000_000,
        loss in prop_oneof![Just(0.0), 0.0f64..0.3],
        bandwidth in prop_oneof![Just(None), (1_000_000u64..1_000_000_000).prop_map(Some)],
        seed in any::<u64>(),
    ) {
        let mut k = world(seed, latency, loss, bandwidth);
        let mut now = 0;
        let (s, afd, c, cfd) = connect(&mut k, &mut now);
        let _ = call(&mut k, &mut now, c, Call::RtSigaction { sig: SIGPIPE, action: Some(ioplay::sys::SigAction { handler: ioplay::sys::SigHandler::Ignore, flags: 0, mask: 0 }) });
        let mut sent = 0usize;
        let mut received: Vec<u8> = Vec::new();
        let mut reader_error = None;
        let mut server_closed = false;
        for op in ops {
            match op {
                Op::Send(n) => match call(&mut k, &mut now, c, Call::SendTo { fd: cfd, data: pattern(sent, n), flags: 0, addr: None }) {
                    Outcome::Ok(Ret::Int(m)) => sent += m as usize,
                    Outcome::Err(Errno::EAGAIN | Errno::EPIPE | Errno::ECONNRESET) => {}
                    other => prop_assert!(false, "send: {:?}", other),
                },
                Op::Recv(n) if !server_closed => match call(&mut k, &mut now, s, Call::RecvFrom { fd: afd, len: n, flags: 0 }) {
                    Outcome::Ok(Ret::Recv { data, .. }) => received.extend(data),
                    Outcome::Err(Errno::EAGAIN) => {}
                    Outcome::Err(e) => reader_error = Some(e),
                    other => prop_assert!(false, "recv: {:?}", other),
                },
                Op::Recv(_) => {}
                Op::Wait(d) => wait(&mut k, &mut now, d),
                Op::ServerClose => {
                    if !server_closed {
                        prop_assert_eq!(call(&mut k, &mut now, s, Call::Close { fd: afd }), Outcome::Ok(Ret::Int(0)));
                        server_closed = true;
                    }
                }
            }
            prop_assert_eq!(&received[..], &pattern(0, received.len())[..], "in order, never twice");
        }
        // The client finishes; the server, if it is still reading, drains to EOF.
        let _ = call(&mut k, &mut now, c, Call::Close { fd: cfd });
        if !server_closed {
            loop {
                match call(&mut k, &mut now, s, Call::RecvFrom { fd: afd, len: 65536, flags: 0 }) {
                    Outcome::Ok(Ret::Recv { data, .. }) if data.is_empty() => break,
                    Outcome::Ok(Ret::Recv { data, .. }) => received.extend(data),
                    Outcome::Err(Errno::EAGAIN) => match k.next_deadline() {
                        Some(t) => { now = now.max(t); k.advance(now); }
                        None => prop_assert!(false, "EOF never came"),
                    },
                    Outcome::Err(e) => { reader_error = Some(e); break }
                    other => prop_assert!(false, "drain: {:?}", other),
                }
            }
            prop_assert_eq!(&received[..], &pattern(0, received.len())[..]);
            prop_assert!(received.len() == sent || reader_error.is_some(),
                "all {} bytes or an error; got {} and {:?}", sent, received.len(), reader_error);
        } else {
            prop_assert!(received.len() <= sent);
        }
        settle(&mut k, &mut now);
    }

    #[test]
    fn no_datagram_is_duplicated(
        count in 1usize..60,
        latency in 1_000u64..5_000_000,
        loss in 0.0f64..0.5,
        reads_between in prop::collection::vec(0usize..3, 60),
        seed in any::<u64>(),
    ) {
        let mut k = world(seed, latency, loss, None);
        let mut now = 0;
        let r = k.spawn("b", "receiver", 0).unwrap();
        let w = k.spawn("a", "sender", 0).unwrap();
        let dgram = |k: &mut Kernel, now: &mut Nanos, pid| match call(k, now, pid, Call::Socket { domain: AF_INET, ty: SOCK_DGRAM | SOCK_NONBLOCK, protocol: 0 }) {
            Outcome::Ok(Ret::Int(fd)) => fd as i32,
            other => panic!("{other:?}"),
        };
        let rfd = dgram(&mut k, &mut now, r);
        let wfd = dgram(&mut k, &mut now, w);
        call(&mut k, &mut now, r, Call::Bind { fd: rfd, addr: SocketAddrV4::new(B, 53) });
        let mut got: Vec<u32> = Vec::new();
        let drain = |k: &mut Kernel, now: &mut Nanos, got: &mut Vec<u32>, max: usize| {
            for _ in 0..max {
                match call(k, now, r, Call::RecvFrom { fd: rfd, len: 64, flags: 0 }) {
                    Outcome::Ok(Ret::Recv { data, .. }) => got.push(u32::from_le_bytes(data[..4].try_into().unwrap())),
                    _ => break,
                }
            }
        };
        for (i, reads) in reads_between.iter().enumerate().take(count) {
            let data = (i as u32).to_le_bytes().to_vec();
            prop_assert_eq!(call(&mut k, &mut now, w, Call::SendTo { fd: wfd, data, flags: 0, addr: Some(SocketAddrV4::new(B, 53)) }), Outcome::Ok(Ret::Int(4)));
            wait(&mut k, &mut now, latency / 3);
            drain(&mut k, &mut now, &mut got, *reads);
        }
        settle(&mut k, &mut now);
        drain(&mut k, &mut now, &mut got, usize::MAX);
        let mut sorted = got.clone();
        sorted.sort();
        sorted.dedup();
        prop_assert_eq!(sorted.len(), got.len(), "no duplicates: {:?}", got);
        prop_assert!(got.iter().all(|&i| (i as usize) < count));
        if loss == 0.0 {
            prop_assert_eq!(got.len(), count);
        }
    }

    #[test]
    fn same_seed_same_trace_hash(
        ops in prop::collection::vec(op(), 1..25),
        latency in 1_000u64..2_000_000,
        loss in 0.0f64..0.2,
        seed in any::<u64>(),
    ) {
        let run = || {
            let mut k = world(seed, latency, loss, Some(100_000_000));
            let mut now = 0;
            let (s, afd, c, cfd) = connect(&mut k, &mut now);
            let mut sent = 0;
            for op in &ops {
                match op {
                    Op::Send(n) => if let Outcome::Ok(Ret::Int(m)) = call(&mut k, &mut now, c, Call::SendTo { fd: cfd, data: pattern(sent, *n), flags: 0, addr: None }) { sent += m as usize },
                    Op::Recv(n) => { let _ = call(&mut k, &mut now, s, Call::RecvFrom { fd: afd, len: *n, flags: 0 }); }
                    Op::Wait(d) => wait(&mut k, &mut now, *d),
                    Op::ServerClose => { let _ = call(&mut k, &mut now, s, Call::Close { fd: afd }); }
                }
            }
            settle(&mut k, &mut now);
            ioplay::trace::trace_hash(&k.drain_events())
        };
        prop_assert_eq!(run(), run());
    }
}

fn any_call() -> impl Strategy<Value = Call> {
    let fd = -1i32..12;
    let port = prop_oneof![Just(5000u16), Just(5001u16), Just(0u16)];
    let addr = port.prop_map(|p| SocketAddrV4::new(Ipv4Addr::LOCALHOST, p));
    let data = prop::collection::vec(any::<u8>(), 0..300);
    prop_oneof![
        (
            prop_oneof![Just(AF_INET), Just(10)],
            prop_oneof![
                Just(SOCK_STREAM),
                Just(SOCK_DGRAM),
                Just(SOCK_STREAM | SOCK_NONBLOCK),
                Just(SOCK_DGRAM | SOCK_NONBLOCK),
                Just(7)
            ]
        )
            .prop_map(|(domain, ty)| Call::Socket { domain, ty, protocol: 0 }),
        (fd.clone(), addr.clone()).prop_map(|(fd, addr)| Call::Bind { fd, addr }),
        (fd.clone(), -2i32..3).prop_map(|(fd, backlog)| Call::Listen { fd, backlog }),
        (fd.clone(), prop_oneof![Just(0), Just(SOCK_NONBLOCK), Just(1)])
            .prop_map(|(fd, flags)| Call::Accept4 { fd, flags }),
        (fd.clone(), addr.clone()).prop_map(|(fd, addr)| Call::Connect { fd, addr }),
        (fd.clone(), 0usize..500, prop_oneof![Just(0), Just(MSG_DONTWAIT), Just(MSG_PEEK)])
            .prop_map(|(fd, len, flags)| Call::RecvFrom { fd, len, flags }),
        (fd.clone(), data.clone(), prop::option::of(addr)).prop_map(|(fd, data, addr)| Call::SendTo {
            fd,
            data,
            flags: MSG_DONTWAIT,
            addr
        }),
        (fd.clone(), -1i32..4).prop_map(|(fd, how)| Call::Shutdown { fd, how }),
        fd.clone().prop_map(|fd| Call::Close { fd }),
        (fd.clone(), 0usize..100).prop_map(|(fd, count)| Call::Read { fd, count }),
        (fd.clone(), data).prop_map(|(fd, data)| Call::Write { fd, data }),
        (
            fd.clone(),
            prop_oneof![Just(F_GETFL), Just(F_SETFL), Just(F_SETOWN), Just(F_SETSIG), Just(99)],
            prop_oneof![Just(0i64), Just(O_NONBLOCK), Just(O_ASYNC), Just(1000), Just(-5)]
        )
            .prop_map(|(fd, cmd, arg)| Call::Fcntl { fd, cmd, arg }),
        prop_oneof![Just(0), Just(O_NONBLOCK as i32), Just(3)].prop_map(|flags| Call::Pipe2 { flags }),
        (prop::collection::vec(fd.clone(), 0..4), -1i32..1100).prop_map(|(read, nfds)| Call::Select {
            nfds,
            read,
            write: vec![],
            except: vec![],
            timeout: Some(0)
        }),
        Just(Call::EpollCreate1 { flags: 0 }),
        (fd.clone(), 0i32..5, fd.clone(), any::<u32>()).prop_map(|(epfd, op, fd, events)| Call::EpollCtl {
            epfd,
            op,
            fd,
            events,
            data: 1
        }),
        (fd.clone(), -1i32..3).prop_map(|(epfd, maxevents)| Call::EpollWait {
            epfd,
            maxevents,
            timeout_ms: 0
        }),
        (0i32..70).prop_map(|sig| Call::Kill { pid: 1000, sig }),
        (any::<u64>(), any::<u64>()).prop_map(|(value, interval)| Call::Setitimer {
            which: ITIMER_REAL,
            value,
            interval
        }),
        (0u64..3, fd.clone()).prop_map(|(cb, fd)| Call::AioRead {
            cb,
            fd,
            nbytes: 10,
            notify: ioplay::sys::SigEvent::Signal(SIGIO)
        }),
        (0u64..3).prop_map(|cb| Call::AioReturn { cb }),
        (0u32..3).prop_map(|entries| Call::IoUringSetup { entries }),
        (fd.clone(), fd).prop_map(|(ring, fd)| Call::IoUringEnter {
            fd: ring,
            submit: vec![ioplay::sys::Sqe { op: ioplay::sys::UringOp::Recv { fd, len: 8 }, user_data: 1 }],
            min_complete: 0
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Whatever a program asks, the kernel answers with a result or an errno, never a panic.
    #[test]
    fn random_syscalls_never_panic(calls in prop::collection::vec((0u32..2, any_call(), 0u64..200_000), 1..80)) {
        let mut k = Kernel::new(WorldConfig::single_host());
        let pids = [k.spawn("localhost", "a", 0).unwrap(), k.spawn("localhost", "b", 0).unwrap()];
        let mut now = 0;
        for (who, c, dt) in calls {
            let pid = pids[who as usize];
            let _ = k.syscall(pid, &c, now);
            let _ = k.take_signal(pid);
            now += dt;
            k.advance(now);
            let _ = k.view();
        }
        let _ = ioplay::trace::strace(&k.drain_events(), true);
    }
}
