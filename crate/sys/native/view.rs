//! The state panel's snapshot ([`KernelView`], the simulated kernel's type) read from the real kernel:
//! TCP state and queues from `TCP_INFO`, `SIOCINQ` and `SIOCOUTQ`, epoll interest lists from
//! `/proc/self/fdinfo`, addresses from `getsockname`/`getpeername`.
//!
//! What Linux does not say without changing it is left out: an epoll's ready list (reading it consumes
//! it), a socket's pending error (SO_ERROR clears it), how many datagrams wait (only the first one's
//! size is known: `datagrams` is 1 when any waits). Nothing is in flight on a wire the backend cannot see.

use super::fdmap::{RealKind, Target};
use super::os::{self, RealFd};
use super::{NativeKernel, Proc};
use crate::kernel::render;
use crate::kernel::{AioView, FdView, InterestView, KernelView, ObjectView, ProcessView};
use crate::sys::{Fd, Pid};

/// `SIOCOUTQ`: bytes in the send queue.
const SIOCOUTQ: u64 = 0x5411;

/// Linux's `tcpi_state` numbers, named as the simulated kernel names its states.
fn tcp_state_name(state: u8) -> &'static str {
    match state {
        1 => "Established",
        2 => "SynSent",
        3 => "SynRcvd",
        4 => "FinWait1",
        5 => "FinWait2",
        6 => "TimeWait",
        8 => "CloseWait",
        9 => "LastAck",
        10 => "Listen",
        11 => "Closing",
        _ => "Closed",
    }
}

fn signals(bits: u64) -> Vec<i32> {
    (1..=64).filter(|s| bits & (1u64 << (s - 1)) != 0).collect()
}

impl NativeKernel {
    /// A snapshot of everything the state panel shows, as the real kernel reports it now.
    pub fn view(&self) -> KernelView {
        let processes = self.procs.iter().map(|(pid, p)| self.process_view(*pid, p)).collect();
        KernelView { time: self.now, processes, in_flight: 0 }
    }

    fn process_view(&self, pid: Pid, p: &Proc) -> ProcessView {
        let fds = p
            .fds
            .iter()
            .map(|(fd, e)| FdView {
                fd,
                nonblock: e.nonblock,
                cloexec: e.cloexec,
                object: self.object_view(p, e.target),
            })
            .collect();
        let aio = p
            .aio
            .iter()
            .map(|(cb, c)| AioView {
                cb: *cb,
                fd: c.fd(),
                state: if c.is_done() { "done" } else { "waiting for data" }.into(),
            })
            .collect();
        let (pending, blocked) = (p.signals.pending, p.signals.blocked);
        ProcessView {
            pid,
            name: p.name.clone(),
            host: "localhost".into(),
            alive: p.alive,
            in_call: p
                .in_call
                .as_ref()
                .map(|c| format!("{}({})", c.call.name(), render::args(&c.call, None))),
            fds,
            pending_signals: signals(pending),
            blocked_signals: signals(blocked),
            aio,
            counters: p.counters,
        }
    }

    fn object_view(&self, p: &Proc, target: Target) -> ObjectView {
        let (real, kind) = match target {
            Target::Output(1) => return ObjectView::Stdout { written: p.stdout.len() },
            Target::Output(_) => return ObjectView::Stdout { written: p.stderr.len() },
            Target::Real { fd, kind } => (fd, kind),
        };
        let queued = |fd| os::fionread(fd).unwrap_or(0).max(0) as usize;
        let addr =
            |a: Result<crate::sys::SocketAddrV4, _>| a.ok().filter(|a| a.port() != 0).map(|a| a.to_string());
        match kind {
            RealKind::PipeRead if real == p.stdin_reader => {
                ObjectView::Stdin { buffered: queued(real), eof: p.stdin_writer.is_none() }
            }
            RealKind::PipeRead | RealKind::PipeWrite => {
                ObjectView::Pipe { write_end: kind == RealKind::PipeWrite, buffered: queued(real) }
            }
            RealKind::Tcp => {
                let info = os::tcp_info(real).unwrap_or([0; 32]);
                let word =
                    |at: usize| u32::from_ne_bytes([info[at], info[at + 1], info[at + 2], info[at + 3]]);
                let listening = info[0] == 10;
                ObjectView::Tcp {
                    state: tcp_state_name(info[0]).into(),
                    local: addr(os::getsockname(real)),
                    remote: addr(os::getpeername(real)),
                    recv_queue: if listening { 0 } else { queued(real) },
                    send_queue: if listening {
                        0
                    } else {
                        os::ioctl_int(real, SIOCOUTQ).unwrap_or(0).max(0) as usize
                    },
                    // For a listener, TCP_INFO's `unacked` is the accept queue and `sacked` the backlog.
                    backlog: if listening { word(28) as usize } else { 0 },
                    accept_queue: if listening { word(24) as usize } else { 0 },
                    error: None,
                }
            }
            RealKind::Udp => ObjectView::Udp {
                local: addr(os::getsockname(real)),
                remote: addr(os::getpeername(real)),
                datagrams: usize::from(os::poll(&[(real, crate::sys::consts::POLLIN)], 0)[0] != 0),
                error: None,
            },
            RealKind::Epoll => ObjectView::Epoll {
                interests: epoll_interests(real)
                    .into_iter()
                    .filter_map(|(tfd, events, data)| {
                        let fd = virtual_fd(p, tfd)?;
                        Some(InterestView { fd, events: render::epoll_events(events), data })
                    })
                    .collect(),
                ready: Vec::new(),
            },
            RealKind::Uring => {
                let (pending, completions) = self.rings.get(&real).map_or((0, 0), |r| r.counts());
                ObjectView::IoUring { pending, completions }
            }
        }
    }
}

/// The virtual fd of a process that stands for this real fd.
fn virtual_fd(p: &Proc, real: RealFd) -> Option<Fd> {
    p.fds.iter().find(|(_, e)| e.real().is_some_and(|(r, _)| r == real)).map(|(fd, _)| fd)
}

/// An epoll instance's interest list as `/proc/self/fdinfo` prints it: (target fd, events, data).
fn epoll_interests(epfd: RealFd) -> Vec<(RealFd, u32, u64)> {
    let text = std::fs::read_to_string(format!("/proc/self/fdinfo/{epfd}")).unwrap_or_default();
    text.lines()
        .filter(|l| l.starts_with("tfd:"))
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            let mut field = |name: &str| {
                words.find(|w| *w == name)?;
                words.next()
            };
            let tfd = field("tfd:")?.parse().ok()?;
            let events = u32::from_str_radix(field("events:")?, 16).ok()?;
            let data = u64::from_str_radix(field("data:")?, 16).ok()?;
            Some((tfd, events, data))
        })
        .collect()
}
