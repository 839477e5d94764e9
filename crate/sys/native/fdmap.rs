//! A virtual process's fd table: the numbers a program sees (Linux's lowest-free numbering from 0) mapped
//! to real fds of this one OS process, with the flags a program sets kept virtual — every real fd is
//! non-blocking underneath, so `nonblock` here decides whether a call answers EAGAIN or blocks.

use super::os::RealFd;
use crate::sys::{Errno, Fd};

/// What a real fd is, for the calls that behave differently on each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RealKind {
    Tcp,
    Udp,
    PipeRead,
    PipeWrite,
    Epoll,
    Uring,
}

/// What a virtual fd stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A real fd owned by this entry (there is no `dup`, so one entry owns one real fd).
    Real { fd: RealFd, kind: RealKind },
    /// stdout (1) or stderr (2): recorded for the driver, never written to the real fds 1 and 2.
    Output(u8),
}

/// One open fd and its program-visible flags.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub target: Target,
    /// O_NONBLOCK as the program set it.
    pub nonblock: bool,
    pub cloexec: bool,
    /// O_ASYNC: SIGIO (or `sig`) goes to `owner` when the real kernel signals the real fd.
    pub async_io: bool,
    /// F_SETOWN's pid (virtual).
    pub owner: i32,
    /// F_SETSIG's signal; 0 means SIGIO.
    pub sig: i32,
}

impl Entry {
    pub fn new(target: Target, nonblock: bool) -> Entry {
        Entry { target, nonblock, cloexec: false, async_io: false, owner: 0, sig: 0 }
    }

    pub fn real(&self) -> Option<(RealFd, RealKind)> {
        match self.target {
            Target::Real { fd, kind } => Some((fd, kind)),
            Target::Output(_) => None,
        }
    }
}

/// The table, indexed by virtual fd.
#[derive(Clone, Debug, Default)]
pub struct FdMap {
    slots: Vec<Option<Entry>>,
    /// RLIMIT_NOFILE, as the simulated kernel's default (1024).
    pub limit: usize,
}

impl FdMap {
    pub fn new() -> FdMap {
        FdMap { slots: Vec::new(), limit: 1024 }
    }

    /// Install at the lowest free number, or EMFILE.
    pub fn install(&mut self, entry: Entry) -> Result<Fd, Errno> {
        let free = self.slots.iter().position(Option::is_none).unwrap_or(self.slots.len());
        if free >= self.limit {
            return Err(Errno::EMFILE);
        }
        if free == self.slots.len() {
            self.slots.push(None);
        }
        self.slots[free] = Some(entry);
        Ok(free as Fd)
    }

    pub fn get(&self, fd: Fd) -> Option<&Entry> {
        usize::try_from(fd).ok().and_then(|i| self.slots.get(i)).and_then(Option::as_ref)
    }

    pub fn get_mut(&mut self, fd: Fd) -> Option<&mut Entry> {
        usize::try_from(fd).ok().and_then(|i| self.slots.get_mut(i)).and_then(Option::as_mut)
    }

    pub fn remove(&mut self, fd: Fd) -> Option<Entry> {
        usize::try_from(fd).ok().and_then(|i| self.slots.get_mut(i)).and_then(Option::take)
    }

    /// Open fds in order.
    pub fn iter(&self) -> impl Iterator<Item = (Fd, &Entry)> {
        self.slots.iter().enumerate().filter_map(|(i, e)| e.as_ref().map(|e| (i as Fd, e)))
    }
}
