//! POSIX aio on real fds, with the backend in the role glibc gives its helper thread: `aio_read` returns
//! at once, the backend takes the data from the real (non-blocking) fd as soon as the real kernel has it,
//! then raises the requested signal — UNP figure 6.5 with a real wire underneath.
//!
//! Deliberate differences, as the simulated kernel's: `aio_write` writes at once, non-blocking (a full
//! buffer completes with EAGAIN); `aio_return` before completion is EINVAL.

use super::fdmap::RealKind;
use super::{os, NativeKernel, Step};
use crate::sys::{Call, Errno, Fd, Nanos, Pid, Ret, SigEvent, WaitOn};
use crate::trace::{Kind, Phase};

/// One control block the backend works on.
#[derive(Clone, Debug)]
pub struct AioCb {
    fd: Fd,
    nbytes: usize,
    notify: SigEvent,
    /// None while waiting for data.
    done: Option<Result<Ret, Errno>>,
}

impl AioCb {
    pub fn fd(&self) -> Fd {
        self.fd
    }

    pub fn is_done(&self) -> bool {
        self.done.is_some()
    }
}

impl NativeKernel {
    /// `aio_read(3)`.
    pub(super) fn sys_aio_read(
        &mut self,
        pid: Pid,
        cb: u64,
        fd: Fd,
        nbytes: usize,
        notify: SigEvent,
    ) -> Step {
        if let Err(e) = self.entry(pid, fd) {
            return Step::Done(Err(e));
        }
        let p = self.procs.get_mut(&pid).expect("alive");
        if p.aio.get(&cb).is_some_and(|c| c.done.is_none()) {
            return Step::Done(Err(Errno::EINVAL));
        }
        p.aio.insert(cb, AioCb { fd, nbytes, notify, done: None });
        self.aio_used = true;
        self.emit(pid, super::phase(Phase::WaitForData, false, fd, 0));
        self.aio_try(pid, cb);
        Step::Done(Ok(Ret::Int(0)))
    }

    /// `aio_write(3)`: written at once.
    pub(super) fn sys_aio_write(&mut self, pid: Pid, cb: u64, fd: Fd, data: &[u8], notify: SigEvent) -> Step {
        if let Err(e) = self.entry(pid, fd) {
            return Step::Done(Err(e));
        }
        // A write that would block completes with EAGAIN, as in the simulated kernel.
        let result = match self.sys_write(pid, fd, data, 0) {
            Step::Done(Ok(Ret::Int(n))) => Ok(n as usize),
            Step::Done(Ok(_)) => Ok(0),
            Step::Done(Err(e)) => Err(e),
            Step::Block(_) => Err(Errno::EAGAIN),
        };
        let res = match &result {
            Ok(n) => *n as i64,
            Err(e) => -(e.code() as i64),
        };
        let done = Some(result.map(|n| Ret::Int(n as i64)));
        let p = self.procs.get_mut(&pid).expect("alive");
        let nbytes = data.len();
        p.aio.insert(cb, AioCb { fd, nbytes, notify, done });
        let what = "aio_write".into();
        self.emit(pid, Kind::AsyncDone { what, res });
        if let SigEvent::Signal(sig) = notify {
            self.raise_signal_from(pid, sig, crate::kernel::SigCode::AsyncIo);
        }
        Step::Done(Ok(Ret::Int(0)))
    }

    /// Try to take the data of a waiting `aio_read` from the real fd.
    fn aio_try(&mut self, pid: Pid, cb: u64) {
        let Some(c) = self.procs.get(&pid).and_then(|p| p.aio.get(&cb)).cloned() else {
            return;
        };
        if c.done.is_some() {
            return;
        }
        let taken = match self.entry(pid, c.fd).map(|e| e.real()) {
            Ok(Some((real, RealKind::Tcp | RealKind::Udp))) => {
                os::recvfrom(real, c.nbytes, 0).map(|(d, _)| d)
            }
            Ok(Some((real, RealKind::PipeRead))) => os::read(real, c.nbytes),
            Ok(_) => Err(Errno::EINVAL),
            Err(e) => Err(e),
        };
        if taken == Err(Errno::EAGAIN) {
            return;
        }
        self.emit(pid, super::phase(Phase::WaitForData, true, c.fd, 0));
        let res = match &taken {
            Ok(data) => {
                // The real kernel copied inside the call: the copy phase opens and closes at once.
                self.emit(pid, super::phase(Phase::CopyToUser, false, c.fd, data.len()));
                self.emit(pid, super::phase(Phase::CopyToUser, true, c.fd, data.len()));
                data.len() as i64
            }
            Err(e) => -(e.code() as i64),
        };
        if let Some(c) = self.procs.get_mut(&pid).and_then(|p| p.aio.get_mut(&cb)) {
            c.done = Some(taken.map(Ret::Bytes));
        }
        let what = "aio_read".into();
        self.emit(pid, Kind::AsyncDone { what, res });
        if let SigEvent::Signal(sig) = c.notify {
            self.raise_signal_from(pid, sig, crate::kernel::SigCode::AsyncIo);
        }
        self.woken.insert(pid);
    }

