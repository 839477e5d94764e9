//! Kernel objects behind fds (sockets, pipes, stdio, epoll instances, io_uring rings), in a slab with
//! deterministic reuse of free slots, each with its wait queue and the epoll interests watching it.

use super::socket::Socket;
use crate::sys::{Cqe, Fd, Pid, Sqe};
use std::collections::{BTreeMap, VecDeque};

/// An index into the object slab.
pub type ObjId = usize;

/// Bytes waiting on stdin, and whether the other side closed it.
#[derive(Clone, Debug, Default)]
pub struct Stdin {
    pub data: VecDeque<u8>,
    pub eof: bool,
}

/// A pipe: one buffer, counted ends. Linux's default capacity is 16 pages.
#[derive(Clone, Debug)]
pub struct Pipe {
    pub buf: VecDeque<u8>,
    pub readers: usize,
    pub writers: usize,
}

/// Linux's default pipe capacity (16 × 4096).
pub const PIPE_CAPACITY: usize = 65536;

/// One fd registered in an epoll instance.
#[derive(Clone, Debug)]
pub struct Interest {
    pub obj: ObjId,
    pub events: u32,
    pub data: u64,
    /// On the ready list now (Linux's `rdllink` membership).
    pub queued: bool,
}

/// An epoll instance: the interest list and the ready list (Linux's `rbr` and `rdllist`).
#[derive(Clone, Debug, Default)]
pub struct Epoll {
    pub interests: BTreeMap<Fd, Interest>,
    pub ready: VecDeque<Fd>,
    /// The process whose fd table the interest fds belong to.
    pub owner: Pid,
}

/// An io_uring instance: submissions not yet complete, completions not yet reaped.
#[derive(Clone, Debug, Default)]
pub struct Uring {
    pub entries: u32,
    pub owner: Pid,
    pub pending: Vec<Sqe>,
    pub completions: VecDeque<Cqe>,
    /// TIMEOUT ops whose timer is set, by user_data.
    pub armed: std::collections::BTreeSet<u64>,
}

#[derive(Clone, Debug)]
pub enum ObjKind {
    Socket(Box<Socket>),
    Pipe(Pipe),
    Stdin(Stdin),
    /// stdout or stderr: everything written, recorded.
    Stdout(Vec<u8>),
    Epoll(Epoll),
    Uring(Uring),
}

/// A kernel object with its wait queue.
#[derive(Clone, Debug)]
pub struct Obj {
    pub kind: ObjKind,
    /// How many fds (in any table) refer to it.
    pub refs: usize,
    /// Processes blocked on it (woken and cleared when it becomes ready).
    pub waiters: Vec<Pid>,
    /// Epoll instances (object id, fd there) that watch it.
    pub watchers: Vec<(ObjId, Fd)>,
    /// `O_ASYNC`: raise `sigio` at `owner` when it becomes ready (signal-driven IO).
    pub async_owner: Option<Pid>,
    pub async_enabled: bool,
    /// `F_SETSIG`; 0 means SIGIO.
    pub sigio: i32,
    /// aio and io_uring requests waiting for this object to become ready.
    pub async_waiters: Vec<AsyncWaiter>,
}

/// An asynchronous request parked on an object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AsyncWaiter {
    /// `aio_read` of a process's control block.
    Aio(Pid, u64),
    /// An io_uring instance with pending ops.
    Uring(ObjId),
}

/// The slab.
#[derive(Clone, Debug, Default)]
pub struct Objects {
    slots: Vec<Option<Obj>>,
    free: Vec<ObjId>,
}

impl Objects {
    pub fn insert(&mut self, kind: ObjKind) -> ObjId {
        let obj = Obj {
            kind,
            refs: 0,
            waiters: Vec::new(),
            watchers: Vec::new(),
            async_owner: None,
            async_enabled: false,
            sigio: 0,
            async_waiters: Vec::new(),
        };
        match self.free.pop() {
            Some(id) => {
                self.slots[id] = Some(obj);
                id
            }
            None => {
                self.slots.push(Some(obj));
                self.slots.len() - 1
            }
        }
    }

    pub fn remove(&mut self, id: ObjId) -> Option<Obj> {
        let obj = self.slots.get_mut(id)?.take();
        if obj.is_some() {
            self.free.push(id);
        }
        obj
    }

    pub fn exists(&self, id: ObjId) -> bool {
        matches!(self.slots.get(id), Some(Some(_)))
    }

    /// The object; a dangling id is a broken internal rule.
    pub fn get(&self, id: ObjId) -> &Obj {
        self.slots[id].as_ref().expect("live object id")
    }

    pub fn get_mut(&mut self, id: ObjId) -> &mut Obj {
        self.slots[id].as_mut().expect("live object id")
    }

    pub fn try_get(&self, id: ObjId) -> Option<&Obj> {
        self.slots.get(id).and_then(|o| o.as_ref())
    }

    pub fn try_get_mut(&mut self, id: ObjId) -> Option<&mut Obj> {
        self.slots.get_mut(id).and_then(|o| o.as_mut())
    }

    pub fn socket(&self, id: ObjId) -> Option<&Socket> {
        match &self.try_get(id)?.kind {
            ObjKind::Socket(s) => Some(s),
            _ => None,
        }
    }

    pub fn socket_mut(&mut self, id: ObjId) -> Option<&mut Socket> {
        match &mut self.slots.get_mut(id)?.as_mut()?.kind {
            ObjKind::Socket(s) => Some(s),
            _ => None,
        }
    }
}
