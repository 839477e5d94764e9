//! Readiness on real fds: `select`, `poll` and `epoll_wait` with virtual fds translated to real ones,
//! the driver's wake-up checks, and SIGIO for O_ASYNC fds. Every look at the real kernel is a
//! zero-timeout `poll` (or `epoll_wait`); only [`NativeKernel::advance`] waits, between steps.

use super::fdmap::Target;
use super::sigio::Signalled;
use super::{os, NativeKernel, Step};
use crate::sys::consts::*;
use crate::sys::{EpollEvent, Errno, Fd, Nanos, Pid, PollFd, Ret, WaitOn};

/// What counts as "readable" and "writable" for select(2) (fs/select.c's POLLIN_SET and POLLOUT_SET).
const READ_SET: i16 = POLLIN | POLLHUP | POLLERR;
const WRITE_SET: i16 = POLLOUT | POLLERR;

impl NativeKernel {
    /// `revents` of each `(virtual fd, events)` now: real fds through one real `poll`; stdout and
    /// stderr are always writable; an fd that is not open is POLLNVAL.
    pub(super) fn revents(&self, pid: Pid, fds: &[(Fd, i16)]) -> Vec<i16> {
        let Some(p) = self.procs.get(&pid) else {
            return vec![POLLNVAL; fds.len()];
        };
        let mut real = Vec::new();
        let mut out: Vec<i16> = fds
            .iter()
            .map(|&(fd, events)| match p.fds.get(fd).map(|e| e.target) {
                None => POLLNVAL,
                Some(Target::Output(_)) => events & POLLOUT,
                Some(Target::Real { fd: r, .. }) => {
                    real.push((r, events));
                    0
                }
            })
            .collect();
        let mut real_answers = os::poll(&real, 0).into_iter();
        for (i, &(fd, _)) in fds.iter().enumerate() {
            if matches!(p.fds.get(fd).map(|e| e.target), Some(Target::Real { .. })) {
                out[i] = real_answers.next().unwrap_or(0);
            }
        }
        out
    }

    /// Any of these fds is readable or writable now (an fd closed meanwhile counts: the retried call
    /// will say EBADF).
    pub(super) fn ready_now(&self, pid: Pid, readable: &[Fd], writable: &[Fd]) -> bool {
        let asks: Vec<(Fd, i16)> =
            readable.iter().map(|fd| (*fd, POLLIN)).chain(writable.iter().map(|fd| (*fd, POLLOUT))).collect();
        self.revents(pid, &asks).iter().any(|r| *r != 0)
    }

    /// Every real fd some blocked process waits on, for the between-steps wait.
    pub(super) fn waited_real_fds(&self) -> Vec<(os::RealFd, i16)> {
        let mut out = Vec::new();
        for p in self.procs.values().filter(|p| p.alive) {
            let Some(wait) = p.in_call.as_ref().and_then(|ic| ic.wait.as_ref()) else {
                continue;
            };
            let (readable, writable): (Vec<Fd>, Vec<Fd>) = match wait {
                WaitOn::Readable(fd) => (vec![*fd], vec![]),
                WaitOn::Writable(fd) => (vec![], vec![*fd]),
                WaitOn::Any { readable, writable, .. } => (readable.clone(), writable.clone()),
                WaitOn::Until(_) | WaitOn::Signal => continue,
            };
            let asks =
                readable.iter().map(|fd| (*fd, POLLIN)).chain(writable.iter().map(|fd| (*fd, POLLOUT)));
            for (fd, events) in asks {
                if let Some((real, _)) = p.fds.get(fd).and_then(|e| e.real()) {
                    out.push((real, events));
                }
            }
        }
        out
    }

    /// SIGIO (or F_SETSIG's signal) to the virtual owner of each O_ASYNC fd the real kernel signalled.
    pub(super) fn check_async_io(&mut self) {
        let Some(source) = &self.sigio else { return };
        let signalled = source.drain();
        if signalled.is_empty() {
            return;
        }
        let overflow = signalled.contains(&Signalled::Overflow);
        let mut raise = Vec::new();
        for (pid, p) in self.procs.iter().filter(|(_, p)| p.alive) {
            for (fd, e) in p.fds.iter().filter(|(_, e)| e.async_io && e.owner > 0) {
                let Some((real, _)) = e.real() else { continue };
                let named = signalled.contains(&Signalled::Fd(real));
                // After an overflow the real kernel no longer says which fd: every readable one counts.
                let guessed =
                    overflow && self.revents(*pid, &[(fd, POLLIN)])[0] & (POLLIN | POLLHUP | POLLERR) != 0;
                if named || guessed {
                    raise.push((e.owner as Pid, if e.sig == 0 { SIGIO } else { e.sig }));
                }
            }
        }
        for (owner, sig) in raise {
            self.raise_signal(owner, sig);
        }
    }

