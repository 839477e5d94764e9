//! Syscalls as strace prints them: arguments at entry, arguments with outputs at exit, the result.

use crate::sys::consts::*;
use crate::sys::{Call, Fd, Nanos, PollFd, Ret, SigEvent, SigHandler, SocketAddrV4, UringOp, WaitOn};

/// strace's string literal: printable ASCII as is, C escapes, octal otherwise, cut at 32 bytes.
pub fn quote(data: &[u8]) -> String {
    let mut s = String::from("\"");
    for &b in data.iter().take(32) {
        match b {
            b'"' => s.push_str("\\\""),
            b'\\' => s.push_str("\\\\"),
            b'\n' => s.push_str("\\n"),
            b'\t' => s.push_str("\\t"),
            b'\r' => s.push_str("\\r"),
            0x20..=0x7e => s.push(b as char),
            _ => s.push_str(&format!("\\{b:o}")),
        }
    }
    s.push('"');
    if data.len() > 32 {
        s.push_str("...");
    }
    s
}

pub fn sockaddr(a: &SocketAddrV4) -> String {
    format!("{{sa_family=AF_INET, sin_port=htons({}), sin_addr=inet_addr(\"{}\")}}", a.port(), a.ip())
}

fn timespec(t: Nanos) -> String {
    format!("{{tv_sec={}, tv_nsec={}}}", t / 1_000_000_000, t % 1_000_000_000)
}

fn flags(value: i64, names: &[(i64, &str)], zero: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut rest = value;
    for (bit, name) in names {
        if *bit != 0 && rest & bit == *bit {
            parts.push(name.to_string());
            rest &= !bit;
        }
    }
    if rest != 0 || parts.is_empty() {
        if parts.is_empty() && rest == 0 {
            return zero.to_string();
        }
        parts.push(format!("{rest:#x}"));
    }
    parts.join("|")
}

const SOCK_FLAGS: [(i64, &str); 2] =
    [(SOCK_NONBLOCK as i64, "SOCK_NONBLOCK"), (SOCK_CLOEXEC as i64, "SOCK_CLOEXEC")];

fn poll_events(e: i16) -> String {
    let names = [
        (POLLIN as i64, "POLLIN"),
        (POLLPRI as i64, "POLLPRI"),
        (POLLOUT as i64, "POLLOUT"),
        (POLLERR as i64, "POLLERR"),
        (POLLHUP as i64, "POLLHUP"),
        (POLLNVAL as i64, "POLLNVAL"),
        (0x40, "POLLRDNORM"),
        (0x100, "POLLWRNORM"),
        (POLLRDHUP as i64, "POLLRDHUP"),
    ];
    flags(e as u16 as i64, &names, "0")
}

pub fn epoll_events(e: u32) -> String {
    let names = [
        (EPOLLIN as i64, "EPOLLIN"),
        (EPOLLPRI as i64, "EPOLLPRI"),
        (EPOLLOUT as i64, "EPOLLOUT"),
        (EPOLLERR as i64, "EPOLLERR"),
        (EPOLLHUP as i64, "EPOLLHUP"),
        (0x40, "EPOLLRDNORM"),
        (0x100, "EPOLLWRNORM"),
        (EPOLLRDHUP as i64, "EPOLLRDHUP"),
        (EPOLLONESHOT as i64, "EPOLLONESHOT"),
        (EPOLLET as i64, "EPOLLET"),
    ];
    flags(e as i64, &names, "0")
}

fn fd_set(fds: &[Fd]) -> String {
    if fds.is_empty() {
        "NULL".into()
    } else {
        format!("[{}]", fds.iter().map(|f| f.to_string()).collect::<Vec<_>>().join(" "))
    }
}

fn pollfds(fds: &[PollFd], revents: bool) -> String {
    let items: Vec<String> = fds
        .iter()
        .filter(|p| !revents || p.revents != 0)
        .map(|p| {
            if revents {
                format!("{{fd={}, revents={}}}", p.fd, poll_events(p.revents))
            } else {
                format!("{{fd={}, events={}}}", p.fd, poll_events(p.events))
            }
        })
        .collect();
    format!("[{}]", items.join(", "))
}

fn signame(sig: i32) -> String {
    signal_name(sig)
}

fn sigaction(h: &crate::sys::SigAction) -> String {
    let handler = match h.handler {
        SigHandler::Default => "SIG_DFL".to_string(),
        SigHandler::Ignore => "SIG_IGN".to_string(),
        SigHandler::Handler(a) => format!("{a:#x}"),
    };
    let f = if h.flags & SA_RESTART != 0 { "SA_RESTART" } else { "0" };
    format!("{{sa_handler={handler}, sa_mask=[], sa_flags={f}}}")
}

