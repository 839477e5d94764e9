//! The c10k run: one epoll echo server, one client process opening `n` non-blocking connections, each
//! sending "hello", reading the echo and closing. Shared by `tests/kernel_c10k.rs` and `benches/kernel.rs`.

use super::{Action, Harness, Input};
use ioplay::sys::consts::*;
use ioplay::sys::{Call, Errno, Ipv4Addr, Outcome, Pid, Ret, SocketAddrV4};
use std::collections::{BTreeMap, VecDeque};

pub const PORT: u16 = 7000;
const LISTENER: i32 = 3;
const EPFD: i32 = 4;

fn addr() -> SocketAddrV4 {
    SocketAddrV4::new(Ipv4Addr::LOCALHOST, PORT)
}

enum Work {
    Accept,
    Recv(i32),
}

/// The server: accept everything, echo what comes, close on EOF; exit after `n` connections closed.
fn server(n: usize) -> Box<dyn FnMut(Input) -> Action> {
    let setup = vec![
        Call::Socket { domain: AF_INET, ty: SOCK_STREAM | SOCK_NONBLOCK, protocol: 0 },
        Call::SetSockOpt { fd: LISTENER, level: SOL_SOCKET, name: SO_REUSEADDR, value: 1 },
        Call::Bind { fd: LISTENER, addr: SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, PORT) },
        Call::Listen { fd: LISTENER, backlog: 4096 },
        Call::EpollCreate1 { flags: EPOLL_CLOEXEC },
        Call::EpollCtl {
            epfd: EPFD,
            op: EPOLL_CTL_ADD,
            fd: LISTENER,
            events: EPOLLIN,
            data: LISTENER as u64,
        },
    ];
    let mut setup = setup.into_iter();
    let mut work: VecDeque<Work> = VecDeque::new();
    let mut last = Call::Getpid;
    let mut closed = 0;
    Box::new(move |input| {
        if let Some(c) = setup.next() {
            last = c.clone();
            return Action::Call(c);
        }
        let out = match input {
            Input::Result(o) => o,
            other => panic!("server got {other:?}"),
        };
        let mut next: Option<Call> = None;
        match (&last, out) {
            (Call::EpollWait { .. }, Outcome::Ok(Ret::Epoll(evs))) => {
                for e in evs {
                    work.push_back(if e.data == LISTENER as u64 {
                        Work::Accept
                    } else {
                        Work::Recv(e.data as i32)
                    });
                }
            }
            (Call::Accept4 { .. }, Outcome::Ok(Ret::Accepted { fd, .. })) => {
                work.push_front(Work::Accept);
                next = Some(Call::EpollCtl {
                    epfd: EPFD,
                    op: EPOLL_CTL_ADD,
                    fd,
                    events: EPOLLIN,
                    data: fd as u64,
                });
            }
            (Call::RecvFrom { fd, .. }, Outcome::Ok(Ret::Recv { data, .. })) => {
                next = Some(if data.is_empty() {
                    Call::Close { fd: *fd }
                } else {
                    Call::SendTo { fd: *fd, data, flags: 0, addr: None }
                });
            }
            (Call::Close { .. }, Outcome::Ok(_)) => {
                closed += 1;
                if closed == n {
                    return Action::Exit(0);
                }
            }
            (_, Outcome::Ok(_)) | (_, Outcome::Err(Errno::EAGAIN)) => {}
            (c, o) => panic!("server: {c:?} gave {o:?}"),
        }
        let call = next.unwrap_or_else(|| match work.pop_front() {
            Some(Work::Accept) => Call::Accept4 { fd: LISTENER, flags: SOCK_NONBLOCK },
            Some(Work::Recv(fd)) => Call::RecvFrom { fd, len: 1024, flags: 0 },
            None => Call::EpollWait { epfd: EPFD, maxevents: 1024, timeout_ms: -1 },
        });
        last = call.clone();
        Action::Call(call)
    })
}

