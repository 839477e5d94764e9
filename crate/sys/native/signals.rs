//! Signals, kept virtual: dispositions, the blocked mask, `kill` between virtual processes,
//! `alarm`/`setitimer(ITIMER_REAL)` on the real clock, and SIGIO for O_ASYNC fds when input arrives.
//! Real signals would hit this whole OS process (and every virtual process in it), so none is raised.

use super::{NativeKernel, Proc};
use crate::kernel::{SigCode, SignalAction};
use crate::sys::consts::*;
use crate::sys::{Call, Errno, Nanos, Pid, Ret, SigAction, SigHandler};
use crate::trace::{Kind, ProcState, SignalStep};
use std::collections::BTreeMap;

/// One process's signal state.
#[derive(Clone, Debug, Default)]
pub struct Signals {
    actions: BTreeMap<i32, SigAction>,
    /// Pending signals, bit `sig - 1`.
    pending: u64,
    blocked: u64,
    /// ITIMER_REAL: next expiry and interval.
    itimer: Option<(Nanos, Nanos)>,
    /// Who sent each pending signal (strace's `si_code`).
    codes: BTreeMap<i32, SigCode>,
}

fn bit(sig: i32) -> u64 {
    1u64 << (sig - 1)
}

/// Signals whose default action is to ignore them.
fn default_ignores(sig: i32) -> bool {
    matches!(sig, SIGCHLD | SIGURG | SIGWINCH)
}

/// Calls that SA_RESTART restarts (signal(7)); the rest fail with EINTR.
pub fn restartable(call: &Call) -> bool {
    matches!(
        call,
        Call::Read { .. }
            | Call::Write { .. }
            | Call::RecvFrom { .. }
            | Call::SendTo { .. }
            | Call::Accept4 { .. }
    )
}

impl Signals {
    fn action(&self, sig: i32) -> SigAction {
        self.actions.get(&sig).copied().unwrap_or_default()
    }

    /// The lowest pending, unblocked signal.
    pub fn deliverable(&self) -> Option<i32> {
        let ready = self.pending & !self.blocked;
        (ready != 0).then(|| ready.trailing_zeros() as i32 + 1)
    }

    pub fn restarts(&self, sig: i32) -> bool {
        self.action(sig).flags & SA_RESTART != 0
    }

    pub fn itimer_due(&self) -> Option<Nanos> {
        self.itimer.map(|(at, _)| at)
    }

    /// (pending, blocked), bit `sig - 1`.
    pub fn masks(&self) -> (u64, u64) {
        (self.pending, self.blocked)
    }

    pub fn disarm_itimer(&mut self) {
        self.itimer = None;
    }
}

impl NativeKernel {
    /// Make a signal pending for a process (or discard it if ignored), waking it if it sleeps; sent by
    /// the kernel itself (SIGIO, SIGALRM: `si_code=SI_KERNEL`).
    pub fn raise_signal(&mut self, pid: Pid, sig: i32) {
        self.raise_signal_from(pid, sig, SigCode::Kernel);
    }

    /// Make a signal pending, saying who sent it, as the simulated kernel does.
    pub fn raise_signal_from(&mut self, pid: Pid, sig: i32, code: SigCode) {
        let Some(p) = self.procs.get_mut(&pid) else { return };
        if !p.alive || !(1..=SIGRTMAX).contains(&sig) {
            return;
        }
        let ignored = match p.signals.action(sig).handler {
            SigHandler::Ignore => true,
            SigHandler::Default => default_ignores(sig),
            SigHandler::Handler(_) => false,
        };
        let step = if ignored && sig != SIGKILL {
            SignalStep::Ignored
        } else if p.signals.pending & bit(sig) != 0 {
            return; // standard signals do not queue twice
        } else {
            p.signals.pending |= bit(sig);
            p.signals.codes.insert(sig, code);
            SignalStep::Generated
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
        self.procs
            .get(&pid)
            .is_some_and(|p| p.alive && p.signals.deliverable().is_some())
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
            let sig = p.signals.deliverable()?;
            p.signals.pending &= !bit(sig);
            let code = p.signals.codes.remove(&sig).unwrap_or(SigCode::Kernel);
            match p.signals.action(sig).handler {
                SigHandler::Handler(handler) => {
                    self.emit_signal(pid, sig, SignalStep::Delivered, code);
                    return Some(SignalAction::Handler { sig, handler });
                }
                SigHandler::Ignore => self.emit_signal(pid, sig, SignalStep::Ignored, code),
                SigHandler::Default if default_ignores(sig) => {
                    self.emit_signal(pid, sig, SignalStep::Ignored, code)
                }
                SigHandler::Default => {
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
        if !(1..=SIGRTMAX).contains(&sig) || (action.is_some() && matches!(sig, SIGKILL | SIGSTOP)) {
            return Err(Errno::EINVAL);
        }
        let p = self.proc_mut(pid);
        let old = p.signals.action(sig);
        if let Some(a) = action {
            p.signals.actions.insert(sig, a);
            if a.handler == SigHandler::Ignore {
                p.signals.pending &= !bit(sig);
            }
        }
        Ok(Ret::SigAction(old))
    }

    /// `rt_sigprocmask(2)`.
    pub(super) fn sys_sigprocmask(&mut self, pid: Pid, how: i32, set: Option<u64>) -> Result<Ret, Errno> {
        let s = &mut self.proc_mut(pid).signals;
        let old = s.blocked;
        let unblockable = bit(SIGKILL) | bit(SIGSTOP);
        if let Some(set) = set {
            s.blocked = match how {
                SIG_BLOCK => old | set,
                SIG_UNBLOCK => old & !set,
                SIG_SETMASK => set,
                _ => return Err(Errno::EINVAL),
            } & !unblockable;
        }
        Ok(Ret::SigMask(old))
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
        Ok(Ret::Itimer {
            value: old_value,
            interval: old_interval,
        })
    }

    /// `alarm(2)`: seconds left on the previous alarm, rounded as Linux does (up from half a second).
    pub(super) fn sys_alarm(&mut self, pid: Pid, seconds: u32) -> Result<Ret, Errno> {
        const SEC: Nanos = 1_000_000_000;
        match self.sys_setitimer(pid, ITIMER_REAL, seconds as Nanos * SEC, 0)? {
            Ret::Itimer { value, .. } => {
                let left = (value + SEC / 2) / SEC;
                Ok(Ret::Int(if value > 0 { left.max(1) } else { 0 } as i64))
            }
            _ => unreachable!("setitimer answers Itimer"),
        }
    }

    fn proc_mut(&mut self, pid: Pid) -> &mut Proc {
        self.procs
            .get_mut(&pid)
            .expect("the caller checked the process is alive")
    }
}