fn sigevent(n: &SigEvent) -> String {
    match n {
        SigEvent::None => "{sigev_notify=SIGEV_NONE}".into(),
        SigEvent::Signal(s) => format!("{{sigev_notify=SIGEV_SIGNAL, sigev_signo={}}}", signame(*s)),
    }
}

fn fcntl_cmd(cmd: i32, arg: i64) -> String {
    let name = match cmd {
        F_GETFD => return "F_GETFD".into(),
        F_GETFL => return "F_GETFL".into(),
        F_GETOWN => return "F_GETOWN".into(),
        F_GETSIG => return "F_GETSIG".into(),
        F_SETFD => return format!("F_SETFD, {}", if arg & FD_CLOEXEC != 0 { "FD_CLOEXEC" } else { "0" }),
        F_SETFL => return format!("F_SETFL, {}", getfl(arg)),
        F_SETOWN => "F_SETOWN",
        F_SETSIG => "F_SETSIG",
        _ => return format!("{cmd:#x} /* F_??? */, {arg}"),
    };
    format!("{name}, {arg}")
}

fn sockopt(level: i32, name: i32) -> String {
    let l = match level {
        SOL_SOCKET => "SOL_SOCKET".to_string(),
        IPPROTO_TCP => "IPPROTO_TCP".to_string(),
        other => other.to_string(),
    };
    let n = match (level, name) {
        (SOL_SOCKET, SO_REUSEADDR) => "SO_REUSEADDR".to_string(),
        (SOL_SOCKET, SO_TYPE) => "SO_TYPE".to_string(),
        (SOL_SOCKET, SO_ERROR) => "SO_ERROR".to_string(),
        (SOL_SOCKET, SO_SNDBUF) => "SO_SNDBUF".to_string(),
        (SOL_SOCKET, SO_RCVBUF) => "SO_RCVBUF".to_string(),
        (IPPROTO_TCP, TCP_NODELAY) => "TCP_NODELAY".to_string(),
        (_, other) => other.to_string(),
    };
    format!("{l}, {n}")
}

fn ms(t: i32) -> String {
    t.to_string()
}

fn uring_op(op: &UringOp) -> String {
    match op {
        UringOp::Recv { fd, len } => format!("RECV(fd={fd}, len={len})"),
        UringOp::Send { fd, data } => format!("SEND(fd={fd}, {})", quote(data)),
        UringOp::Accept { fd } => format!("ACCEPT(fd={fd})"),
        UringOp::PollAdd { fd, events } => format!("POLL_ADD(fd={fd}, {})", poll_events(*events)),
        UringOp::Timeout { after } => format!("TIMEOUT({})", timespec(*after)),
    }
}

/// The arguments strace can show when the call starts (up to its first output argument).
pub fn enter_args(call: &Call) -> String {
    match call {
        Call::Read { fd, .. } | Call::RecvFrom { fd, .. } | Call::Accept4 { fd, .. } => format!("{fd}, "),
        Call::EpollWait { epfd, .. } => format!("{epfd}, "),
        other => args(other, None),
    }
}

