//! The syscall machinery: entering a call once however often it is retried, blocking with the phases
//! of a read (wait for data, copy to user), interruption by signals, and the dispatch to each syscall.

use super::{poll, render, signal};
use super::{Kernel, Timer, TimerKey};
use crate::sys::{Call, Errno, Fd, Nanos, Outcome, Pid, Ret, WaitOn};
use crate::trace::{Kind, Phase, ProcState};

/// A call in flight: entered, not yet returned (it blocked and will be retried).
#[derive(Clone, Debug)]
pub(super) struct InCall {
    pub(super) call: Call,
    /// When a timeout of the call runs out (select/poll/epoll_wait/sleep), fixed at entry.
    pub(super) deadline: Option<Nanos>,
    /// The caller blocked at least once: the wait-for-data phase is open.
    pub(super) waited: bool,
    /// The data is taken and being copied; the call returns this at the given time.
    pub(super) copying: Option<(Ret, Nanos, Fd, usize)>,
    /// Bytes a blocking write already moved into the kernel (it returns when all are in).
    pub(super) progress: usize,
    /// io_uring_enter already took its submissions.
    pub(super) submitted: bool,
    /// Wake-up timers set for this call (its timeout, its copy), cancelled when it ends.
    pub(super) timers: Vec<TimerKey>,
}

/// What a syscall's body decides.
pub(super) enum Step {
    Done(Result<Ret, Errno>),
    /// Cannot complete yet: wait on this (and say so in the trace with the text).
    Block(WaitOn),
    /// The data is taken from the kernel: copy `bytes` to the user, then return the result.
    Copy {
        ret: Ret,
        fd: Fd,
        bytes: usize,
    },
}

impl Kernel {
    /// Is a blocked process's wait over? (`WaitOn` as the kernel answered it; a deliverable signal also
    /// ends every interruptible wait.)
    pub fn poll_wait(&mut self, pid: Pid, wait: &WaitOn, now: Nanos) -> bool {
        self.advance(now);
        let Some(p) = self.procs.get(&pid) else {
            return true;
        };
        if !p.alive {
            return true;
        }
        let copying = matches!(&p.in_call, Some(InCall { copying: Some(_), .. }));
        if !copying && self.signal_deliverable(pid) {
            return true;
        }
        // Two waits that readiness alone does not describe.
        match &p.in_call {
            Some(InCall { call: Call::AioSuspend { cbs, .. }, deadline, .. }) => {
                return self.aio_any_done(pid, cbs) || deadline.is_some_and(|d| now >= d);
            }
            Some(InCall { call: Call::IoUringEnter { fd, min_complete, .. }, .. }) => {
                return self.uring_ready(pid, *fd) >= *min_complete as usize;
            }
            _ => {}
        }
        match wait {
            WaitOn::Readable(fd) => self.fd_mask(pid, *fd) & poll::READ_READY != 0,
            WaitOn::Writable(fd) => self.fd_mask(pid, *fd) & poll::WRITE_READY != 0,
            WaitOn::Any { readable, writable, deadline } => {
                deadline.is_some_and(|d| now >= d)
                    || readable.iter().any(|fd| self.fd_mask(pid, *fd) & poll::READ_READY != 0)
                    || writable.iter().any(|fd| self.fd_mask(pid, *fd) & poll::WRITE_READY != 0)
            }
            WaitOn::Until(t) => now >= *t,
            WaitOn::Signal => false,
        }
    }

