//! Asynchronous IO, two ways: POSIX aio as UNP figure 6.5 draws it (the kernel waits for the data *and*
//! copies it, then signals), and an io_uring-shaped submission/completion queue, Linux's modern form.
//!
//! Deliberate differences: glibc implements `aio_*` with a helper thread doing a blocking `read`; here the
//! kernel does it, as the figure says. `aio_write` and io_uring SEND do the write at once, non-blocking
//! (a full buffer completes with EAGAIN). `aio_return` before completion is EINVAL (POSIX leaves it
//! undefined). io_uring's rings are passed by value (see [`crate::sys::Call::IoUringEnter`]).

use super::objects::{AsyncWaiter, ObjId, ObjKind, Uring};
use super::{Kernel, Step, Timer};
use crate::sys::consts::{ETIME, MSG_DONTWAIT, POLLERR, POLLHUP, POLLNVAL};
use crate::sys::{Cqe, Errno, Fd, Nanos, Pid, Ret, SigEvent, Sqe, UringOp};
use crate::trace::{Kind, Phase};

/// A control block's progress.
#[derive(Clone, Debug, PartialEq)]
pub enum AioState {
    /// Phase 1: waiting for data.
    Waiting,
    /// Phase 2: the kernel copies the data to user space.
    Copying(Vec<u8>),
    Done(Result<Ret, Errno>),
}

/// An `aiocb` the kernel works on.
#[derive(Clone, Debug)]
pub struct AioCb {
    pub fd: Fd,
    pub nbytes: usize,
    pub notify: SigEvent,
    pub state: AioState,
}

impl Kernel {
    /// `aio_read(3)`: returns at once; the kernel finishes both phases on its own.
    pub(super) fn sys_aio_read(
        &mut self,
        pid: Pid,
        cb: u64,
        fd: Fd,
        nbytes: usize,
        notify: SigEvent,
    ) -> Result<Ret, Errno> {
        let obj = self.fd(pid, fd)?.obj;
        let p = self.procs.get_mut(&pid).ok_or(Errno::ESRCH)?;
        if p.aio.get(&cb).is_some_and(|c| !matches!(c.state, AioState::Done(_))) {
            return Err(Errno::EINVAL);
        }
        p.aio.insert(cb, AioCb { fd, nbytes, notify, state: AioState::Waiting });
        self.emit(pid, Kind::Phase { phase: Phase::WaitForData, end: false, fd, bytes: 0 });
        if !self.aio_try(pid, cb) {
            self.objs.get_mut(obj).async_waiters.push(AsyncWaiter::Aio(pid, cb));
        }
        Ok(Ret::Int(0))
    }

    /// `aio_write(3)`.
    pub(super) fn sys_aio_write(
        &mut self,
        pid: Pid,
        cb: u64,
        fd: Fd,
        data: &[u8],
        notify: SigEvent,
    ) -> Result<Ret, Errno> {
        self.fd(pid, fd)?;
        let result = match self.sys_write(pid, fd, data) {
            Step::Done(r) => r,
            _ => Err(Errno::EAGAIN),
        };
        let res = match &result {
            Ok(Ret::Int(n)) => *n,
            Ok(_) => 0,
            Err(e) => -(e.code() as i64),
        };
        let p = self.procs.get_mut(&pid).ok_or(Errno::ESRCH)?;
        p.aio.insert(cb, AioCb { fd, nbytes: data.len(), notify, state: AioState::Done(result) });
        self.emit(pid, Kind::AsyncDone { what: "aio_write".into(), res });
        if let SigEvent::Signal(sig) = notify {
            self.raise_signal_from(pid, sig, super::signal::SigCode::AsyncIo);
        }
        Ok(Ret::Int(0))
    }

