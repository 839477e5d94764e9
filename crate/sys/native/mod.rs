//! The native backend: the same syscall contract as the simulated kernel, answered by the real Linux
//! kernel on real loopback sockets, pipes, epoll instances, io_uring rings and SIGIO.
//!
//! Each virtual process of the world is a set of real fds owned by this one OS process, behind a virtual
//! fd table (Linux's numbering per process, so traces compare with the simulation's). Every real fd is
//! non-blocking underneath: when a program's fd is blocking and the real call says EAGAIN, the answer is
//! [`Outcome::WouldBlock`], and the driver parks the process and retries the same call once
//! [`NativeKernel::take_woken`] names it — one thread runs many processes, as the simulation does.
//!
//! The driving protocol mirrors [`crate::kernel::Kernel`] method for method: `spawn`, `syscall`,
//! `take_signal`, `take_woken`, `poll_wait`, `next_deadline`, `advance`, `drain_events`, `feed_stdin`,
//! `close_stdin`, `stdout`, `stderr`, `counters`. Time is the real clock since [`NativeKernel::new`] (the `now`
//! arguments are accepted for the shape and ignored); [`NativeKernel::now`] gives it to the driver.
//!
//! Deliberate differences from Linux-through-CPython are listed in `README.md` beside this file.

mod aio;
mod calls;
mod clock;
mod fdmap;
mod os;
mod ready;
mod sigio;
mod signals;
mod uring;
mod uring_calls;
mod view;

use crate::kernel::render;
use crate::kernel::Counters;
use crate::sys::{Call, Errno, Fd, Nanos, Outcome, Pid, Ret, WaitOn};
use crate::trace::{Event, Kind, Phase, ProcState};
use clock::Clock;
use fdmap::{Entry, FdMap, RealKind, Target};
use std::collections::{BTreeMap, BTreeSet};

/// How long the world may wait on real readiness with no timer pending and nothing happening before
/// [`NativeKernel::next_deadline`] says "nothing more will happen" (loopback delivers within
/// microseconds; this only bounds a world that is truly stuck).
const IDLE_GRACE: Nanos = 200_000_000;

/// A call in flight: entered, blocked at least once or about to, not yet returned.
#[derive(Clone, Debug)]
struct InCall {
    call: Call,
    /// Absolute deadline of the call's timeout (select/poll/epoll_wait/sleeps), fixed at entry.
    deadline: Option<Nanos>,
    /// The caller blocked: the wait phase is open.
    waited: bool,
    /// What it waits on now (for the driver's between-steps wait).
    wait: Option<WaitOn>,
    /// A blocking connect got EINPROGRESS and waits for the handshake.
    connecting: bool,
    /// Bytes a blocking send or write already handed to the real kernel.
    progress: usize,
    /// io_uring_enter already submitted its SQEs.
    submitted: bool,
}

/// One virtual process.
#[derive(Debug)]
struct Proc {
    name: String,
    fds: FdMap,
    /// The read end of the real pipe that is stdin (fd 0 unless the program closed it).
    stdin_reader: os::RealFd,
    /// The write end of the real pipe that is the process's stdin (fd 0); None once closed.
    stdin_writer: Option<os::RealFd>,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    signals: crate::kernel::SignalState,
    /// aio control blocks by the caller's `aiocb` address.
    aio: BTreeMap<u64, aio::AioCb>,
    counters: Counters,
    alive: bool,
    task: u32,
    in_call: Option<InCall>,
}

/// What a syscall's body decides.
enum Step {
    Done(Result<Ret, Errno>),
    Block(WaitOn),
}

/// The real-kernel backend. Not `Clone` (real fds cannot be checkpointed): the world seeks by replay.
#[derive(Debug)]
pub struct NativeKernel {
    clock: Clock,
    procs: BTreeMap<Pid, Proc>,
    next_pid: Pid,
    events: Vec<Event>,
    seq: u64,
    woken: BTreeSet<Pid>,
    /// The real time last read, stamped on events.
    now: Nanos,
    /// When a call last completed or a wait last ended (see [`IDLE_GRACE`]).
    last_progress: Nanos,
    /// The programs' io_uring rings, by their real fd.
    rings: BTreeMap<os::RealFd, uring_calls::ProgramRing>,
    /// The real SIGIO's signalfd, opened when a program first sets O_ASYNC.
    sigio: Option<sigio::SigioSource>,
    /// Some aio_read was ever made: only then are control blocks looked after on every step (each
    /// look visits every process).
    aio_used: bool,
}