    /// Make a syscall. See the module doc for the blocking protocol.
    pub fn syscall(&mut self, pid: Pid, call: &Call, now: Nanos) -> Outcome<Ret> {
        self.advance(now);
        let Some(p) = self.procs.get_mut(&pid) else {
            return Outcome::Err(Errno::ESRCH);
        };
        if !p.alive {
            return Outcome::Err(Errno::ESRCH);
        }
        let retry = matches!(&p.in_call, Some(ic) if ic.call == *call);
        if !retry {
            // A different call while one was in flight: the driver abandoned it (e.g. the process was
            // torn down by its VM). Close it in the trace so every enter has an exit.
            if let Some(old) = p.in_call.clone() {
                self.end_call(pid);
                let name = old.call.name().to_string();
                let args = render::args(&old.call, None);
                self.emit(pid, Kind::SyscallExit { name, args, ret: "? <abandoned>".into(), errno: None });
            }
            let p = self.procs.get_mut(&pid).expect("checked above");
            p.counters.syscalls += 1;
            let deadline = timeout_of(call).map(|t| now.saturating_add(t));
            let deadline = match call {
                Call::ClockNanosleep { until } => Some(*until),
                _ => deadline,
            };
            p.in_call = Some(InCall {
                call: call.clone(),
                deadline,
                waited: false,
                copying: None,
                progress: 0,
                submitted: false,
                timers: Vec::new(),
            });
            self.emit(pid, Kind::SyscallEnter { name: call.name().into(), args: render::enter_args(call) });
        }
        // A call copying its data finishes when the modelled copy is over.
        let in_call = self.procs[&pid].in_call.clone().expect("entered above");
        if let Some((ret, until, fd, bytes)) = in_call.copying {
            if now < until {
                return Outcome::WouldBlock(WaitOn::Until(until));
            }
            self.emit(pid, Kind::Phase { phase: Phase::CopyToUser, end: true, fd, bytes });
            self.emit(pid, Kind::State(ProcState::Running));
            return self.finish(pid, call, Ok(ret));
        }
        let mut step = self.dispatch(pid, call, in_call.deadline);
        // What the call sent over loopback is processed before it returns (`deliver_arrived`), and a call
        // about to sleep then looks again, as Linux's `release_sock` runs the socket's backlog before
        // `sk_wait_event` sleeps: a blocking connect over loopback returns with its handshake done.
        while self.deliver_arrived() && matches!(step, Step::Block(_)) {
            step = self.dispatch(pid, call, in_call.deadline);
        }
        match step {
            Step::Done(result) => {
                if in_call.waited {
                    self.end_wait(pid, call);
                }
                self.finish(pid, call, result)
            }
            Step::Copy { ret, fd, bytes } => {
                if in_call.waited {
                    self.end_wait(pid, call);
                }
                self.emit(pid, Kind::Phase { phase: Phase::CopyToUser, end: false, fd, bytes });
                let cost = self.copy_cost(bytes);
                if cost == 0 {
                    self.emit(pid, Kind::Phase { phase: Phase::CopyToUser, end: true, fd, bytes });
                    return self.finish(pid, call, Ok(ret));
                }
                let until = self.now + cost;
                let key = self.add_timer(until, Timer::Wake(pid));
                let p = self.procs.get_mut(&pid).expect("alive");
                p.counters.context_switches += 1;
                if let Some(ic) = p.in_call.as_mut() {
                    ic.copying = Some((ret, until, fd, bytes));
                    ic.timers.push(key);
                }
                self.emit(pid, Kind::State(ProcState::Blocked("the copy to user space".into())));
                Outcome::WouldBlock(WaitOn::Until(until))
            }
            Step::Block(wait) => self.block(pid, call, wait, in_call.waited, in_call.deadline),
        }
    }

    /// The modelled duration of copying `bytes` from kernel to user.
    pub fn copy_cost(&self, bytes: usize) -> Nanos {
        self.cfg.copy_base_ns + (bytes as u64 * self.cfg.copy_ps_per_byte) / 1000
    }