    /// O_ASYNC on or off for a program's fd: virtual for stdout/stderr, real (through the SIGIO source,
    /// opened on first use) for real fds.
    pub(super) fn set_async(&mut self, pid: Pid, fd: Fd, on: bool) -> Result<(), Errno> {
        let e = self.entry(pid, fd)?;
        if let Some((real, _)) = e.real() {
            if self.sigio.is_none() && on {
                self.sigio = Some(super::sigio::SigioSource::new()?);
            }
            if let Some(source) = &self.sigio {
                source.set_async(real, on)?;
            }
        }
        let entry = self.procs.get_mut(&pid).and_then(|p| p.fds.get_mut(fd)).expect("checked above");
        entry.async_io = on;
        Ok(())
    }

    /// Every blocked process whose wait is over now, with one real `poll` for all their fds together
    /// (a poll per process would make a step cost grow with the square of the processes).
    pub(super) fn ready_waiters(&mut self) -> Vec<Pid> {
        let now = self.now;
        let mut ready = Vec::new();
        let mut asks: Vec<(os::RealFd, i16)> = Vec::new();
        let mut askers: Vec<Pid> = Vec::new();
        let mut suspended = Vec::new();
        for (pid, p) in self.procs.iter().filter(|(_, p)| p.alive) {
            let Some(ic) = p.in_call.as_ref() else { continue };
            let Some(wait) = ic.wait.as_ref() else { continue };
            if p.signals.next_deliverable().is_some() {
                ready.push(*pid);
                continue;
            }
            if matches!(ic.call, crate::sys::Call::AioSuspend { .. }) {
                suspended.push(*pid);
                continue;
            }
            let (readable, writable, deadline) = match wait {
                WaitOn::Readable(fd) => (std::slice::from_ref(fd), &[][..], None),
                WaitOn::Writable(fd) => (&[][..], std::slice::from_ref(fd), None),
                WaitOn::Any { readable, writable, deadline } => (&readable[..], &writable[..], *deadline),
                WaitOn::Until(t) => (&[][..], &[][..], Some(*t)),
                WaitOn::Signal => continue,
            };
            if deadline.is_some_and(|d| now >= d) {
                ready.push(*pid);
                continue;
            }
            let wanted =
                readable.iter().map(|fd| (*fd, POLLIN)).chain(writable.iter().map(|fd| (*fd, POLLOUT)));
            for (fd, events) in wanted {
                match p.fds.get(fd).map(|e| e.target) {
                    Some(Target::Real { fd: real, .. }) => {
                        asks.push((real, events));
                        askers.push(*pid);
                    }
                    // Always writable, or closed meanwhile (the retried call says EBADF).
                    Some(Target::Output(_)) if events == POLLOUT => ready.push(*pid),
                    Some(Target::Output(_)) => {}
                    None => ready.push(*pid),
                }
            }
        }
        for (pid, revents) in askers.into_iter().zip(os::poll(&asks, 0)) {
            if revents != 0 {
                ready.push(pid);
            }
        }
        for pid in suspended {
            if self.aio_suspend_over(pid) == Some(true) {
                ready.push(pid);
            }
        }
        ready.sort_unstable();
        ready.dedup();
        ready
    }

    /// The timeout of a multiplexer has run out (or was zero).
    fn expired(&self, deadline: Option<Nanos>) -> bool {
        deadline.is_some_and(|d| self.now >= d)
    }

    /// `select(2)`, answered with a real `poll` so real fds above FD_SETSIZE still work underneath.
    pub(super) fn sys_select(
        &mut self,
        pid: Pid,
        nfds: i32,
        sets: [&[Fd]; 3],
        deadline: Option<Nanos>,
    ) -> Step {
        let [read, write, except] = sets;
        if !(0..=FD_SETSIZE).contains(&nfds) {
            return Step::Done(Err(Errno::EINVAL));
        }
        let asks: Vec<(Fd, i16)> = read
            .iter()
            .map(|fd| (*fd, READ_SET))
            .chain(write.iter().map(|fd| (*fd, WRITE_SET)))
            .chain(except.iter().map(|fd| (*fd, POLLPRI)))
            .filter(|(fd, _)| *fd < nfds)
            .collect();
        let revents = self.revents(pid, &asks);
        if revents.iter().any(|r| r & POLLNVAL != 0) {
            return Step::Done(Err(Errno::EBADF));
        }
        let mut ready: [Vec<Fd>; 3] = Default::default();
        for ((fd, events), r) in asks.iter().zip(&revents) {
            if r & events == 0 {
                continue;
            }
            let set = match *events {
                READ_SET => 0,
                WRITE_SET => 1,
                _ => 2,
            };
            ready[set].push(*fd);
        }
        if ready.iter().all(Vec::is_empty) && !self.expired(deadline) {
            let mut readable: Vec<Fd> = read.iter().chain(except).copied().collect();
            readable.dedup();
            return Step::Block(WaitOn::Any { readable, writable: write.to_vec(), deadline });
        }
        // An fd_set is a bitmap: each ready fd once, in ascending order (as the real select answers).
        for set in &mut ready {
            set.sort_unstable();
            set.dedup();
        }
        let [read, write, except] = ready;
        Step::Done(Ok(Ret::Selected { read, write, except }))
    }