/// The full argument list; `ret` fills in output arguments on success.
pub fn args(call: &Call, ret: Option<&Ret>) -> String {
    match call {
        Call::Write { fd, data } => format!("{fd}, {}, {}", quote(data), data.len()),
        Call::Read { fd, count } => match ret {
            Some(Ret::Bytes(d)) => format!("{fd}, {}, {count}", quote(d)),
            _ => format!("{fd}, 0x7ffc0000, {count}"),
        },
        Call::ClockNanosleep { until } => {
            format!("CLOCK_MONOTONIC, TIMER_ABSTIME, {}, NULL", timespec(*until))
        }
        Call::ClockGettime { monotonic } => {
            let clock = if *monotonic { "CLOCK_MONOTONIC" } else { "CLOCK_REALTIME" };
            match ret {
                Some(Ret::Time(t)) => format!("{clock}, {}", timespec(*t)),
                _ => format!("{clock}, 0x7ffc0000"),
            }
        }
        Call::Getpid | Call::Pause => String::new(),
        Call::Nanosleep { duration } => format!("{}, NULL", timespec(*duration)),
        Call::Socket { domain, ty, protocol } => {
            let d = if *domain == AF_INET { "AF_INET".to_string() } else { domain.to_string() };
            let base = match ty & 0xf {
                SOCK_STREAM => "SOCK_STREAM".to_string(),
                SOCK_DGRAM => "SOCK_DGRAM".to_string(),
                other => other.to_string(),
            };
            let f = flags((ty & !0xf) as i64, &SOCK_FLAGS, "");
            let t = if f.is_empty() { base } else { format!("{base}|{f}") };
            let p = match *protocol {
                0 => "IPPROTO_IP".to_string(),
                IPPROTO_TCP => "IPPROTO_TCP".to_string(),
                IPPROTO_UDP => "IPPROTO_UDP".to_string(),
                other => other.to_string(),
            };
            format!("{d}, {t}, {p}")
        }
        Call::Bind { fd, addr } | Call::Connect { fd, addr } => format!("{fd}, {}, 16", sockaddr(addr)),
        Call::Listen { fd, backlog } => format!("{fd}, {backlog}"),
        Call::Accept4 { fd, flags: f } => {
            let fl = flags(*f as i64, &SOCK_FLAGS, "0");
            match ret {
                Some(Ret::Accepted { peer, .. }) => format!("{fd}, {}, [16], {fl}", sockaddr(peer)),
                _ => format!("{fd}, NULL, NULL, {fl}"),
            }
        }
        Call::RecvFrom { fd, len, flags } => {
            let f = msg_flags(*flags);
            match ret {
                Some(Ret::Recv { data, from: Some(a) }) => {
                    format!("{fd}, {}, {len}, {f}, {}, [16]", quote(data), sockaddr(a))
                }
                Some(Ret::Recv { data, from: None }) => {
                    format!("{fd}, {}, {len}, {f}, NULL, NULL", quote(data))
                }
                _ => format!("{fd}, 0x7ffc0000, {len}, {f}, NULL, NULL"),
            }
        }
        Call::SendTo { fd, data, flags, addr } => {
            let f = msg_flags(*flags);
            match addr {
                Some(a) => format!("{fd}, {}, {}, {f}, {}, 16", quote(data), data.len(), sockaddr(a)),
                None => format!("{fd}, {}, {}, {f}, NULL, 0", quote(data), data.len()),
            }
        }
        Call::Shutdown { fd, how } => {
            let h = match *how {
                SHUT_RD => "SHUT_RD".to_string(),
                SHUT_WR => "SHUT_WR".to_string(),
                SHUT_RDWR => "SHUT_RDWR".to_string(),
                other => other.to_string(),
            };
            format!("{fd}, {h}")
        }
        Call::Close { fd } => fd.to_string(),
        Call::GetSockName { fd } | Call::GetPeerName { fd } => match ret {
            Some(Ret::Addr(a)) => format!("{fd}, {}, [16]", sockaddr(a)),
            _ => format!("{fd}, 0x7ffc0000, [16]"),
        },
        Call::SetSockOpt { fd, level, name, value } => {
            format!("{fd}, {}, [{value}], 4", sockopt(*level, *name))
        }
        Call::GetSockOpt { fd, level, name } => match ret {
            Some(Ret::Int(v)) => format!("{fd}, {}, [{v}], [4]", sockopt(*level, *name)),
            _ => format!("{fd}, {}, 0x7ffc0000, [4]", sockopt(*level, *name)),
        },
        Call::Fcntl { fd, cmd, arg } => format!("{fd}, {}", fcntl_cmd(*cmd, *arg)),
        Call::Ioctl { fd, request, arg } => match *request {
            FIONBIO => format!("{fd}, FIONBIO, [{arg}]"),
            FIOASYNC => format!("{fd}, FIOASYNC, [{arg}]"),
            FIONREAD => match ret {
                Some(Ret::Int(n)) => format!("{fd}, FIONREAD, [{n}]"),
                _ => format!("{fd}, FIONREAD, 0x7ffc0000"),
            },
            super::file::TCGETS => format!("{fd}, TCGETS, 0x7ffc0000"),
            other => format!("{fd}, {other:#x}, {arg}"),
        },
        Call::Pipe2 { flags: f } => {
            let names = [(O_NONBLOCK, "O_NONBLOCK"), (O_CLOEXEC as i64, "O_CLOEXEC")];
            let fl = flags(*f as i64, &names, "0");
            match ret {
                Some(Ret::Pipe { read, write }) => format!("[{read}, {write}], {fl}"),
                _ => format!("0x7ffc0000, {fl}"),
            }
        }
        Call::Select { nfds, read, write, except, timeout } => {
            let t = timeout
                .map(|t| format!("{{tv_sec={}, tv_usec={}}}", t / 1_000_000_000, t % 1_000_000_000 / 1000));
            format!(
                "{nfds}, {}, {}, {}, {}",
                fd_set(read),
                fd_set(write),
                fd_set(except),
                t.unwrap_or_else(|| "NULL".into())
            )
        }
        Call::Poll { fds, timeout_ms } => {
            format!("{}, {}, {}", pollfds(fds, false), fds.len(), ms(*timeout_ms))
        }
        Call::EpollCreate1 { flags: f } => flags(*f as i64, &[(EPOLL_CLOEXEC as i64, "EPOLL_CLOEXEC")], "0"),
        Call::EpollCtl { epfd, op, fd, events, data } => {
            let o = match *op {
                EPOLL_CTL_ADD => "EPOLL_CTL_ADD",
                EPOLL_CTL_DEL => "EPOLL_CTL_DEL",
                EPOLL_CTL_MOD => "EPOLL_CTL_MOD",
                _ => "EPOLL_CTL_???",
            };
            if *op == EPOLL_CTL_DEL {
                format!("{epfd}, {o}, {fd}, NULL")
            } else {
                format!(
                    "{epfd}, {o}, {fd}, {{events={}, data={{u32={}, u64={data}}}}}",
                    epoll_events(*events),
                    *data as u32
                )
            }
        }
        Call::EpollWait { epfd, maxevents, timeout_ms } => match ret {
            Some(Ret::Epoll(evs)) => {
                let items: Vec<String> = evs
                    .iter()
                    .map(|e| {
                        format!(
                            "{{events={}, data={{u32={}, u64={}}}}}",
                            epoll_events(e.events),
                            e.data as u32,
                            e.data
                        )
                    })
                    .collect();
                format!("{epfd}, [{}], {maxevents}, {timeout_ms}", items.join(", "))
            }
            _ => format!("{epfd}, 0x7ffc0000, {maxevents}, {timeout_ms}"),
        },
        Call::RtSigaction { sig, action } => {
            let new = action.as_ref().map(sigaction).unwrap_or_else(|| "NULL".into());
            let old = match ret {
                Some(Ret::SigAction(o)) => sigaction(o),
                _ => "0x7ffc0000".into(),
            };
            format!("{}, {new}, {old}, 8", signame(*sig))
        }
        Call::RtSigprocmask { how, set } => {
            let h = match *how {
                SIG_BLOCK => "SIG_BLOCK",
                SIG_UNBLOCK => "SIG_UNBLOCK",
                SIG_SETMASK => "SIG_SETMASK",
                _ => "SIG_???",
            };
            let s = match set {
                Some(bits) => sigset(*bits),
                None => "NULL".into(),
            };
            let old = match ret {
                Some(Ret::SigMask(o)) => sigset(*o),
                _ => "0x7ffc0000".into(),
            };
            format!("{h}, {s}, {old}, 8")
        }
        Call::Kill { pid, sig } => format!("{pid}, {}", if *sig == 0 { "0".into() } else { signame(*sig) }),
        Call::Alarm { seconds } => seconds.to_string(),
        Call::Setitimer { which, value, interval } => {
            let w = if *which == ITIMER_REAL { "ITIMER_REAL".to_string() } else { which.to_string() };
            let tv =
                |t: Nanos| format!("{{tv_sec={}, tv_usec={}}}", t / 1_000_000_000, t % 1_000_000_000 / 1000);
            let old = match ret {
                Some(Ret::Itimer { value, interval }) => {
                    format!("{{it_interval={}, it_value={}}}", tv(*interval), tv(*value))
                }
                _ => "NULL".into(),
            };
            format!("{w}, {{it_interval={}, it_value={}}}, {old}", tv(*interval), tv(*value))
        }
        Call::AioRead { cb, fd, nbytes, notify } => {
            format!(
                "{{aio_fildes={fd}, aio_nbytes={nbytes}, aio_sigevent={}}} /* {cb:#x} */",
                sigevent(notify)
            )
        }
        Call::AioWrite { cb, fd, data, notify } => format!(
            "{{aio_fildes={fd}, aio_buf={}, aio_nbytes={}, aio_sigevent={}}} /* {cb:#x} */",
            quote(data),
            data.len(),
            sigevent(notify)
        ),
        Call::AioError { cb } | Call::AioReturn { cb } => format!("{cb:#x}"),
        Call::AioSuspend { cbs, timeout } => {
            let list: Vec<String> = cbs.iter().map(|c| format!("{c:#x}")).collect();
            format!(
                "[{}], {}, {}",
                list.join(", "),
                cbs.len(),
                timeout.map(timespec).unwrap_or_else(|| "NULL".into())
            )
        }
        Call::IoUringSetup { entries } => format!("{entries}, {{}}"),
        Call::IoUringEnter { fd, submit, min_complete } => {
            let ops: Vec<String> = submit.iter().map(|s| uring_op(&s.op)).collect();
            let flag = if *min_complete > 0 { "IORING_ENTER_GETEVENTS" } else { "0" };
            format!("{fd}, {} /* [{}] */, {min_complete}, {flag}, NULL, 0", submit.len(), ops.join(", "))
        }
        Call::ExitGroup { status } => status.to_string(),
    }
}

