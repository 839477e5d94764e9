//! Signals: dispositions (`rt_sigaction`), the blocked mask (`rt_sigprocmask`), `kill`, `alarm` and
//! `setitimer(ITIMER_REAL)`, and delivery to the driver, which runs a handler in the VM.
//!
//! Deliberate differences from Linux: standard signals only queue once (as Linux's do); the handler's
//! `sa_mask` is not applied while it runs (the VM runs handlers between bytecodes, as CPython does);
//! only ITIMER_REAL exists.

use super::{Kernel, Timer};
use crate::sys::consts::*;
use crate::sys::{Call, Errno, Nanos, Pid, Ret, SigAction, SigHandler};
use crate::trace::{Kind, ProcState, SignalStep};
use std::collections::BTreeMap;

/// What the driver must do with a signal taken by [`Kernel::take_signal`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignalAction {
    /// Run the program's handler for this signal.
    Handler { sig: i32, handler: u64 },
    /// The default action killed the process (it is gone).
    Terminated(i32),
}

/// A process's signal state: dispositions, the pending and blocked masks, who sent each pending signal, and
/// ITIMER_REAL. The rules that decide what a signal does live here, so that the simulated kernel and the
/// native backend (`sys/native`) share them; each does its own events, wake-ups and timers.
#[derive(Clone, Debug, Default)]
pub struct SignalState {
    pub actions: BTreeMap<i32, SigAction>,
    /// Pending signals, bit `sig - 1`.
    pub pending: u64,
    pub blocked: u64,
    /// ITIMER_REAL: next expiry and interval, and a generation to forget stale timers.
    pub itimer: Option<(Nanos, Nanos)>,
    pub itimer_gen: u64,
    /// The simulated kernel's armed timer, to cancel when re-armed (the native backend has no timer queue).
    itimer_key: Option<super::TimerKey>,
    /// Who sent each pending signal.
    codes: BTreeMap<i32, SigCode>,
}

/// Who sent a signal, as `siginfo_t.si_code` says (and strace prints).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SigCode {
    /// The kernel (SIGIO without F_SETSIG, SIGALRM from a timer).
    Kernel,
    /// A process: `kill`, or the kernel on behalf of the process (SIGPIPE).
    User(Pid),
    /// An asynchronous IO completion.
    AsyncIo,
}

impl SigCode {
    /// strace's rendering after `si_signo=…, `.
    pub fn strace(&self) -> String {
        match self {
            SigCode::Kernel => "si_code=SI_KERNEL".into(),
            SigCode::User(pid) => format!("si_code=SI_USER, si_pid={pid}, si_uid=0"),
            SigCode::AsyncIo => "si_code=SI_ASYNCIO".into(),
        }
    }
}

fn bit(sig: i32) -> u64 {
    1u64 << (sig - 1)
}

/// Signals whose default action is to ignore them.
fn default_ignores(sig: i32) -> bool {
    matches!(sig, SIGCHLD | SIGURG | SIGWINCH)
}

impl SignalState {
    pub fn action(&self, sig: i32) -> SigAction {
        self.actions.get(&sig).copied().unwrap_or_default()
    }

    /// The lowest pending, unblocked signal.
    pub fn next_deliverable(&self) -> Option<i32> {
        let ready = self.pending & !self.blocked;
        (ready != 0).then(|| ready.trailing_zeros() as i32 + 1)
    }

    pub fn restarts(&self, sig: i32) -> bool {
        self.action(sig).flags & SA_RESTART != 0
    }

    /// ITIMER_REAL's next expiry.
    pub fn itimer_due(&self) -> Option<Nanos> {
        self.itimer.map(|(at, _)| at)
    }

    /// Make `sig` pending: `Ignored` when its disposition discards it, `Generated` when it is now pending,
    /// `None` when it already was (standard signals do not queue twice).
    pub fn raise(&mut self, sig: i32, code: SigCode) -> Option<SignalStep> {
        let ignored = match self.action(sig).handler {
            SigHandler::Ignore => true,
            SigHandler::Default => default_ignores(sig),
            SigHandler::Handler(_) => false,
        };
        if ignored && sig != SIGKILL {
            return Some(SignalStep::Ignored);
        }
        if self.pending & bit(sig) != 0 {
            return None;
        }
        self.pending |= bit(sig);
        self.codes.insert(sig, code);
        Some(SignalStep::Generated)
    }