    fn block(
        &mut self,
        pid: Pid,
        call: &Call,
        wait: WaitOn,
        waited: bool,
        deadline: Option<Nanos>,
    ) -> Outcome<Ret> {
        if self.signal_deliverable(pid) {
            // Linux returns to user space to run the handler: restartable calls under SA_RESTART are
            // re-entered afterwards (strace: `? ERESTARTSYS`), the rest fail with EINTR.
            let sig = self.procs[&pid].signals.next_deliverable().expect("deliverable");
            let restart = signal::restartable(call) && self.procs[&pid].signals.restarts(sig);
            if waited {
                self.end_wait(pid, call);
            }
            if restart {
                let name = call.name().to_string();
                let args = render::args(call, None);
                let ret = "? ERESTARTSYS (To be restarted if SA_RESTART is set)".to_string();
                self.emit(pid, Kind::SyscallExit { name, args, ret, errno: None });
                self.end_call(pid);
                return Outcome::WouldBlock(wait);
            }
            return self.finish(pid, call, Err(Errno::EINTR));
        }
        if !waited {
            let p = self.procs.get_mut(&pid).expect("alive");
            p.counters.context_switches += 1;
            if let Some(ic) = p.in_call.as_mut() {
                ic.waited = true;
            }
            if let Some(fd) = render::waits_for_data(call) {
                self.emit(pid, Kind::Phase { phase: Phase::WaitForData, end: false, fd, bytes: 0 });
            }
            self.emit(pid, Kind::State(ProcState::Blocked(render::wait_text(&wait))));
            let wake_at = match &wait {
                WaitOn::Until(t) => Some(*t),
                _ => deadline,
            };
            if let Some(at) = wake_at {
                let key = self.add_timer(at, Timer::Wake(pid));
                if let Some(ic) = self.procs.get_mut(&pid).and_then(|p| p.in_call.as_mut()) {
                    ic.timers.push(key);
                }
            }
        }
        self.register_waiter(pid, &wait);
        Outcome::WouldBlock(wait)
    }

    fn end_wait(&mut self, pid: Pid, call: &Call) {
        if let Some(fd) = render::waits_for_data(call) {
            self.emit(pid, Kind::Phase { phase: Phase::WaitForData, end: true, fd, bytes: 0 });
        }
        self.emit(pid, Kind::State(ProcState::Running));
    }

    fn finish(&mut self, pid: Pid, call: &Call, result: Result<Ret, Errno>) -> Outcome<Ret> {
        let name = call.name().to_string();
        let args = render::args(call, result.as_ref().ok());
        let (ret, errno) = match &result {
            Ok(r) => (render::ret(call, r), None),
            Err(e) => (format!("-1 {} ({})", e.name(), e.strerror()), Some(*e)),
        };
        self.emit(pid, Kind::SyscallExit { name, args, ret, errno });
        self.end_call(pid);
        if let Call::ExitGroup { status } = call {
            self.exit_process(pid, ProcState::Exited(*status));
        }
        match result {
            Ok(r) => Outcome::Ok(r),
            Err(e) => Outcome::Err(e),
        }
    }

    fn register_waiter(&mut self, pid: Pid, wait: &WaitOn) {
        let fds: Vec<Fd> = match wait {
            WaitOn::Readable(fd) | WaitOn::Writable(fd) => vec![*fd],
            WaitOn::Any { readable, writable, .. } => readable.iter().chain(writable).copied().collect(),
            WaitOn::Until(_) | WaitOn::Signal => return, // the call's timer, set when it first blocked
        };
        for fd in fds {
            if let Some(e) = self.procs[&pid].fds.get(fd) {
                let obj = self.objs.get_mut(e.obj);
                if !obj.waiters.contains(&pid) {
                    obj.waiters.push(pid);
                }
            }
        }
    }

