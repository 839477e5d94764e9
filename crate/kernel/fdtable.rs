//! A process's fd table: lowest free fd first, `RLIMIT_NOFILE` (1024) enforced with EMFILE.

use super::objects::ObjId;
use crate::sys::consts::RLIMIT_NOFILE;
use crate::sys::{Errno, Fd};
use std::collections::BTreeSet;

/// One open fd. The simulation has no `dup`/`fork`, so an fd and its open file description are one:
/// `O_NONBLOCK` lives here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FdEntry {
    pub obj: ObjId,
    pub nonblock: bool,
    pub cloexec: bool,
    /// For a pipe: this fd is the write end.
    pub write_end: bool,
}

#[derive(Clone, Debug, Default)]
pub struct FdTable {
    slots: Vec<Option<FdEntry>>,
    /// Free slots below `slots.len()`, so the lowest free fd is found without a scan.
    holes: BTreeSet<Fd>,
    open: usize,
    /// The soft `RLIMIT_NOFILE`; 1024 unless a test raises it (c10k needs more, as `ulimit -n` does).
    pub limit: Option<usize>,
}

impl FdTable {
    pub fn get(&self, fd: Fd) -> Option<&FdEntry> {
        self.slots.get(usize::try_from(fd).ok()?).and_then(|e| e.as_ref())
    }

    pub fn get_mut(&mut self, fd: Fd) -> Option<&mut FdEntry> {
        self.slots.get_mut(usize::try_from(fd).ok()?).and_then(|e| e.as_mut())
    }

    /// Put an object at the lowest free fd.
    pub fn install(&mut self, obj: ObjId, nonblock: bool, cloexec: bool) -> Result<Fd, Errno> {
        self.install_entry(FdEntry { obj, nonblock, cloexec, write_end: false })
    }

    pub fn install_entry(&mut self, entry: FdEntry) -> Result<Fd, Errno> {
        let fd = match self.holes.first() {
            Some(&fd) => fd,
            None => self.slots.len() as Fd,
        };
        if fd as usize >= self.limit.unwrap_or(RLIMIT_NOFILE) {
            return Err(Errno::EMFILE);
        }
        if fd as usize == self.slots.len() {
            self.slots.push(Some(entry));
        } else {
            self.holes.remove(&fd);
            self.slots[fd as usize] = Some(entry);
        }
        self.open += 1;
        Ok(fd)
    }

    /// Free an fd; its entry, if it was open.
    pub fn remove(&mut self, fd: Fd) -> Option<FdEntry> {
        let entry = self.slots.get_mut(usize::try_from(fd).ok()?)?.take()?;
        self.holes.insert(fd);
        self.open -= 1;
        Some(entry)
    }

    /// How many fds are open.
    pub fn len(&self) -> usize {
        self.open
    }

    pub fn is_empty(&self) -> bool {
        self.open == 0
    }

    /// The open fds, ascending.
    pub fn open_fds(&self) -> Vec<Fd> {
        self.slots.iter().enumerate().filter(|(_, e)| e.is_some()).map(|(fd, _)| fd as Fd).collect()
    }
}