    /// Let every waiting `aio_read` of every process take its data if the real kernel has it.
    pub(super) fn aio_progress(&mut self) {
        if !self.aio_used {
            return;
        }
        let waiting: Vec<(Pid, u64)> = self
            .procs
            .iter()
            .filter(|(_, p)| p.alive)
            .flat_map(|(pid, p)| {
                p.aio.iter().filter(|(_, c)| c.done.is_none()).map(move |(cb, _)| (*pid, *cb))
            })
            .collect();
        for (pid, cb) in waiting {
            self.aio_try(pid, cb);
        }
    }

    /// The fds of every waiting `aio_read` (the between-steps wait watches them too).
    pub(super) fn aio_waiting_fds(&self) -> Vec<(os::RealFd, i16)> {
        let mut out = Vec::new();
        for p in self.procs.values().filter(|p| p.alive) {
            for c in p.aio.values().filter(|c| c.done.is_none()) {
                if let Some((real, _)) = p.fds.get(c.fd).and_then(|e| e.real()) {
                    out.push((real, crate::sys::consts::POLLIN));
                }
            }
        }
        out
    }

    /// `aio_error(3)`: the status as a value (EINPROGRESS while running).
    pub(super) fn sys_aio_error(&mut self, pid: Pid, cb: u64) -> Result<Ret, Errno> {
        let c = self.procs.get(&pid).and_then(|p| p.aio.get(&cb)).ok_or(Errno::EINVAL)?;
        Ok(Ret::Int(match &c.done {
            Some(Ok(_)) => 0,
            Some(Err(e)) => e.code() as i64,
            None => Errno::EINPROGRESS.code() as i64,
        }))
    }

    /// `aio_return(3)`: the result, once; the control block is then forgotten.
    pub(super) fn sys_aio_return(&mut self, pid: Pid, cb: u64) -> Result<Ret, Errno> {
        let p = self.procs.get_mut(&pid).expect("alive");
        if p.aio.get(&cb).is_none_or(|c| c.done.is_none()) {
            return Err(Errno::EINVAL);
        }
        p.aio.remove(&cb).and_then(|c| c.done).expect("checked above")
    }

    /// Is any of these control blocks done (or unknown)?
    fn aio_any_done(&self, pid: Pid, cbs: &[u64]) -> bool {
        let Some(p) = self.procs.get(&pid) else {
            return true;
        };
        cbs.iter().any(|cb| p.aio.get(cb).is_none_or(|c| c.done.is_some()))
    }

    /// `aio_suspend(3)`: EAGAIN when the timeout passes first.
    pub(super) fn sys_aio_suspend(&mut self, pid: Pid, cbs: &[u64], deadline: Option<Nanos>) -> Step {
        if cbs.is_empty() {
            return Step::Done(Err(Errno::EINVAL));
        }
        self.aio_progress();
        if self.aio_any_done(pid, cbs) {
            return Step::Done(Ok(Ret::Int(0)));
        }
        if deadline.is_some_and(|d| self.now >= d) {
            return Step::Done(Err(Errno::EAGAIN));
        }
        let p = &self.procs[&pid];
        let readable = cbs.iter().filter_map(|cb| p.aio.get(cb)).map(|c| c.fd).collect();
        Step::Block(WaitOn::Any { readable, writable: Vec::new(), deadline })
    }

    /// A blocked `aio_suspend` is over when a control block is done, not when its fd is readable.
    pub(super) fn aio_suspend_over(&mut self, pid: Pid) -> Option<bool> {
        let ic = self.procs.get(&pid)?.in_call.as_ref()?;
        let Call::AioSuspend { cbs, .. } = &ic.call else {
            return None;
        };
        let (cbs, deadline) = (cbs.clone(), ic.deadline);
        self.aio_progress();
        Some(self.aio_any_done(pid, &cbs) || deadline.is_some_and(|d| self.now >= d))
    }
}