impl Default for NativeKernel {
    fn default() -> Self {
        NativeKernel::new()
    }
}

impl NativeKernel {
    pub fn new() -> NativeKernel {
        NativeKernel {
            clock: Clock::start(),
            procs: BTreeMap::new(),
            next_pid: 1000,
            events: Vec::new(),
            seq: 0,
            woken: BTreeSet::new(),
            now: 0,
            last_progress: 0,
            rings: BTreeMap::new(),
            sigio: None,
            aio_used: false,
        }
    }

    /// Real nanoseconds since the backend started: the driver's clock.
    pub fn now(&self) -> Nanos {
        self.now.max(self.clock.elapsed())
    }

    /// Read the clock and keep it as the time stamped on the events that follow.
    fn tick(&mut self) -> Nanos {
        self.now = self.now();
        self.now
    }

    /// Start a process with stdin (a real pipe, empty and open), stdout and stderr on fds 0, 1, 2.
    /// `host` is accepted for the simulated kernel's shape: every native process lives on this machine.
    /// Answers None when the OS refuses the stdin pipe (out of fds).
    pub fn spawn(&mut self, _host: &str, name: &str, _now: Nanos) -> Option<Pid> {
        self.tick();
        let (read, write) = os::pipe().ok()?;
        let mut fds = FdMap::new();
        let stdin = Target::Real { fd: read, kind: RealKind::PipeRead };
        for target in [stdin, Target::Output(1), Target::Output(2)] {
            fds.install(Entry::new(target, false)).expect("a fresh table has room");
        }
        let pid = self.next_pid;
        self.next_pid += 1;
        self.procs.insert(
            pid,
            Proc {
                name: name.to_string(),
                fds,
                stdin_reader: read,
                stdin_writer: Some(write),
                stdout: Vec::new(),
                stderr: Vec::new(),
                signals: Default::default(),
                aio: BTreeMap::new(),
                counters: Counters::default(),
                alive: true,
                task: 0,
                in_call: None,
            },
        );
        self.emit(pid, Kind::State(ProcState::Running));
        Some(pid)
    }

    /// The process's counters, as the simulated kernel keeps them (fds scanned by select/poll count
    /// each look at the real kernel, as the simulation counts each look at its own).
    pub fn counters(&self, pid: Pid) -> Counters {
        self.procs.get(&pid).map(|p| p.counters).unwrap_or_default()
    }

    /// Resolve a name as the native world can: dotted quads and `localhost` (there is no DNS here; every
    /// native process lives on this machine). A library call, not a syscall, as in the simulation.
    pub fn resolve(&self, name: &str) -> Option<crate::sys::Ipv4Addr> {
        match name {
            "localhost" => Some(crate::sys::Ipv4Addr::LOCALHOST),
            _ => name.parse().ok(),
        }
    }

    /// The syscall a process is blocked in, if any.
    pub fn blocked_in(&self, pid: Pid) -> Option<&Call> {
        self.procs.get(&pid)?.in_call.as_ref().map(|c| &c.call)
    }

    /// The pids, in order.
    pub fn pids(&self) -> Vec<Pid> {
        self.procs.keys().copied().collect()
    }

    /// The process exists and has not exited.
    pub fn alive(&self, pid: Pid) -> bool {
        self.procs.get(&pid).is_some_and(|p| p.alive)
    }

    /// Say which task (greenlet) of the process runs now; later events carry it.
    pub fn set_task(&mut self, pid: Pid, task: u32) {
        if let Some(p) = self.procs.get_mut(&pid) {
            p.task = task;
        }
    }

    /// Play `ulimit -n` for one process.
    pub fn set_nofile_limit(&mut self, pid: Pid, limit: usize) {
        if let Some(p) = self.procs.get_mut(&pid) {
            p.fds.limit = limit;
        }
    }

    /// Append to a process's stdin. The real pipe holds 64 KiB; bytes beyond what it takes are dropped
    /// (a scripted stdin is a few lines).
    pub fn feed_stdin(&mut self, pid: Pid, bytes: &[u8]) {
        if let Some(w) = self.procs.get(&pid).and_then(|p| p.stdin_writer) {
            let _ = os::write(w, bytes);
        }
    }