fn msg_flags(f: i32) -> String {
    let names = [
        (MSG_PEEK as i64, "MSG_PEEK"),
        (MSG_DONTWAIT as i64, "MSG_DONTWAIT"),
        (MSG_NOSIGNAL as i64, "MSG_NOSIGNAL"),
    ];
    flags(f as i64, &names, "0")
}

fn sigset(bits: u64) -> String {
    let names: Vec<String> = (1..=64)
        .filter(|s| bits & (1u64 << (s - 1)) != 0)
        .map(|s| signame(s).trim_start_matches("SIG").to_string())
        .collect();
    format!("[{}]", names.join(" "))
}

/// The result as strace prints it after ` = `.
pub fn ret(call: &Call, r: &Ret) -> String {
    if let Call::ExitGroup { .. } = call {
        return "?".into(); // it never returns
    }
    match r {
        Ret::Int(n) => match call {
            Call::Fcntl { cmd: F_GETFL, .. } => format!("{n:#x} (flags {})", getfl(*n)),
            Call::Fcntl { cmd: F_GETFD, .. } if *n != 0 => format!("{n:#x} (flags FD_CLOEXEC)"),
            _ => n.to_string(),
        },
        Ret::Bytes(d) => d.len().to_string(),
        Ret::Time(_)
        | Ret::Addr(_)
        | Ret::Pipe { .. }
        | Ret::SigAction(_)
        | Ret::SigMask(_)
        | Ret::Itimer { .. } => "0".into(),
        Ret::Recv { data, .. } => data.len().to_string(),
        Ret::Accepted { fd, .. } => fd.to_string(),
        Ret::Selected { read, write, except } => {
            let n = read.len() + write.len() + except.len();
            if n == 0 {
                return "0 (Timeout)".into();
            }
            let mut parts = Vec::new();
            for (name, set) in [("in", read), ("out", write), ("except", except)] {
                if !set.is_empty() {
                    parts.push(format!("{name} {}", fd_set(set)));
                }
            }
            format!("{n} ({})", parts.join(", "))
        }
        Ret::Polled(fds) => {
            let n = fds.iter().filter(|p| p.revents != 0).count();
            if n == 0 {
                "0 (Timeout)".into()
            } else {
                format!("{n} ({})", pollfds(fds, true))
            }
        }
        Ret::Epoll(evs) => evs.len().to_string(),
        Ret::Uring { submitted, .. } => submitted.to_string(),
    }
}

