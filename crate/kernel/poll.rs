//! Readiness and its three interfaces: `select` (fd sets, FD_SETSIZE 1024, scans every fd each time),
//! `poll` (a list, scanned each time), and `epoll` (an interest list, and a ready list that the objects'
//! wake-ups fill, so a wait costs the ready fds, not all of them — Linux's `ep_poll_callback` design).
//!
//! Decision where Linux and glibc part: `select` with `nfds` above FD_SETSIZE answers EINVAL. (The Linux
//! syscall would accept it; glibc's `FD_SET` aborts with `*** buffer overflow detected ***` first, and
//! CPython raises `ValueError: filedescriptor out of range in select()` before calling; either way a
//! program cannot select on fd 1024, and EINVAL is the kernel-level way to say so.)
//!
//! A second difference: a `select` set naming an fd that is not open is EBADF whatever its number. Linux
//! looks only below its fd table's size (`fdt->max_fds`, at least 64, grown in powers of two by the fds
//! the process, or its parent before the fork, opened) and copies back only those bits, so a not-open fd above it comes back still set and CPython
//! lists it as ready — an answer that depends on the process's history; the simulation keeps no table
//! size to leak. (Checked with CPython 3.11 on this machine: `select([300], [], [], 0)` gave `[300]`.)

use super::objects::{Epoll, Interest, ObjId, ObjKind};
use super::socket::{Proto, TcpState};
use super::{Kernel, Step};
use crate::sys::consts::*;
use crate::sys::{EpollEvent, Errno, Fd, Nanos, Pid, PollFd, Ret, WaitOn};

const POLLRDNORM: i16 = 0x40;
const POLLWRNORM: i16 = 0x100;
/// What makes a select read set (and a blocked reader) ready.
pub const READ_READY: i16 = POLLIN | POLLHUP | POLLERR;
/// What makes a select write set (and a blocked writer) ready.
pub const WRITE_READY: i16 = POLLOUT | POLLERR;
const IN: i16 = POLLIN | POLLRDNORM;
const OUT: i16 = POLLOUT | POLLWRNORM;

impl Kernel {
    /// The poll bits of an object now (`write_end` picks a pipe's end).
    pub(super) fn obj_mask(&self, id: ObjId, write_end: bool) -> i16 {
        let Some(obj) = self.objs.try_get(id) else {
            return POLLNVAL;
        };
        match &obj.kind {
            ObjKind::Socket(s) => match s.proto {
                Proto::Udp => {
                    let mut m = OUT;
                    if !s.dgrams.is_empty() || s.shut_rd {
                        m |= IN;
                    }
                    // Linux's `datagram_poll`: shut directions count even on an unconnected socket.
                    if s.shut_rd {
                        m |= POLLRDHUP;
                    }
                    if s.shut_rd && s.shut_wr {
                        m |= POLLHUP;
                    }
                    if s.error.is_some() {
                        m |= POLLERR; // not POLLIN: `datagram_poll` (select still counts it as readable)
                    }
                    m
                }
                Proto::Tcp => {
                    let err = if s.error.is_some() { POLLERR } else { 0 };
                    match s.state {
                        TcpState::Listen => {
                            if s.accept_q.is_empty() {
                                0
                            } else {
                                IN
                            }
                        }
                        TcpState::SynSent | TcpState::SynRcvd => err,
                        TcpState::Closed if !s.was_connected && s.error.is_none() => {
                            // `shutdown` of an unconnected socket fails with ENOTCONN yet shuts it.
                            let read_shut = if s.shut_rd { IN | POLLRDHUP } else { 0 };
                            OUT | POLLHUP | read_shut
                        }
                        TcpState::Closed => IN | OUT | POLLHUP | POLLRDHUP | err,
                        _ => {
                            let mut m = err;
                            let rd_shut = s.rx_fin || s.shut_rd;
                            if !s.rx.is_empty() || rd_shut {
                                m |= IN;
                            }
                            if rd_shut {
                                m |= POLLRDHUP;
                            }
                            if rd_shut && s.shut_wr {
                                m |= POLLHUP;
                            }
                            // Linux's sk_stream_is_writeable: free space at least half the queued bytes.
                            if s.shut_wr || s.send_space() * 2 >= s.tx.len() && s.send_space() > 0 {
                                m |= OUT;
                            }
                            m
                        }
                    }
                }
            },
            ObjKind::Pipe(p) if write_end => {
                if p.readers == 0 {
                    OUT | POLLERR
                } else if p.buf.len() < super::objects::PIPE_CAPACITY {
                    OUT
                } else {
                    0
                }
            }
            ObjKind::Pipe(p) => {
                let mut m = if p.buf.is_empty() { 0 } else { IN };
                if p.writers == 0 {
                    m |= POLLHUP;
                }
                m
            }
            ObjKind::Stdin(s) => {
                if !s.data.is_empty() || s.eof {
                    IN
                } else {
                    0
                }
            }
            ObjKind::Stdout(_) => OUT,
            ObjKind::Epoll(e) => {
                if e.ready.is_empty() {
                    0
                } else {
                    IN
                }
            }
            ObjKind::Uring(u) => {
                if u.completions.is_empty() {
                    0
                } else {
                    IN
                }
            }
        }
    }