    /// End a process's stdin: reads then return 0.
    pub fn close_stdin(&mut self, pid: Pid) {
        if let Some(w) = self.procs.get_mut(&pid).and_then(|p| p.stdin_writer.take()) {
            os::close(w);
        }
    }

    /// Everything the process wrote to fd 1.
    pub fn stdout(&self, pid: Pid) -> &[u8] {
        self.procs.get(&pid).map_or(&[], |p| &p.stdout)
    }

    /// Everything the process wrote to fd 2.
    pub fn stderr(&self, pid: Pid) -> &[u8] {
        self.procs.get(&pid).map_or(&[], |p| &p.stderr)
    }

    /// Take the events since the last call.
    pub fn drain_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.events)
    }

    /// Make a syscall for `pid`. Never blocks: see the module doc for the protocol.
    pub fn syscall(&mut self, pid: Pid, call: &Call, _now: Nanos) -> Outcome<Ret> {
        let now = self.tick();
        self.check_async_io();
        self.aio_progress();
        let Some(p) = self.procs.get_mut(&pid) else {
            return Outcome::Err(Errno::ESRCH);
        };
        if !p.alive {
            return Outcome::Err(Errno::ESRCH);
        }
        let retry = matches!(&p.in_call, Some(ic) if ic.call == *call);
        if !retry {
            if let Some(old) = p.in_call.take() {
                // The driver abandoned a blocked call: close it in the trace, as the simulation does.
                let args = render::args(&old.call, None);
                self.emit(
                    pid,
                    Kind::SyscallExit {
                        name: old.call.name().into(),
                        args,
                        ret: "? <abandoned>".into(),
                        errno: None,
                    },
                );
            }
            let deadline = match call {
                Call::ClockNanosleep { until } => Some(*until),
                _ => calls::timeout_of(call).map(|t| now.saturating_add(t)),
            };
            let p = self.procs.get_mut(&pid).expect("checked above");
            p.counters.syscalls += 1;
            p.in_call = Some(InCall {
                call: call.clone(),
                deadline,
                waited: false,
                wait: None,
                connecting: false,
                progress: 0,
                submitted: false,
            });
            self.emit(pid, Kind::SyscallEnter { name: call.name().into(), args: render::enter_args(call) });
        }
        let in_call = self.procs[&pid].in_call.clone().expect("entered above");
        let scanned = match call {
            Call::Select { read, write, except, .. } => read.len() + write.len() + except.len(),
            Call::Poll { fds, .. } => fds.len(),
            _ => 0,
        };
        self.procs.get_mut(&pid).expect("alive").counters.fds_scanned += scanned as u64;
        match self.dispatch(pid, call, &in_call) {
            Step::Done(result) => {
                if in_call.waited {
                    self.end_wait(pid, call);
                }
                self.finish(pid, call, result)
            }
            Step::Block(wait) => self.block(pid, call, wait, in_call.waited),
        }
    }

    /// Is a blocked process's wait over? Looks at real readiness now (zero-timeout `poll`), the clock,
    /// and pending signals. A spurious yes is harmless: the retried call blocks again.
    pub fn poll_wait(&mut self, pid: Pid, wait: &WaitOn, _now: Nanos) -> bool {
        let now = self.tick();
        self.fire_timers();
        let Some(p) = self.procs.get(&pid) else {
            return true;
        };
        if !p.alive || p.signals.next_deliverable().is_some() {
            return true;
        }
        if let Some(over) = self.aio_suspend_over(pid) {
            return over;
        }
        match wait {
            WaitOn::Readable(fd) => self.ready_now(pid, &[*fd], &[]),
            WaitOn::Writable(fd) => self.ready_now(pid, &[], &[*fd]),
            WaitOn::Any { readable, writable, deadline } => {
                deadline.is_some_and(|d| now >= d) || self.ready_now(pid, readable, writable)
            }
            WaitOn::Until(t) => now >= *t,
            WaitOn::Signal => false,
        }
    }

    /// The processes whose wait may be over now (real readiness, expired timeouts, signals).
    pub fn take_woken(&mut self) -> Vec<Pid> {
        self.tick();
        self.fire_timers();
        self.check_async_io();
        self.aio_progress();
        let ready = self.ready_waiters();
        self.woken.extend(ready);
        let woken: Vec<Pid> = std::mem::take(&mut self.woken).into_iter().collect();
        if !woken.is_empty() {
            self.last_progress = self.now;
        }
        woken
    }

    /// The earliest real time at which something is due: a call's timeout, an interval timer, or — while
    /// processes wait on fds — the end of the idle grace. None when nothing can happen any more.
    pub fn next_deadline(&self) -> Option<Nanos> {
        let now = self.now();
        let mut due: Option<Nanos> = self.procs.values().filter_map(|p| p.signals.itimer_due()).min();
        let mut fd_waiters = false;
        for p in self.procs.values().filter(|p| p.alive) {
            match p.in_call.as_ref().and_then(|ic| ic.wait.as_ref()) {
                Some(WaitOn::Until(t)) => due = Some(due.map_or(*t, |d| d.min(*t))),
                Some(WaitOn::Any { deadline, .. }) => {
                    fd_waiters = true;
                    if let Some(t) = deadline {
                        due = Some(due.map_or(*t, |d| d.min(*t)));
                    }
                }
                Some(WaitOn::Readable(_) | WaitOn::Writable(_)) => fd_waiters = true,
                _ => {}
            }
        }
        fd_waiters |= self.aio_used && !self.aio_waiting_fds().is_empty();
        let grace_end = self.last_progress.saturating_add(IDLE_GRACE);
        if fd_waiters && now < grace_end {
            due = Some(due.map_or(grace_end, |d| d.min(grace_end)));
        }
        due
    }

    /// Let real time run until `until`, returning early when a waiting process's fd becomes ready
    /// (one real `poll` over every waiting fd of every process), then fire the timers that are due.
    pub fn advance(&mut self, until: Nanos) {
        let now = self.tick();
        if until > now {
            let mut fds = self.waited_real_fds();
            fds.extend(self.aio_waiting_fds());
            let timeout_ms = (until - now).div_ceil(1_000_000).min(i32::MAX as u64) as i32;
            let revents = os::poll(&fds, timeout_ms);
            if revents.iter().any(|r| *r != 0) {
                self.last_progress = self.tick();
            }
        }
        self.tick();
        self.fire_timers();
        self.check_async_io();
        self.aio_progress();
    }

    /// The process is gone (its program ended, or the driver tore it down): its real fds are closed.
    pub fn exit_process(&mut self, pid: Pid, how: ProcState) {
        let Some(p) = self.procs.get_mut(&pid) else { return };
        if !p.alive {
            return;
        }
        p.alive = false;
        p.in_call = None;
        p.signals.itimer = None;
        let open: Vec<Fd> = p.fds.iter().map(|(fd, _)| fd).collect();
        let mut reals = Vec::new();
        for fd in open {
            reals.extend(p.fds.remove(fd).and_then(|e| e.real()));
        }
        if let Some(w) = p.stdin_writer.take() {
            os::close(w);
        }
        for (real, kind) in reals {
            self.close_real(real, kind);
        }
        self.emit(pid, Kind::State(how));
    }

    fn block(&mut self, pid: Pid, call: &Call, wait: WaitOn, waited: bool) -> Outcome<Ret> {
        if let Some(sig) = self.procs[&pid].signals.next_deliverable() {
            // As Linux: return to user space to run the handler; SA_RESTART restarts the restartable
            // calls (strace's `? ERESTARTSYS`), the rest fail with EINTR.
            let restart = crate::kernel::restartable(call) && self.procs[&pid].signals.restarts(sig);
            if waited {
                self.end_wait(pid, call);
            }
            if restart {
                let args = render::args(call, None);
                self.emit(
                    pid,
                    Kind::SyscallExit {
                        name: call.name().into(),
                        args,
                        ret: "? ERESTARTSYS (To be restarted if SA_RESTART is set)".into(),
                        errno: None,
                    },
                );
                self.procs.get_mut(&pid).expect("alive").in_call = None;
                return Outcome::WouldBlock(wait);
            }
            return self.finish(pid, call, Err(Errno::EINTR));
        }
        if !waited {
            if let Some(fd) = render::waits_for_data(call) {
                self.emit(pid, phase(Phase::WaitForData, false, fd, 0));
            }
            self.emit(pid, Kind::State(ProcState::Blocked(render::wait_text(&wait))));
        }
        let p = self.procs.get_mut(&pid).expect("alive");
        if !waited {
            p.counters.context_switches += 1;
        }
        if let Some(ic) = p.in_call.as_mut() {
            ic.waited = true;
            ic.wait = Some(wait.clone());
        }
        Outcome::WouldBlock(wait)
    }

    fn end_wait(&mut self, pid: Pid, call: &Call) {
        if let Some(fd) = render::waits_for_data(call) {
            self.emit(pid, phase(Phase::WaitForData, true, fd, 0));
        }
        self.emit(pid, Kind::State(ProcState::Running));
    }

    fn finish(&mut self, pid: Pid, call: &Call, result: Result<Ret, Errno>) -> Outcome<Ret> {
        self.last_progress = self.now;
        // The real kernel copied the data inside the call, the caller held in the kernel meanwhile (UNP
        // figure 6.1): the same events as the simulation's, at one instant instead of a modelled span.
        if let (Some(fd), Ok(Ret::Bytes(data) | Ret::Recv { data, .. })) =
            (render::waits_for_data(call), &result)
        {
            if !data.is_empty() {
                let bytes = data.len();
                self.emit(pid, phase(Phase::CopyToUser, false, fd, bytes));
                self.emit(pid, Kind::State(ProcState::Blocked("the copy to user space".into())));
                self.emit(pid, phase(Phase::CopyToUser, true, fd, bytes));
                self.emit(pid, Kind::State(ProcState::Running));
                if let Some(p) = self.procs.get_mut(&pid) {
                    p.counters.context_switches += 1;
                }
            }
        }
        let args = render::args(call, result.as_ref().ok());
        let (ret, errno) = match &result {
            Ok(r) => (render::ret(call, r), None),
            Err(e) => (format!("-1 {} ({})", e.name(), e.strerror()), Some(*e)),
        };
        self.emit(pid, Kind::SyscallExit { name: call.name().into(), args, ret, errno });
        if let Some(p) = self.procs.get_mut(&pid) {
            p.in_call = None;
            let c = &mut p.counters;
            match (call, &result) {
                (_, Ok(Ret::Bytes(data) | Ret::Recv { data, .. })) => c.bytes_to_user += data.len() as u64,
                (_, Ok(Ret::Epoll(events))) => c.epoll_ready_hits += events.len() as u64,
                (Call::Write { .. } | Call::SendTo { .. }, Ok(Ret::Int(n))) => c.bytes_from_user += *n as u64,
                _ => {}
            }
        }
        if let Call::ExitGroup { status } = call {
            self.exit_process(pid, ProcState::Exited(*status));
        }
        match result {
            Ok(r) => Outcome::Ok(r),
            Err(e) => Outcome::Err(e),
        }
    }

    fn emit(&mut self, pid: Pid, kind: Kind) {
        let task = self.procs.get(&pid).map_or(0, |p| p.task);
        self.events.push(Event { seq: self.seq, time: self.now, pid, task, kind });
        self.seq += 1;
    }

    /// Close a real fd the backend owns (a ring goes with its mappings).
    fn close_real(&mut self, real: os::RealFd, kind: RealKind) {
        if kind == RealKind::Uring {
            self.rings.remove(&real); // dropping the ring closes its fd
        } else {
            os::close(real);
        }
    }

    /// The fd's entry, or EBADF.
    fn entry(&self, pid: Pid, fd: Fd) -> Result<Entry, Errno> {
        self.procs.get(&pid).and_then(|p| p.fds.get(fd)).copied().ok_or(Errno::EBADF)
    }
}

impl Drop for NativeKernel {
    /// Real fds outlive nothing: a dropped backend closes every process's fds.
    fn drop(&mut self) {
        for pid in self.pids() {
            self.exit_process(pid, ProcState::Killed(9));
        }
    }
}

impl crate::sys::Syscalls for NativeKernel {
    fn syscall(&mut self, pid: Pid, call: &Call, now: Nanos) -> Outcome<Ret> {
        NativeKernel::syscall(self, pid, call, now)
    }
}

fn phase(phase: Phase, end: bool, fd: Fd, bytes: usize) -> Kind {
    Kind::Phase { phase, end, fd, bytes }
}