    /// Try to take the data of a waiting `aio_read`: true if it left phase 1.
    fn aio_try(&mut self, pid: Pid, cb: u64) -> bool {
        let Some(c) = self.procs.get(&pid).and_then(|p| p.aio.get(&cb)).cloned() else {
            return true;
        };
        if c.state != AioState::Waiting {
            return true;
        }
        let taken = match self.sys_read(pid, c.fd, c.nbytes) {
            Step::Copy { ret: Ret::Bytes(data), .. } => Ok(data),
            Step::Done(Ok(Ret::Bytes(data))) => Ok(data),
            Step::Done(Err(Errno::EAGAIN)) | Step::Block(_) => return false,
            Step::Done(Err(e)) => Err(e),
            _ => Err(Errno::EINVAL),
        };
        self.emit(pid, Kind::Phase { phase: Phase::WaitForData, end: true, fd: c.fd, bytes: 0 });
        let state = match taken {
            Ok(data) => {
                let bytes = data.len();
                self.emit(pid, Kind::Phase { phase: Phase::CopyToUser, end: false, fd: c.fd, bytes });
                let at = self.now + self.copy_cost(bytes);
                self.add_timer(at, Timer::AioCopied(pid, cb));
                AioState::Copying(data)
            }
            Err(e) => AioState::Done(Err(e)),
        };
        let failed = matches!(state, AioState::Done(_));
        if let Some(c) = self.procs.get_mut(&pid).and_then(|p| p.aio.get_mut(&cb)) {
            c.state = state;
        }
        if failed {
            self.aio_complete(pid, cb);
        }
        true
    }

    /// Phase 2 is over: the data is in the user's buffer.
    pub(super) fn aio_copied(&mut self, pid: Pid, cb: u64) {
        let Some(c) = self.procs.get_mut(&pid).and_then(|p| p.aio.get_mut(&cb)) else {
            return;
        };
        let AioState::Copying(data) = std::mem::replace(&mut c.state, AioState::Waiting) else {
            return;
        };
        let (fd, bytes) = (c.fd, data.len());
        c.state = AioState::Done(Ok(Ret::Bytes(data)));
        self.emit(pid, Kind::Phase { phase: Phase::CopyToUser, end: true, fd, bytes });
        self.aio_complete(pid, cb);
    }

    fn aio_complete(&mut self, pid: Pid, cb: u64) {
        let Some(c) = self.procs.get(&pid).and_then(|p| p.aio.get(&cb)).cloned() else {
            return;
        };
        let res = match &c.state {
            AioState::Done(Ok(Ret::Bytes(d))) => d.len() as i64,
            AioState::Done(Err(e)) => -(e.code() as i64),
            _ => 0,
        };
        self.emit(pid, Kind::AsyncDone { what: "aio_read".into(), res });
        if let SigEvent::Signal(sig) = c.notify {
            self.raise_signal_from(pid, sig, super::signal::SigCode::AsyncIo);
        }
        self.woken.insert(pid);
    }

    /// `aio_error(3)`: the status as a value (EINPROGRESS while running).
    pub(super) fn sys_aio_error(&mut self, pid: Pid, cb: u64) -> Result<Ret, Errno> {
        let c = self.procs.get(&pid).and_then(|p| p.aio.get(&cb)).ok_or(Errno::EINVAL)?;
        Ok(Ret::Int(match &c.state {
            AioState::Done(Ok(_)) => 0,
            AioState::Done(Err(e)) => e.code() as i64,
            _ => Errno::EINPROGRESS.code() as i64,
        }))
    }

    /// `aio_return(3)`: the result, once; the control block is then forgotten.
    pub(super) fn sys_aio_return(&mut self, pid: Pid, cb: u64) -> Result<Ret, Errno> {
        let p = self.procs.get_mut(&pid).ok_or(Errno::ESRCH)?;
        match p.aio.get(&cb).map(|c| &c.state) {
            Some(AioState::Done(_)) => {}
            _ => return Err(Errno::EINVAL),
        }
        match p.aio.remove(&cb).map(|c| c.state) {
            Some(AioState::Done(r)) => r,
            _ => Err(Errno::EINVAL),
        }
    }

    /// Is any of these control blocks done?
    pub(super) fn aio_any_done(&self, pid: Pid, cbs: &[u64]) -> bool {
        let Some(p) = self.procs.get(&pid) else {
            return true;
        };
        cbs.iter().any(|cb| matches!(p.aio.get(cb).map(|c| &c.state), Some(AioState::Done(_)) | None))
    }