    /// The poll bits of a process's fd (POLLNVAL if it is not open).
    pub(super) fn fd_mask(&self, pid: Pid, fd: Fd) -> i16 {
        match self.procs.get(&pid).and_then(|p| p.fds.get(fd)) {
            Some(e) => self.obj_mask(e.obj, e.write_end),
            None => POLLNVAL,
        }
    }

    /// Something happened on an object that may make it ready: wake its waiters, fill the ready lists of
    /// the epolls watching it, raise SIGIO for O_ASYNC, and let aio/io_uring requests on it proceed.
    /// Called only on events that add readiness (data, a connection, room, EOF, an error), as Linux's
    /// `sk_data_ready`/`sk_write_space`, so edge-triggered epoll sees one edge per event.
    pub(super) fn wake_obj(&mut self, id: ObjId) {
        let Some(obj) = self.objs.try_get(id) else { return };
        let watchers = obj.watchers.clone();
        let sigio = if obj.async_enabled { obj.async_owner.map(|p| (p, obj.sigio)) } else { None };
        let has_async = !obj.async_waiters.is_empty();
        let obj = self.objs.get_mut(id);
        let waiters = std::mem::take(&mut obj.waiters);
        self.woken.extend(waiters);
        for (ep, fd) in watchers {
            self.epoll_callback(ep, fd, id);
        }
        if let Some((pid, sig)) = sigio {
            self.raise_signal(pid, if sig == 0 { SIGIO } else { sig });
        }
        if has_async {
            self.async_progress(id);
        }
    }

    fn epoll_callback(&mut self, ep: ObjId, fd: Fd, target: ObjId) {
        let Some(ObjKind::Epoll(e)) = self.objs.try_get(ep).map(|o| &o.kind) else {
            return;
        };
        let Some(interest) = e.interests.get(&fd) else {
            return;
        };
        if interest.obj != target || interest.queued {
            return;
        }
        let write_end = self.procs.get(&e.owner).and_then(|p| p.fds.get(fd)).is_some_and(|f| f.write_end);
        let wanted = interest.events & !(EPOLLET | EPOLLONESHOT);
        if wanted == 0 {
            return; // a fired EPOLLONESHOT, disabled until EPOLL_CTL_MOD
        }
        let mask = self.obj_mask(target, write_end) as u16 as u32 & (wanted | EPOLLERR | EPOLLHUP);
        if mask == 0 {
            return;
        }
        if let ObjKind::Epoll(e) = &mut self.objs.get_mut(ep).kind {
            e.interests.get_mut(&fd).expect("checked").queued = true;
            e.ready.push_back(fd);
        }
        self.wake_obj(ep);
    }

    /// Remove fd's interest from an epoll (EPOLL_CTL_DEL, or the fd closed).
    pub(super) fn epoll_forget(&mut self, ep: ObjId, fd: Fd, target: ObjId) {
        if let Some(ObjKind::Epoll(e)) = self.objs.try_get(ep).map(|o| &o.kind) {
            if e.interests.get(&fd).is_some_and(|i| i.obj == target) {
                if let ObjKind::Epoll(e) = &mut self.objs.get_mut(ep).kind {
                    e.interests.remove(&fd); // a stale ready-list entry is skipped by epoll_wait
                }
            }
        }
        if let Some(o) = self.objs.try_get_mut(target) {
            o.watchers.retain(|w| *w != (ep, fd));
        }
    }