    /// Take the lowest pending, unblocked signal: its number, its sender and what its disposition does.
    pub fn take(&mut self) -> Option<(i32, SigCode, Disposition)> {
        let sig = self.next_deliverable()?;
        self.pending &= !bit(sig);
        let code = self.codes.remove(&sig).unwrap_or(SigCode::Kernel);
        let disposition = match self.action(sig).handler {
            SigHandler::Handler(handler) => Disposition::Handler(handler),
            SigHandler::Ignore => Disposition::Ignore,
            SigHandler::Default if default_ignores(sig) => Disposition::Ignore,
            SigHandler::Default => Disposition::Kill,
        };
        Some((sig, code, disposition))
    }

    /// `rt_sigaction(2)` on this process: the old action. Setting SIG_IGN discards a pending instance
    /// (POSIX); SIGKILL and SIGSTOP cannot be caught.
    pub fn sigaction(&mut self, sig: i32, action: Option<SigAction>) -> Result<SigAction, Errno> {
        if !(1..=SIGRTMAX).contains(&sig) || (action.is_some() && matches!(sig, SIGKILL | SIGSTOP)) {
            return Err(Errno::EINVAL);
        }
        let old = self.action(sig);
        if let Some(new) = action {
            self.actions.insert(sig, new);
            if new.handler == SigHandler::Ignore {
                self.pending &= !bit(sig);
            }
        }
        Ok(old)
    }

    /// `rt_sigprocmask(2)` on this process: the old mask. SIGKILL and SIGSTOP cannot be blocked.
    pub fn sigprocmask(&mut self, how: i32, set: Option<u64>) -> Result<u64, Errno> {
        let old = self.blocked;
        if let Some(set) = set {
            let set = set & !(bit(SIGKILL) | bit(SIGSTOP));
            self.blocked = match how {
                SIG_BLOCK => old | set,
                SIG_UNBLOCK => old & !set,
                SIG_SETMASK => set,
                _ => return Err(Errno::EINVAL),
            };
        } else if !(SIG_BLOCK..=SIG_SETMASK).contains(&how) {
            return Err(Errno::EINVAL);
        }
        Ok(old)
    }
}

/// What a taken signal's disposition does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Disposition {
    /// Run the program's handler.
    Handler(u64),
    /// Discard it.
    Ignore,
    /// The default action: terminate the process.
    Kill,
}

/// `alarm(2)`'s answer for an old ITIMER_REAL with `left` to go: whole seconds, rounded up from half a second
/// and never 0 while an alarm was pending (Linux's `alarm_setitimer`; checked on the real kernel by
/// `tests/native_compare.rs`).
pub fn alarm_seconds_left(left: Nanos) -> i64 {
    const SEC: Nanos = 1_000_000_000;
    if left == 0 {
        0
    } else {
        ((left + SEC / 2) / SEC).max(1) as i64
    }
}

/// Calls that SA_RESTART restarts (signal(7)); the rest fail with EINTR whatever the flags.
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

impl Kernel {
    /// Make a signal pending for a process (or discard it if ignored), waking it if it sleeps; sent by
    /// the kernel itself (SIGIO, SIGALRM: `si_code=SI_KERNEL`).
    pub fn raise_signal(&mut self, pid: Pid, sig: i32) {
        self.raise_signal_from(pid, sig, SigCode::Kernel);
    }

