//! Signals, kept virtual: dispositions, the blocked mask, `kill` between virtual processes,
//! `alarm`/`setitimer(ITIMER_REAL)` on the real clock, and SIGIO for O_ASYNC fds when input arrives.
//! Real signals would hit this whole OS process (and every virtual process in it), so none is raised.

use super::{NativeKernel, Proc};
use crate::kernel::{alarm_seconds_left, Disposition, SigCode, SignalAction};
use crate::sys::consts::*;
use crate::sys::{Errno, Nanos, Pid, Ret, SigAction};
use crate::trace::{Kind, ProcState, SignalStep};

impl NativeKernel {
    /// Make a signal pending for a process (or discard it if ignored), waking it if it sleeps; sent by
    /// the kernel itself (SIGIO, SIGALRM: `si_code=SI_KERNEL`).
    pub fn raise_signal(&mut self, pid: Pid, sig: i32) {
        self.raise_signal_from(pid, sig, SigCode::Kernel);
    }

    /// Make a signal pending, saying who sent it, by the simulated kernel's rules.
    pub fn raise_signal_from(&mut self, pid: Pid, sig: i32, code: SigCode) {
        let Some(p) = self.procs.get_mut(&pid) else { return };
        if !p.alive || !(1..=SIGRTMAX).contains(&sig) {
            return;
        }
        let Some(step) = p.signals.raise(sig, code) else {
            return;
        };
        self.emit_signal(pid, sig, step, code);
        if step == SignalStep::Generated {
            self.woken.insert(pid);
        }
    }

    fn emit_signal(&mut self, pid: Pid, sig: i32, step: SignalStep, code: SigCode) {
        let info = code.strace();
        self.emit(pid, Kind::Signal { sig, step, info });
    }

    /// A pending, unblocked signal exists.
    pub fn signal_deliverable(&self, pid: Pid) -> bool {
        self.procs.get(&pid).is_some_and(|p| p.alive && p.signals.next_deliverable().is_some())
    }

    /// Deliver the next pending signal: a handler for the driver to run, or death by the default action.
    /// Call after every syscall answer, as with the simulated kernel. Not while a call is in flight: it
    /// ends first (EINTR, or `? ERESTARTSYS` under SA_RESTART) when the driver retries it.
    pub fn take_signal(&mut self, pid: Pid) -> Option<SignalAction> {
        self.fire_timers();
        loop {
            let p = self.procs.get_mut(&pid)?;
            if !p.alive || p.in_call.is_some() {
                return None;
            }
            let (sig, code, disposition) = p.signals.take()?;
            match disposition {
                Disposition::Handler(handler) => {
                    self.emit_signal(pid, sig, SignalStep::Delivered, code);
                    return Some(SignalAction::Handler { sig, handler });
                }
                Disposition::Ignore => self.emit_signal(pid, sig, SignalStep::Ignored, code),
                Disposition::Kill => {
                    self.emit_signal(pid, sig, SignalStep::Killed, code);
                    self.exit_process(pid, ProcState::Killed(sig));
                    return Some(SignalAction::Terminated(sig));
                }
            }
        }
    }

    /// Raise SIGALRM for every interval timer whose time has come.
    pub(super) fn fire_timers(&mut self) {
        let now = self.now;
        let due: Vec<Pid> = self
            .procs
            .iter_mut()
            .filter_map(|(pid, p)| {
                let (at, interval) = p.signals.itimer?;
                if at > now || !p.alive {
                    return None;
                }
                p.signals.itimer = (interval > 0).then(|| (now.max(at) + interval, interval));
                Some(*pid)
            })
            .collect();
        for pid in due {
            self.raise_signal(pid, SIGALRM);
        }
    }

    /// `rt_sigaction(2)`.
    pub(super) fn sys_sigaction(
        &mut self,
        pid: Pid,
        sig: i32,
        action: Option<SigAction>,
    ) -> Result<Ret, Errno> {
        self.proc_mut(pid).signals.sigaction(sig, action).map(Ret::SigAction)
    }

    /// `rt_sigprocmask(2)`.
    pub(super) fn sys_sigprocmask(&mut self, pid: Pid, how: i32, set: Option<u64>) -> Result<Ret, Errno> {
        self.proc_mut(pid).signals.sigprocmask(how, set).map(Ret::SigMask)
    }

    /// `kill(2)` between virtual processes (signal 0 only checks the target exists).
    pub(super) fn sys_kill(&mut self, sender: Pid, target: Pid, sig: i32) -> Result<Ret, Errno> {
        if !(0..=SIGRTMAX).contains(&sig) {
            return Err(Errno::EINVAL);
        }
        if !self.alive(target) {
            return Err(Errno::ESRCH);
        }
        if sig != 0 {
            self.raise_signal_from(target, sig, SigCode::User(sender));
        }
        Ok(Ret::Int(0))
    }

    /// `setitimer(2)` for ITIMER_REAL; the old value and interval come back.
    pub(super) fn sys_setitimer(
        &mut self,
        pid: Pid,
        which: i32,
        value: Nanos,
        interval: Nanos,
    ) -> Result<Ret, Errno> {
        if which != ITIMER_REAL {
            return Err(Errno::EINVAL);
        }
        let now = self.now;
        let s = &mut self.proc_mut(pid).signals;
        let (old_value, old_interval) = s.itimer.map_or((0, 0), |(at, iv)| (at.saturating_sub(now), iv));
        s.itimer = (value > 0).then(|| (now + value, interval));
        Ok(Ret::Itimer { value: old_value, interval: old_interval })
    }

    /// `alarm(2)`: seconds left on the previous alarm, rounded as Linux does.
    pub(super) fn sys_alarm(&mut self, pid: Pid, seconds: u32) -> Result<Ret, Errno> {
        match self.sys_setitimer(pid, ITIMER_REAL, seconds as Nanos * 1_000_000_000, 0)? {
            Ret::Itimer { value, .. } => Ok(Ret::Int(alarm_seconds_left(value))),
            _ => unreachable!("setitimer answers Itimer"),
        }
    }

    fn proc_mut(&mut self, pid: Pid) -> &mut Proc {
        self.procs.get_mut(&pid).expect("the caller checked the process is alive")
    }
}