    /// `select(2)`: `nfds` above FD_SETSIZE is EINVAL (see the module doc); fds at or above `nfds` are not
    /// looked at, as the kernel reads only `nfds` bits.
    pub(super) fn sys_select(
        &mut self,
        pid: Pid,
        nfds: i32,
        read: &[Fd],
        write: &[Fd],
        except: &[Fd],
        deadline: Option<Nanos>,
    ) -> Step {
        if !(0..=FD_SETSIZE).contains(&nfds) {
            return Step::Done(Err(Errno::EINVAL));
        }
        let within = |fd: &&Fd| **fd >= 0 && **fd < nfds;
        let mut ready = (Vec::new(), Vec::new(), Vec::new());
        for (set, want, out) in [
            (read, READ_READY, &mut ready.0),
            (write, WRITE_READY, &mut ready.1),
            (except, POLLPRI, &mut ready.2),
        ] {
            for fd in set.iter().filter(within) {
                let m = self.fd_mask(pid, *fd);
                if m & POLLNVAL != 0 {
                    return Step::Done(Err(Errno::EBADF));
                }
                if m & want != 0 && !out.contains(fd) {
                    out.push(*fd);
                }
            }
        }
        self.procs.get_mut(&pid).expect("alive").counters.fds_scanned += nfds as u64;
        // An fd_set is a bitmap: each ready fd once, in ascending order (as strace prints it).
        let (mut r, mut w, mut x) = ready;
        for set in [&mut r, &mut w, &mut x] {
            set.sort_unstable();
        }
        if !(r.is_empty() && w.is_empty() && x.is_empty()) || deadline.is_some_and(|d| self.now >= d) {
            return Step::Done(Ok(Ret::Selected { read: r, write: w, except: x }));
        }
        // The simulation never raises POLLPRI, so except sets add nothing to wait for.
        let readable = read.iter().filter(within).copied().collect();
        let writable = write.iter().filter(within).copied().collect();
        Step::Block(WaitOn::Any { readable, writable, deadline })
    }

    /// `poll(2)`.
    pub(super) fn sys_poll(&mut self, pid: Pid, fds: &[PollFd], deadline: Option<Nanos>) -> Step {
        if fds.len() > RLIMIT_NOFILE.max(self.procs[&pid].fds.limit.unwrap_or(0)) {
            return Step::Done(Err(Errno::EINVAL));
        }
        let mut out = fds.to_vec();
        let mut count = 0;
        for p in out.iter_mut() {
            p.revents = if p.fd < 0 {
                0
            } else {
                let m = self.fd_mask(pid, p.fd);
                m & (p.events | POLLERR | POLLHUP | POLLNVAL)
            };
            if p.revents != 0 {
                count += 1;
            }
        }
        self.procs.get_mut(&pid).expect("alive").counters.fds_scanned += fds.len() as u64;
        if count > 0 || deadline.is_some_and(|d| self.now >= d) {
            return Step::Done(Ok(Ret::Polled(out)));
        }
        let readable = fds.iter().filter(|p| p.fd >= 0 && p.events & (POLLIN | POLLPRI) != 0).map(|p| p.fd);
        let writable = fds.iter().filter(|p| p.fd >= 0 && p.events & POLLOUT != 0).map(|p| p.fd);
        Step::Block(WaitOn::Any { readable: readable.collect(), writable: writable.collect(), deadline })
    }

    /// `epoll_create1(2)`.
    pub(super) fn sys_epoll_create1(&mut self, pid: Pid, flags: i32) -> Result<Ret, Errno> {
        if flags & !EPOLL_CLOEXEC != 0 {
            return Err(Errno::EINVAL);
        }
        let id = self.objs.insert(ObjKind::Epoll(Epoll { owner: pid, ..Default::default() }));
        match self.install(pid, id, false, flags & EPOLL_CLOEXEC != 0) {
            Ok(fd) => Ok(Ret::Int(fd as i64)),
            Err(e) => {
                self.objs.remove(id);
                Err(e)
            }
        }
    }