    /// Make a signal pending, saying who sent it (strace's `si_code`).
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
        self.emit(pid, Kind::Signal { sig, step, info: code.strace() });
    }

    /// A pending, unblocked signal exists.
    pub fn signal_deliverable(&self, pid: Pid) -> bool {
        self.procs.get(&pid).is_some_and(|p| p.alive && p.signals.next_deliverable().is_some())
    }

    /// Deliver the next pending signal: a handler for the driver to run, or death by the default action.
    /// Call after every syscall answer (see the module doc of [`Kernel`]).
    pub fn take_signal(&mut self, pid: Pid) -> Option<SignalAction> {
        loop {
            let p = self.procs.get_mut(&pid)?;
            // Signals are delivered on the way back to user space: not while a call is in flight (it ends
            // first, with EINTR or ERESTARTSYS, when the driver retries it).
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

    /// `rt_sigaction(2)`.
    pub(super) fn sys_rt_sigaction(
        &mut self,
        pid: Pid,
        sig: i32,
        action: Option<SigAction>,
    ) -> Result<Ret, Errno> {
        let p = self.procs.get_mut(&pid).ok_or(Errno::ESRCH)?;
        p.signals.sigaction(sig, action).map(Ret::SigAction)
    }

    /// `rt_sigprocmask(2)`.
    pub(super) fn sys_rt_sigprocmask(&mut self, pid: Pid, how: i32, set: Option<u64>) -> Result<Ret, Errno> {
        let p = self.procs.get_mut(&pid).ok_or(Errno::ESRCH)?;
        p.signals.sigprocmask(how, set).map(Ret::SigMask)
    }

    /// `kill(2)`: signal 0 only checks that the process exists.
    pub(super) fn sys_kill(&mut self, sender: Pid, target: Pid, sig: i32) -> Result<Ret, Errno> {
        if !(0..=SIGRTMAX).contains(&sig) {
            return Err(Errno::EINVAL);
        }
        if !self.procs.get(&target).is_some_and(|p| p.alive) {
            return Err(Errno::ESRCH);
        }
        if sig != 0 {
            self.raise_signal_from(target, sig, SigCode::User(sender));
        }
        Ok(Ret::Int(0))
    }

    /// `alarm(2)`: the seconds left on the previous alarm, rounded as Linux does.
    pub(super) fn sys_alarm(&mut self, pid: Pid, seconds: u32) -> Result<Ret, Errno> {
        let (left, _) = self.arm_itimer(pid, seconds as Nanos * 1_000_000_000, 0)?;
        Ok(Ret::Int(alarm_seconds_left(left)))
    }

    /// `setitimer(2)`, ITIMER_REAL only.
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
        let (value, interval) = self.arm_itimer(pid, value, interval)?;
        Ok(Ret::Itimer { value, interval })
    }

    /// Set ITIMER_REAL; the old (remaining, interval).
    fn arm_itimer(&mut self, pid: Pid, value: Nanos, interval: Nanos) -> Result<(Nanos, Nanos), Errno> {
        let now = self.now;
        let p = self.procs.get_mut(&pid).ok_or(Errno::ESRCH)?;
        let old = p.signals.itimer.map(|(at, iv)| (at.saturating_sub(now), iv)).unwrap_or((0, 0));
        p.signals.itimer_gen += 1;
        let gen = p.signals.itimer_gen;
        self.disarm_itimer(pid);
        if value > 0 {
            let at = now.saturating_add(value);
            let key = self.add_timer(at, Timer::Itimer(pid, gen));
            let s = &mut self.procs.get_mut(&pid).expect("checked above").signals;
            s.itimer = Some((at, interval));
            s.itimer_key = Some(key);
        }
        Ok(old)
    }

    /// Stop ITIMER_REAL (re-armed, or the process is gone).
    pub(super) fn disarm_itimer(&mut self, pid: Pid) {
        let Some(p) = self.procs.get_mut(&pid) else { return };
        p.signals.itimer = None;
        if let Some(key) = p.signals.itimer_key.take() {
            self.cancel_timer(key);
        }
    }

    pub(super) fn itimer_fire(&mut self, pid: Pid, gen: u64) {
        let now = self.now;
        let Some(p) = self.procs.get_mut(&pid) else { return };
        if p.signals.itimer_gen != gen || !p.alive {
            return;
        }
        let interval = p.signals.itimer.map(|t| t.1).unwrap_or(0);
        p.signals.itimer_key = None;
        if interval > 0 {
            let at = now.saturating_add(interval);
            p.signals.itimer = Some((at, interval));
            let key = self.add_timer(at, Timer::Itimer(pid, gen));
            self.procs.get_mut(&pid).expect("alive").signals.itimer_key = Some(key);
        } else {
            p.signals.itimer = None;
        }
        self.raise_signal(pid, SIGALRM);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alarm_rounds_the_seconds_left_as_linux_does() {
        const MS: Nanos = 1_000_000;
        assert_eq!(alarm_seconds_left(0), 0);
        assert_eq!(alarm_seconds_left(200 * MS), 1, "a pending alarm never reads as 0");
        assert_eq!(alarm_seconds_left(2_300 * MS), 2);
        assert_eq!(alarm_seconds_left(2_500 * MS), 3);
    }

    #[test]
    fn a_standard_signal_queues_once_and_an_ignored_one_not_at_all() {
        let mut s = SignalState::default();
        assert_eq!(s.raise(SIGIO, SigCode::Kernel), Some(SignalStep::Generated));
        assert_eq!(s.raise(SIGIO, SigCode::Kernel), None);
        assert_eq!(s.raise(SIGCHLD, SigCode::Kernel), Some(SignalStep::Ignored));
        assert_eq!(s.take(), Some((SIGIO, SigCode::Kernel, Disposition::Kill)));
        assert_eq!(s.take(), None);
    }
}