#[derive(Clone, Copy, PartialEq)]
enum Conn {
    Connecting,
    Sent,
}

/// The client: `n` non-blocking connections through one epoll; exit when all echoed and closed.
fn client(n: usize) -> Box<dyn FnMut(Input) -> Action> {
    let mut last = Call::Getpid;
    let mut opened = 0;
    let mut done = 0;
    let mut conns: BTreeMap<i32, Conn> = BTreeMap::new();
    let mut ready: VecDeque<(i32, u32)> = VecDeque::new();
    let mut queue: VecDeque<Call> = VecDeque::new();
    let mut started = false;
    Box::new(move |input| {
        let out = match input {
            Input::Start => None,
            Input::Result(o) => Some(o),
            other => panic!("client got {other:?}"),
        };
        match (&last, out) {
            (_, None) => {}
            (Call::Socket { .. }, Some(Outcome::Ok(Ret::Int(fd)))) => {
                let fd = fd as i32;
                conns.insert(fd, Conn::Connecting);
                queue.push_back(Call::Connect { fd, addr: addr() });
                queue.push_back(Call::EpollCtl {
                    epfd: 3,
                    op: EPOLL_CTL_ADD,
                    fd,
                    events: EPOLLOUT,
                    data: fd as u64,
                });
            }
            (Call::Connect { .. }, Some(Outcome::Err(Errno::EINPROGRESS))) => {}
            (Call::EpollWait { .. }, Some(Outcome::Ok(Ret::Epoll(evs)))) => {
                ready.extend(evs.iter().map(|e| (e.data as i32, e.events)));
            }
            (Call::RecvFrom { fd, .. }, Some(Outcome::Ok(Ret::Recv { data, .. }))) => {
                assert_eq!(data, b"hello", "fd {fd}: the echo");
                conns.remove(fd);
                queue.push_back(Call::Close { fd: *fd });
            }
            (Call::Close { .. }, Some(Outcome::Ok(_))) => {
                done += 1;
                if done == n {
                    return Action::Exit(0);
                }
            }
            (_, Some(Outcome::Ok(_))) | (_, Some(Outcome::Err(Errno::EAGAIN))) => {}
            (c, Some(o)) => panic!("client: {c:?} gave {o:?}"),
        }
        let call = if !started {
            started = true;
            Call::EpollCreate1 { flags: 0 }
        } else if let Some(c) = queue.pop_front() {
            c
        } else if opened < n {
            opened += 1;
            Call::Socket { domain: AF_INET, ty: SOCK_STREAM | SOCK_NONBLOCK, protocol: 0 }
        } else if let Some((fd, _events)) = ready.pop_front() {
            match conns.get(&fd).copied() {
                Some(Conn::Connecting) => {
                    conns.insert(fd, Conn::Sent);
                    queue.push_back(Call::EpollCtl {
                        epfd: 3,
                        op: EPOLL_CTL_MOD,
                        fd,
                        events: EPOLLIN,
                        data: fd as u64,
                    });
                    Call::SendTo { fd, data: b"hello".to_vec(), flags: 0, addr: None }
                }
                Some(Conn::Sent) => Call::RecvFrom { fd, len: 1024, flags: 0 },
                None => Call::Getpid,
            }
        } else {
            Call::EpollWait { epfd: 3, maxevents: 1024, timeout_ms: -1 }
        };
        last = call.clone();
        Action::Call(call)
    })
}

/// Run c10k with `n` connections: (server pid, client pid, the harness after the run).
pub fn run(n: usize) -> (Pid, Pid, Harness) {
    let mut h = Harness::single();
    h.record = false;
    // Raise RLIMIT_NOFILE as `ulimit -n 20000` would, before the programs start.
    let s = h.spawn_with_limit("localhost", "server", server(n), 2 * n + 64);
    let c = h.spawn_with_limit("localhost", "client", client(n), 2 * n + 64);
    h.run_until(600 * 1_000_000_000);
    (s, c, h)
}