    /// `epoll_ctl(2)`.
    pub(super) fn sys_epoll_ctl(
        &mut self,
        pid: Pid,
        epfd: Fd,
        op: i32,
        fd: Fd,
        events: u32,
        data: u64,
    ) -> Result<Ret, Errno> {
        let ep = self.fd(pid, epfd)?.obj;
        let target = self.fd(pid, fd)?;
        let ObjKind::Epoll(e) = &self.objs.get(ep).kind else {
            return Err(Errno::EINVAL);
        };
        if ep == target.obj {
            return Err(Errno::EINVAL);
        }
        let exists = e.interests.contains_key(&fd);
        match op {
            EPOLL_CTL_ADD if exists => return Err(Errno::EEXIST),
            EPOLL_CTL_MOD | EPOLL_CTL_DEL if !exists => return Err(Errno::ENOENT),
            EPOLL_CTL_ADD | EPOLL_CTL_MOD => {
                if let ObjKind::Epoll(e) = &mut self.objs.get_mut(ep).kind {
                    let entry = e.interests.entry(fd).or_insert(Interest {
                        obj: target.obj,
                        events,
                        data,
                        queued: false,
                    });
                    entry.events = events;
                    entry.data = data;
                }
                if op == EPOLL_CTL_ADD {
                    self.objs.get_mut(target.obj).watchers.push((ep, fd));
                }
                // Already ready: on the ready list at once, as ep_insert/ep_modify do.
                self.epoll_callback(ep, fd, target.obj);
            }
            EPOLL_CTL_DEL => self.epoll_forget(ep, fd, target.obj),
            _ => return Err(Errno::EINVAL),
        }
        Ok(Ret::Int(0))
    }

    /// `epoll_wait(2)`: take fds off the ready list, report those still ready; level-triggered ones go
    /// back on the list for the next wait, EPOLLONESHOT ones are disabled.
    pub(super) fn sys_epoll_wait(
        &mut self,
        pid: Pid,
        epfd: Fd,
        maxevents: i32,
        deadline: Option<Nanos>,
    ) -> Step {
        let ep = match self.fd(pid, epfd) {
            Ok(e) => e.obj,
            Err(err) => return Step::Done(Err(err)),
        };
        if !matches!(self.objs.get(ep).kind, ObjKind::Epoll(_)) || maxevents <= 0 {
            return Step::Done(Err(Errno::EINVAL));
        }
        let mut out = Vec::new();
        let mut requeue = Vec::new();
        while out.len() < maxevents as usize {
            let next = match &mut self.objs.get_mut(ep).kind {
                ObjKind::Epoll(e) => e.ready.pop_front(),
                _ => None,
            };
            let Some(fd) = next else { break };
            let ObjKind::Epoll(e) = &self.objs.get(ep).kind else {
                break;
            };
            let Some(interest) = e.interests.get(&fd).filter(|i| i.queued).cloned() else {
                continue;
            };
            let write_end = self.procs[&pid].fds.get(fd).is_some_and(|f| f.write_end);
            let wanted = interest.events & !(EPOLLET | EPOLLONESHOT);
            let mask = self.obj_mask(interest.obj, write_end) as u16 as u32 & (wanted | EPOLLERR | EPOLLHUP);
            let ObjKind::Epoll(e) = &mut self.objs.get_mut(ep).kind else {
                break;
            };
            let i = e.interests.get_mut(&fd).expect("present");
            i.queued = false;
            if mask == 0 || wanted == 0 {
                continue;
            }
            out.push(EpollEvent { events: mask, data: interest.data });
            if interest.events & EPOLLONESHOT != 0 {
                i.events &= EPOLLET | EPOLLONESHOT;
            } else if interest.events & EPOLLET == 0 {
                i.queued = true;
                requeue.push(fd);
            }
        }
        if let ObjKind::Epoll(e) = &mut self.objs.get_mut(ep).kind {
            e.ready.extend(requeue);
        }
        self.procs.get_mut(&pid).expect("alive").counters.epoll_ready_hits += out.len() as u64;
        if !out.is_empty() || deadline.is_some_and(|d| self.now >= d) {
            return Step::Done(Ok(Ret::Epoll(out)));
        }
        match deadline {
            None => Step::Block(WaitOn::Readable(epfd)),
            Some(_) => Step::Block(WaitOn::Any { readable: vec![epfd], writable: Vec::new(), deadline }),
        }
    }
}