fn getfl(n: i64) -> String {
    let access = match n & 3 {
        O_WRONLY => "O_WRONLY",
        O_RDWR => "O_RDWR",
        _ => "O_RDONLY",
    };
    let mut s = access.to_string();
    if n & O_NONBLOCK != 0 {
        s.push_str("|O_NONBLOCK");
    }
    if n & O_ASYNC != 0 {
        s.push_str("|O_ASYNC");
    }
    s
}

/// The fd whose "wait for data" phase a blocked call is in (reads, accepts, and the multiplexers).
pub fn waits_for_data(call: &Call) -> Option<Fd> {
    match call {
        Call::Read { fd, .. } | Call::RecvFrom { fd, .. } | Call::Accept4 { fd, .. } => Some(*fd),
        Call::Select { read, .. } => read.first().copied(),
        Call::Poll { fds, .. } => fds.iter().find(|p| p.events & POLLIN != 0).map(|p| p.fd),
        Call::EpollWait { epfd, .. } => Some(*epfd),
        _ => None,
    }
}

/// What a blocked process waits for, in words.
pub fn wait_text(w: &WaitOn) -> String {
    match w {
        WaitOn::Readable(fd) => format!("fd {fd} to become readable"),
        WaitOn::Writable(fd) => format!("fd {fd} to become writable"),
        WaitOn::Any { readable, writable, deadline } => {
            let mut s = format!("any of read {} write {}", fd_set(readable), fd_set(writable));
            if let Some(d) = deadline {
                s.push_str(&format!(" until {}", crate::trace::format_time(*d)));
            }
            s
        }
        WaitOn::Until(t) => format!("the time {}", crate::trace::format_time(*t)),
        WaitOn::Signal => "a signal".into(),
    }
}