    /// `aio_suspend(3)`: EAGAIN when the timeout passes first.
    pub(super) fn sys_aio_suspend(&mut self, pid: Pid, cbs: &[u64], deadline: Option<Nanos>) -> Step {
        if cbs.is_empty() {
            return Step::Done(Err(Errno::EINVAL));
        }
        if self.aio_any_done(pid, cbs) {
            return Step::Done(Ok(Ret::Int(0)));
        }
        if deadline.is_some_and(|d| self.now >= d) {
            return Step::Done(Err(Errno::EAGAIN));
        }
        Step::Block(crate::sys::WaitOn::Any { readable: Vec::new(), writable: Vec::new(), deadline })
    }

    /// An object became ready: let the aio and io_uring requests parked on it proceed.
    pub(super) fn async_progress(&mut self, obj: ObjId) {
        let waiters = std::mem::take(&mut self.objs.get_mut(obj).async_waiters);
        for w in waiters {
            match w {
                AsyncWaiter::Aio(pid, cb) => {
                    if !self.aio_try(pid, cb) && self.objs.exists(obj) {
                        self.objs.get_mut(obj).async_waiters.push(w);
                    }
                }
                AsyncWaiter::Uring(ring) => self.uring_progress(ring),
            }
        }
    }

    /// `io_uring_setup(2)`.
    pub(super) fn sys_io_uring_setup(&mut self, pid: Pid, entries: u32) -> Result<Ret, Errno> {
        if entries == 0 || entries > 32768 {
            return Err(Errno::EINVAL);
        }
        let id = self.objs.insert(ObjKind::Uring(Uring { entries, owner: pid, ..Default::default() }));
        match self.install(pid, id, false, true) {
            Ok(fd) => Ok(Ret::Int(fd as i64)),
            Err(e) => {
                self.objs.remove(id);
                Err(e)
            }
        }
    }

    /// `io_uring_enter(2)`: submit once (a retry does not resubmit), then wait for `min_complete`.
    pub(super) fn sys_io_uring_enter(&mut self, pid: Pid, fd: Fd, submit: &[Sqe], min_complete: u32) -> Step {
        let ring = match self.fd(pid, fd) {
            Ok(e) => e.obj,
            Err(err) => return Step::Done(Err(err)),
        };
        let ObjKind::Uring(u) = &mut self.objs.get_mut(ring).kind else {
            return Step::Done(Err(Errno::EOPNOTSUPP));
        };
        let ic = self.procs.get_mut(&pid).and_then(|p| p.in_call.as_mut()).expect("in a call");
        if !ic.submitted {
            ic.submitted = true;
            if u.pending.len() + submit.len() > 2 * u.entries as usize {
                return Step::Done(Err(Errno::EBUSY));
            }
            u.pending.extend(submit.iter().cloned());
            self.uring_progress(ring);
        }
        let ObjKind::Uring(u) = &mut self.objs.get_mut(ring).kind else { unreachable!("checked above") };
        if u.completions.len() >= min_complete as usize {
            let completions: Vec<Cqe> = u.completions.drain(..).collect();
            return Step::Done(Ok(Ret::Uring { submitted: submit.len() as u32, completions }));
        }
        Step::Block(crate::sys::WaitOn::Readable(fd))
    }

    /// How many completions a process's ring holds.
    pub(super) fn uring_ready(&self, pid: Pid, fd: Fd) -> usize {
        let Ok(e) = self.fd(pid, fd) else {
            return usize::MAX;
        };
        match &self.objs.get(e.obj).kind {
            ObjKind::Uring(u) => u.completions.len(),
            _ => usize::MAX,
        }
    }