    /// `poll(2)`: negative fds are skipped, closed ones are POLLNVAL; POLLERR/POLLHUP always count.
    pub(super) fn sys_poll(&mut self, pid: Pid, fds: &[PollFd], deadline: Option<Nanos>) -> Step {
        let asks: Vec<(Fd, i16)> = fds.iter().filter(|p| p.fd >= 0).map(|p| (p.fd, p.events)).collect();
        let mut answers = self.revents(pid, &asks).into_iter();
        let out: Vec<PollFd> = fds
            .iter()
            .map(|p| PollFd { revents: if p.fd >= 0 { answers.next().unwrap_or(0) } else { 0 }, ..*p })
            .collect();
        if out.iter().all(|p| p.revents == 0) && !self.expired(deadline) {
            let pick =
                |mask: i16| fds.iter().filter(|p| p.fd >= 0 && p.events & mask != 0).map(|p| p.fd).collect();
            return Step::Block(WaitOn::Any {
                readable: pick(POLLIN | POLLPRI),
                writable: pick(POLLOUT),
                deadline,
            });
        }
        Step::Done(Ok(Ret::Polled(out)))
    }

    /// `epoll_ctl(2)` on the real epoll instance, with the target translated; `data` is the program's.
    pub(super) fn sys_epoll_ctl(
        &mut self,
        pid: Pid,
        epfd: Fd,
        op: i32,
        fd: Fd,
        events: u32,
        data: u64,
    ) -> Step {
        // Linux's `do_epoll_ctl` order: both fds exist (EBADF), the target can be polled (EPERM), then the
        // first is an epoll instance other than the target (EINVAL).
        let ep = match self.entry(pid, epfd) {
            Ok(e) => e.real(),
            Err(e) => return Step::Done(Err(e)),
        };
        let target = match self.entry(pid, fd) {
            Ok(e) => e,
            Err(e) => return Step::Done(Err(e)),
        };
        let Some((real, _)) = target.real() else {
            // stdout and stderr are records, not real files; see README (Deliberate differences).
            return Step::Done(Err(Errno::EPERM));
        };
        let ep = match ep {
            Some((ep, super::fdmap::RealKind::Epoll)) if fd != epfd => ep,
            _ => return Step::Done(Err(Errno::EINVAL)),
        };
        Step::Done(os::epoll_ctl(ep, op, real, events, data).map(|()| Ret::Int(0)))
    }

    /// `epoll_wait(2)`: the real instance's ready list, looked at without blocking; the caller blocks
    /// on the epoll fd itself becoming readable (a real epoll fd is pollable).
    pub(super) fn sys_epoll_wait(
        &mut self,
        pid: Pid,
        epfd: Fd,
        maxevents: i32,
        deadline: Option<Nanos>,
    ) -> Step {
        let ep = match self.entry(pid, epfd).map(|e| e.real()) {
            Ok(Some((real, super::fdmap::RealKind::Epoll))) => real,
            Ok(_) => return Step::Done(Err(Errno::EINVAL)),
            Err(e) => return Step::Done(Err(e)),
        };
        if maxevents <= 0 {
            return Step::Done(Err(Errno::EINVAL));
        }
        let events = match os::epoll_wait_now(ep, maxevents as usize) {
            Ok(evs) => evs,
            Err(e) => return Step::Done(Err(e)),
        };
        if events.is_empty() && !self.expired(deadline) {
            return Step::Block(WaitOn::Any { readable: vec![epfd], writable: vec![], deadline });
        }
        let events = events.into_iter().map(|(events, data)| EpollEvent { events, data }).collect();
        Step::Done(Ok(Ret::Epoll(events)))
    }
}
