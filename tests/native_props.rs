//! Random syscalls against the real kernel never panic the backend, every answer is one the contract
//! allows, and dropping the backend gives every real fd back (the OS process's fd count returns to
//! where it was). One test in this binary, so no other test opens fds meanwhile.
#![cfg(all(feature = "native", not(target_arch = "wasm32")))]

use ioplay::sys::consts::*;
use ioplay::sys::native::NativeKernel;
use ioplay::sys::{Call, Ipv4Addr, Outcome, PollFd, SigAction, SigEvent, SigHandler, SocketAddrV4};
use proptest::prelude::*;

/// Real fds this OS process holds now.
fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd").map(|d| d.count()).unwrap_or(0)
}

fn fd() -> impl Strategy<Value = i32> {
    -1..10i32
}

/// Loopback with a port from a small set, so calls meet each other's ports (0 is ephemeral).
fn addr() -> impl Strategy<Value = SocketAddrV4> {
    prop_oneof![Just(0u16), 40100..40104u16].prop_map(|port| SocketAddrV4::new(Ipv4Addr::LOCALHOST, port))
}

fn call() -> impl Strategy<Value = Call> {
    let bytes = proptest::collection::vec(any::<u8>(), 0..64);
    prop_oneof![
        (prop_oneof![Just(SOCK_STREAM), Just(SOCK_DGRAM), Just(3), Just(10)], any::<bool>()).prop_map(
            |(ty, nb)| Call::Socket {
                domain: AF_INET,
                ty: ty | if nb { SOCK_NONBLOCK } else { 0 },
                protocol: 0,
            }
        ),
        (fd(), addr()).prop_map(|(fd, addr)| Call::Bind { fd, addr }),
        (fd(), -1..5i32).prop_map(|(fd, backlog)| Call::Listen { fd, backlog }),
        (fd(), prop_oneof![Just(0), Just(SOCK_NONBLOCK)]).prop_map(|(fd, flags)| Call::Accept4 { fd, flags }),
        (fd(), addr()).prop_map(|(fd, addr)| Call::Connect { fd, addr }),
        (fd(), 0..100_000usize, prop_oneof![Just(0), Just(MSG_DONTWAIT), Just(MSG_PEEK)])
            .prop_map(|(fd, len, flags)| Call::RecvFrom { fd, len, flags }),
        (fd(), bytes.clone(), proptest::option::of(addr())).prop_map(|(fd, data, addr)| Call::SendTo {
            fd,
            data,
            flags: MSG_NOSIGNAL,
            addr,
        }),
        (fd(), bytes).prop_map(|(fd, data)| Call::Write { fd, data }),
        (fd(), 0..100usize).prop_map(|(fd, count)| Call::Read { fd, count }),
        (fd(), 0..4i32).prop_map(|(fd, how)| Call::Shutdown { fd, how }),
        fd().prop_map(|fd| Call::Close { fd }),
        fd().prop_map(|fd| Call::GetSockName { fd }),
        fd().prop_map(|fd| Call::GetPeerName { fd }),
        (
            fd(),
            prop_oneof![Just(F_GETFL), Just(F_SETFL), Just(F_SETOWN), Just(F_SETSIG), Just(99)],
            0..0o40000i64
        )
            .prop_map(|(fd, cmd, arg)| Call::Fcntl { fd, cmd, arg }),
        (fd(), prop_oneof![Just(FIONBIO), Just(FIONREAD), Just(FIOASYNC)], 0..2i32)
            .prop_map(|(fd, request, arg)| Call::Ioctl { fd, request, arg }),
        any::<bool>().prop_map(|nb| Call::Pipe2 { flags: if nb { O_NONBLOCK as i32 } else { 0 } }),
        (proptest::collection::vec(fd(), 0..4), proptest::collection::vec(fd(), 0..3)).prop_map(
            |(read, write)| { Call::Select { nfds: 10, read, write, except: vec![], timeout: Some(0) } }
        ),
        proptest::collection::vec((fd(), 0..8i16), 0..4).prop_map(|fds| Call::Poll {
            fds: fds.into_iter().map(|(fd, events)| PollFd { fd, events, revents: 0 }).collect(),
            timeout_ms: 0,
        }),
        Just(Call::EpollCreate1 { flags: 0 }),
        (fd(), 1..4i32, fd(), 0..8u32).prop_map(|(epfd, op, fd, events)| Call::EpollCtl {
            epfd,
            op,
            fd,
            events,
            data: fd as u64,
        }),
        (fd(), -1..i32::MAX).prop_map(|(epfd, maxevents)| Call::EpollWait { epfd, maxevents, timeout_ms: 0 }),
        (fd(), 0..2u64).prop_map(|(fd, cb)| Call::AioRead {
            cb,
            fd,
            nbytes: 10,
            notify: SigEvent::Signal(SIGUSR1),
        }),
        (0..2u64).prop_map(|cb| Call::AioReturn { cb }),
        (1..70i32).prop_map(|sig| Call::RtSigaction {
            sig,
            action: Some(SigAction { handler: SigHandler::Handler(1), flags: 0, mask: 0 }),
        }),
        (1000..1003u32, 0..70i32).prop_map(|(pid, sig)| Call::Kill { pid, sig }),
        Just(Call::IoUringSetup { entries: 4 }),
        (fd(), fd(), 0..3u32, 0..2u32).prop_map(|(ring, fd, op, min_complete)| {
            use ioplay::sys::{Sqe, UringOp};
            let op = match op {
                0 => UringOp::Recv { fd, len: 16 },
                1 => UringOp::Accept { fd },
                _ => UringOp::Timeout { after: 1_000_000 },
            };
            Call::IoUringEnter { fd: ring, submit: vec![Sqe { op, user_data: 9 }], min_complete }
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_calls_never_panic_and_give_every_fd_back(calls in proptest::collection::vec((0..2u32, call()), 1..40)) {
        let before = open_fds();
        {
            let mut k = NativeKernel::new();
            let pids = [k.spawn("h", "a", 0).unwrap(), k.spawn("h", "b", 0).unwrap()];
            for (who, call) in &calls {
                let pid = pids[*who as usize];
                let now = k.now();
                match k.syscall(pid, call, now) {
                    Outcome::Ok(_) | Outcome::Err(_) | Outcome::WouldBlock(_) => {}
                }
                let _ = k.take_signal(pid);
                let _ = k.take_woken();
                prop_assert!(k.drain_events().iter().all(|e| e.pid == pid || pids.contains(&e.pid)));
            }
        }
        prop_assert_eq!(open_fds(), before, "every real fd is closed when the backend goes");
    }
}