    /// Try every pending op of a ring; park the ring on the objects it still waits for.
    fn uring_progress(&mut self, ring: ObjId) {
        let Some(ObjKind::Uring(u)) = self.objs.try_get(ring).map(|o| &o.kind) else {
            return;
        };
        let owner = u.owner;
        let pending = u.pending.clone();
        let mut still = Vec::new();
        let mut done = Vec::new();
        for sqe in pending {
            let res: Option<(i32, Vec<u8>)> = match &sqe.op {
                UringOp::Recv { fd, len } => match self.sys_recvfrom(owner, *fd, *len, MSG_DONTWAIT) {
                    Step::Copy { ret: Ret::Recv { data, .. }, .. }
                    | Step::Done(Ok(Ret::Recv { data, .. })) => Some((data.len() as i32, data)),
                    Step::Done(Err(Errno::EAGAIN)) => None,
                    Step::Done(Err(e)) => Some((-e.code(), Vec::new())),
                    _ => None,
                },
                UringOp::Send { fd, data } => match self.sys_sendto(owner, *fd, data, MSG_DONTWAIT, None) {
                    Step::Done(Ok(Ret::Int(n))) => Some((n as i32, Vec::new())),
                    Step::Done(Err(Errno::EAGAIN)) => None,
                    Step::Done(Err(e)) => Some((-e.code(), Vec::new())),
                    _ => None,
                },
                UringOp::Accept { fd } => match self.sys_accept4(owner, *fd, 0) {
                    Step::Done(Ok(Ret::Accepted { fd, .. })) => Some((fd, Vec::new())),
                    Step::Done(Err(Errno::EAGAIN)) | Step::Block(_) => None,
                    Step::Done(Err(e)) => Some((-e.code(), Vec::new())),
                    _ => None,
                },
                UringOp::PollAdd { fd, events } => {
                    let m = self.fd_mask(owner, *fd) & (*events | POLLERR | POLLHUP | POLLNVAL);
                    (m != 0).then_some((m as i32, Vec::new()))
                }
                UringOp::Timeout { after } => {
                    let armed = matches!(self.objs.try_get(ring).map(|o| &o.kind),
                        Some(ObjKind::Uring(u)) if u.armed.contains(&sqe.user_data));
                    if !armed {
                        if let ObjKind::Uring(u) = &mut self.objs.get_mut(ring).kind {
                            u.armed.insert(sqe.user_data);
                        }
                        self.add_timer(
                            self.now.saturating_add(*after),
                            Timer::UringTimeout(ring, sqe.user_data),
                        );
                    }
                    None
                }
            };
            match res {
                Some((res, data)) => done.push(Cqe { user_data: sqe.user_data, res, data }),
                None => {
                    if let Some(fd) = op_fd(&sqe.op) {
                        if let Ok(e) = self.fd(owner, fd) {
                            let w = AsyncWaiter::Uring(ring);
                            if !self.objs.get(e.obj).async_waiters.contains(&w) {
                                self.objs.get_mut(e.obj).async_waiters.push(w);
                            }
                        }
                    }
                    still.push(sqe);
                }
            }
        }
        let any = !done.is_empty();
        for c in &done {
            self.emit(owner, Kind::AsyncDone { what: "io_uring cqe".into(), res: c.res as i64 });
        }
        if let Some(ObjKind::Uring(u)) = self.objs.try_get_mut(ring).map(|o| &mut o.kind) {
            u.pending = still;
            u.completions.extend(done);
        }
        if any {
            self.wake_obj(ring);
        }
    }

    /// A TIMEOUT op expired: it completes with -ETIME.
    pub(super) fn uring_timeout(&mut self, ring: ObjId, user_data: u64) {
        let Some(ObjKind::Uring(_)) = self.objs.try_get(ring).map(|o| &o.kind) else {
            return;
        };
        let owner = if let ObjKind::Uring(u) = &mut self.objs.get_mut(ring).kind {
            let before = u.pending.len();
            u.pending.retain(|s| !(s.user_data == user_data && matches!(s.op, UringOp::Timeout { .. })));
            u.armed.remove(&user_data);
            if u.pending.len() == before {
                return;
            }
            u.completions.push_back(Cqe { user_data, res: -ETIME, data: Vec::new() });
            u.owner
        } else {
            return;
        };
        self.emit(owner, Kind::AsyncDone { what: "io_uring cqe".into(), res: -ETIME as i64 });
        self.wake_obj(ring);
    }
}

fn op_fd(op: &UringOp) -> Option<Fd> {
    match op {
        UringOp::Recv { fd, .. }
        | UringOp::Send { fd, .. }
        | UringOp::Accept { fd }
        | UringOp::PollAdd { fd, .. } => Some(*fd),
        UringOp::Timeout { .. } => None,
    }
}
