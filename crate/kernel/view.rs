//! A read-only, serialisable snapshot of the kernel for the UI's state panel and the CLI: fd tables,
//! sockets (state, buffers, listen queue), epoll interest and ready lists, pending signals, aio control
//! blocks, counters, and the call each process is blocked in.

use super::aio::AioState;
use super::objects::ObjKind;
use super::socket::Proto;
use super::{Counters, Kernel};
use crate::sys::{Fd, Pid};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KernelView {
    pub time: u64,
    pub processes: Vec<ProcessView>,
    /// Segments on the wire now.
    pub in_flight: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProcessView {
    pub pid: Pid,
    pub name: String,
    pub host: String,
    pub alive: bool,
    /// The syscall it is in (blocked or copying), strace-style, if any.
    pub in_call: Option<String>,
    pub fds: Vec<FdView>,
    pub pending_signals: Vec<i32>,
    pub blocked_signals: Vec<i32>,
    pub aio: Vec<AioView>,
    pub counters: Counters,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FdView {
    pub fd: Fd,
    pub nonblock: bool,
    pub cloexec: bool,
    pub object: ObjectView,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum ObjectView {
    Stdin {
        buffered: usize,
        eof: bool,
    },
    Stdout {
        written: usize,
    },
    Pipe {
        write_end: bool,
        buffered: usize,
    },
    Tcp {
        state: String,
        local: Option<String>,
        remote: Option<String>,
        /// Bytes received and not yet read.
        recv_queue: usize,
        /// Bytes in the send buffer (unsent or unacknowledged).
        send_queue: usize,
        backlog: usize,
        accept_queue: usize,
        error: Option<String>,
    },
    Udp {
        local: Option<String>,
        remote: Option<String>,
        datagrams: usize,
        error: Option<String>,
    },
    Epoll {
        interests: Vec<InterestView>,
        ready: Vec<Fd>,
    },
    IoUring {
        pending: usize,
        completions: usize,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InterestView {
    pub fd: Fd,
    pub events: String,
    pub data: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AioView {
    pub cb: u64,
    pub fd: Fd,
    /// `waiting for data`, `copying`, `done`.
    pub state: String,
}

fn signals(bits: u64) -> Vec<i32> {
    (1..=64).filter(|s| bits & (1u64 << (s - 1)) != 0).collect()
}

impl Kernel {
    /// The syscall a process is in (blocked, or in its copy phase), if any.
    pub fn blocked_in(&self, pid: Pid) -> Option<&crate::sys::Call> {
        self.procs.get(&pid)?.in_call.as_ref().map(|c| &c.call)
    }

    /// A snapshot of everything the state panel shows.
    pub fn view(&self) -> KernelView {
        let processes = self.procs.values().map(|p| self.process_view(p.pid)).collect();
        KernelView { time: self.now, processes, in_flight: self.wire.in_flight() }
    }

    fn process_view(&self, pid: Pid) -> ProcessView {
        let p = &self.procs[&pid];
        let fds = p
            .fds
            .open_fds()
            .into_iter()
            .filter_map(|fd| {
                let e = p.fds.get(fd)?;
                Some(FdView {
                    fd,
                    nonblock: e.nonblock,
                    cloexec: e.cloexec,
                    object: self.object_view(e.obj, e.write_end),
                })
            })
            .collect();
        let aio = p
            .aio
            .iter()
            .map(|(cb, c)| AioView {
                cb: *cb,
                fd: c.fd,
                state: match c.state {
                    AioState::Waiting => "waiting for data",
                    AioState::Copying(_) => "copying",
                    AioState::Done(_) => "done",
                }
                .into(),
            })
            .collect();
        ProcessView {
            pid,
            name: p.name.clone(),
            host: self.hosts[p.host].name.clone(),
            alive: p.alive,
            in_call: p
                .in_call
                .as_ref()
                .map(|c| format!("{}({})", c.call.name(), super::render::args(&c.call, None))),
            fds,
            pending_signals: signals(p.signals.pending),
            blocked_signals: signals(p.signals.blocked),
            aio,
            counters: p.counters,
        }
    }

    fn object_view(&self, id: super::ObjId, write_end: bool) -> ObjectView {
        let addr = |a: Option<crate::sys::SocketAddrV4>| a.map(|a| a.to_string());
        match &self.objs.get(id).kind {
            ObjKind::Stdin(s) => ObjectView::Stdin { buffered: s.data.len(), eof: s.eof },
            ObjKind::Stdout(d) => ObjectView::Stdout { written: d.len() },
            ObjKind::Pipe(p) => ObjectView::Pipe { write_end, buffered: p.buf.len() },
            ObjKind::Socket(s) => match s.proto {
                Proto::Tcp => ObjectView::Tcp {
                    state: format!("{:?}", s.state),
                    local: addr(s.local),
                    remote: addr(s.remote),
                    recv_queue: s.rx.len(),
                    send_queue: s.tx.len(),
                    backlog: s.backlog,
                    accept_queue: s.accept_q.len(),
                    error: s.error.map(|e| e.name().to_string()),
                },
                Proto::Udp => ObjectView::Udp {
                    local: addr(s.local),
                    remote: addr(s.remote),
                    datagrams: s.dgrams.len(),
                    error: s.error.map(|e| e.name().to_string()),
                },
            },
            ObjKind::Epoll(e) => ObjectView::Epoll {
                interests: e
                    .interests
                    .iter()
                    .map(|(fd, i)| InterestView {
                        fd: *fd,
                        events: super::render::epoll_events(i.events),
                        data: i.data,
                    })
                    .collect(),
                ready: e
                    .ready
                    .iter()
                    .copied()
                    .filter(|fd| e.interests.get(fd).is_some_and(|i| i.queued))
                    .collect(),
            },
            ObjKind::Uring(u) => {
                ObjectView::IoUring { pending: u.pending.len(), completions: u.completions.len() }
            }
        }
    }
}