    fn dispatch(&mut self, pid: Pid, call: &Call, deadline: Option<Nanos>) -> Step {
        use Call::*;
        match call {
            Write { fd, data } => self.sys_write(pid, *fd, data),
            Read { fd, count } => self.sys_read(pid, *fd, *count),
            ClockNanosleep { until } => self.sys_sleep(*until),
            Nanosleep { .. } => self.sys_sleep(deadline.unwrap_or(self.now)),
            ClockGettime { monotonic } => {
                Step::Done(Ok(Ret::Time(crate::sys::clock_reading(*monotonic, self.now))))
            }
            Getpid => Step::Done(Ok(Ret::Int(pid as i64))),
            Socket { domain, ty, protocol } => Step::Done(self.sys_socket(pid, *domain, *ty, *protocol)),
            Bind { fd, addr } => Step::Done(self.sys_bind(pid, *fd, *addr)),
            Listen { fd, backlog } => Step::Done(self.sys_listen(pid, *fd, *backlog)),
            Accept4 { fd, flags } => self.sys_accept4(pid, *fd, *flags),
            Connect { fd, addr } => self.sys_connect(pid, *fd, *addr),
            RecvFrom { fd, len, flags } => self.sys_recvfrom(pid, *fd, *len, *flags),
            SendTo { fd, data, flags, addr } => self.sys_sendto(pid, *fd, data, *flags, *addr),
            Shutdown { fd, how } => Step::Done(self.sys_shutdown(pid, *fd, *how)),
            Close { fd } => Step::Done(self.close_fd(pid, *fd).map(|_| Ret::Int(0))),
            GetSockName { fd } => Step::Done(self.sys_getsockname(pid, *fd)),
            GetPeerName { fd } => Step::Done(self.sys_getpeername(pid, *fd)),
            SetSockOpt { fd, level, name, value } => {
                Step::Done(self.sys_setsockopt(pid, *fd, *level, *name, *value))
            }
            GetSockOpt { fd, level, name } => Step::Done(self.sys_getsockopt(pid, *fd, *level, *name)),
            Fcntl { fd, cmd, arg } => Step::Done(self.sys_fcntl(pid, *fd, *cmd, *arg)),
            Ioctl { fd, request, arg } => Step::Done(self.sys_ioctl(pid, *fd, *request, *arg)),
            Pipe2 { flags } => Step::Done(self.sys_pipe2(pid, *flags)),
            Select { nfds, read, write, except, .. } => {
                self.sys_select(pid, *nfds, read, write, except, deadline)
            }
            Poll { fds, .. } => self.sys_poll(pid, fds, deadline),
            EpollCreate1 { flags } => Step::Done(self.sys_epoll_create1(pid, *flags)),
            EpollCtl { epfd, op, fd, events, data } => {
                Step::Done(self.sys_epoll_ctl(pid, *epfd, *op, *fd, *events, *data))
            }
            EpollWait { epfd, maxevents, .. } => self.sys_epoll_wait(pid, *epfd, *maxevents, deadline),
            RtSigaction { sig, action } => Step::Done(self.sys_rt_sigaction(pid, *sig, *action)),
            RtSigprocmask { how, set } => Step::Done(self.sys_rt_sigprocmask(pid, *how, *set)),
            Kill { pid: target, sig } => Step::Done(self.sys_kill(pid, *target, *sig)),
            Alarm { seconds } => Step::Done(self.sys_alarm(pid, *seconds)),
            Setitimer { which, value, interval } => {
                Step::Done(self.sys_setitimer(pid, *which, *value, *interval))
            }
            Pause => Step::Block(WaitOn::Signal),
            AioRead { cb, fd, nbytes, notify } => {
                Step::Done(self.sys_aio_read(pid, *cb, *fd, *nbytes, *notify))
            }
            AioWrite { cb, fd, data, notify } => Step::Done(self.sys_aio_write(pid, *cb, *fd, data, *notify)),
            AioError { cb } => Step::Done(self.sys_aio_error(pid, *cb)),
            AioReturn { cb } => Step::Done(self.sys_aio_return(pid, *cb)),
            AioSuspend { cbs, .. } => self.sys_aio_suspend(pid, cbs, deadline),
            IoUringSetup { entries } => Step::Done(self.sys_io_uring_setup(pid, *entries)),
            IoUringEnter { fd, submit, min_complete } => {
                self.sys_io_uring_enter(pid, *fd, submit, *min_complete)
            }
            ExitGroup { .. } => Step::Done(Ok(Ret::Int(0))),
        }
    }

    fn sys_sleep(&mut self, until: Nanos) -> Step {
        if self.now >= until {
            Step::Done(Ok(Ret::Int(0)))
        } else {
            Step::Block(WaitOn::Until(until))
        }
    }
}

/// The relative timeout a call carries, fixed into a deadline when the call is entered.
fn timeout_of(call: &Call) -> Option<Nanos> {
    let ms = |t: i32| (t >= 0).then(|| t as u64 * 1_000_000);
    match call {
        Call::Select { timeout, .. } | Call::AioSuspend { timeout, .. } => *timeout,
        Call::Poll { timeout_ms, .. } | Call::EpollWait { timeout_ms, .. } => ms(*timeout_ms),
        Call::Nanosleep { duration } => Some(*duration),
        _ => None,
    }
}

impl crate::sys::Syscalls for Kernel {
    fn syscall(&mut self, pid: Pid, call: &Call, now: Nanos) -> Outcome<Ret> {
        Kernel::syscall(self, pid, call, now)
    }
}
