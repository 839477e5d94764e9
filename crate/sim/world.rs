//! The world: processes on hosts over one simulated kernel, a round-robin scheduler and the virtual clock.
//!
//! One [`World::step`] is one scheduling decision: start the processes whose time has come, then either
//! run one ready process until its next syscall (or for one slice of fuel), or, when none is ready,
//! move the clock to the next thing that happens on its own (a segment arrives, a timer fires). A call
//! the kernel answers with `WouldBlock` parks its process; when the kernel wakes it and its wait is over,
//! the world makes the same call again — that retry is the blocking IO model.

use super::program::{ProcessEnv, Program, Run};
use crate::kernel::{Kernel, SignalAction, WorldConfig};
use crate::sys::{Call, Ipv4Addr, Nanos, Outcome, Pid, WaitOn};
use crate::trace::Event;

/// Instructions a program runs before another ready process gets the CPU.
pub const SLICE_BUDGET: u32 = 10_000;
/// Virtual time one instruction takes: CPython 3.11 runs some 50–100 million bytecodes a second on a
/// current CPU, so a program that computes for a while moves the clock as much as it would there.
pub const INSTRUCTION_NS: Nanos = 10;
/// Virtual time a whole slice of instructions takes: a program that never makes a syscall still moves
/// the clock, so `--until` ends it.
pub const SLICE_NS: Nanos = SLICE_BUDGET as Nanos * INSTRUCTION_NS;
/// Virtual time one syscall takes, entry to exit, when it does not block.
pub const SYSCALL_NS: Nanos = 1_000;

/// A process to start: its program, where and when it runs, and its scripted stdin.
#[derive(Clone, Debug)]
pub struct ProcessSpec {
    /// The name the trace and the `[name] ` prefix show.
    pub name: String,
    /// The host it runs on (a host of the [`WorldConfig`]).
    pub host: String,
    /// Virtual time at which it starts.
    pub start: Nanos,
    /// Bytes on its stdin from the start.
    pub stdin: Vec<u8>,
    /// Bytes that arrive on its stdin later, at these virtual times (an operator typing), in time order.
    pub timed_stdin: Vec<(Nanos, Vec<u8>)>,
    /// Whether its stdin ends after all those bytes (a pipe from a file) or stays open (a terminal).
    pub stdin_eof: bool,
    /// A service (a simulated web server): the run does not wait for it to exit.
    pub daemon: bool,
    pub program: Box<dyn Program>,
}

impl ProcessSpec {
    /// A process named `name` on `localhost`, started at time 0, whose stdin is empty and ends: the
    /// defaults that the fields of a scenario override.
    pub fn new(name: &str, program: Box<dyn Program>) -> ProcessSpec {
        ProcessSpec {
            name: name.into(),
            host: "localhost".into(),
            start: 0,
            stdin: Vec::new(),
            timed_stdin: Vec::new(),
            stdin_eof: true,
            daemon: false,
            program,
        }
    }
}

/// Where a process is in its life, as the world schedules it.
#[derive(Clone, Debug, PartialEq)]
pub enum ProcState {
    /// Its start time has not come.
    NotStarted,
    /// Runnable; `retry` is a blocked call whose wait is over and that must be made again.
    Ready { retry: Option<Call> },
    /// Parked in the kernel inside `call`, until `wait` is over.
    Blocked { call: Call, wait: WaitOn },
    /// Ended with an exit status.
    Exited(i32),
    /// Ended by a signal's default action.
    Killed(i32),
}

impl ProcState {
    pub fn is_over(&self) -> bool {
        matches!(self, ProcState::Exited(_) | ProcState::Killed(_))
    }
}

/// A process in the world.
#[derive(Clone, Debug)]
pub struct Process {
    pub spec: ProcessSpec,
    /// The kernel's pid, once started.
    pub pid: Option<Pid>,
    pub state: ProcState,
    /// How much of its stdout and stderr was already handed out by [`World::take_output`].
    shown: [usize; 2],
    /// How many of its timed stdin inputs were fed.
    fed: usize,
    /// Its stdin has ended.
    stdin_closed: bool,
}

/// A process that waits for something that can never happen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Waiting {
    pub name: String,
    pub pid: Pid,
    /// The syscall it is blocked in, e.g. `accept4`.
    pub call: &'static str,
    /// What that call waits for, e.g. `fd 3 to become readable`.
    pub on: String,
}

/// Why a run ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ending {
    /// Every process (but the services) has exited.
    AllExited,
    /// Every process left waits forever: nothing is ready, no timer or segment is pending.
    WaitForever(Vec<Waiting>),
    /// The virtual clock reached the run's limit.
    Until(Nanos),
}

/// What one [`World::step`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tick {
    /// The process ran a slice (and maybe made a syscall).
    Ran(Pid),
    /// Nobody was ready: the clock moved to this time.
    Advanced(Nanos),
    /// The run is over.
    Ended(Ending),
}

/// Bytes a process wrote to its stdout (`stream` 1) or stderr (`stream` 2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    pub pid: Pid,
    pub name: String,
    pub stream: u8,
    pub bytes: Vec<u8>,
}

/// The whole simulation. `Clone` is a checkpoint.
#[derive(Clone, Debug)]
pub struct World {
    kernel: Kernel,
    procs: Vec<Process>,
    now: Nanos,
    until: Nanos,
    /// The process index after the one that ran last (round robin).
    cursor: usize,
    steps: u64,
    ending: Option<Ending>,
}

impl World {
    /// An empty world over `cfg`, whose runs stop at virtual time `until` at the latest.
    pub fn new(cfg: WorldConfig, until: Nanos) -> World {
        World {
            kernel: Kernel::new(cfg),
            procs: Vec::new(),
            now: 0,
            until,
            cursor: 0,
            steps: 0,
            ending: None,
        }
    }

    /// Add a process; it starts at its `start` time. Returns its index in [`World::processes`].
    pub fn add_process(&mut self, spec: ProcessSpec) -> usize {
        self.procs.push(Process {
            spec,
            pid: None,
            state: ProcState::NotStarted,
            shown: [0, 0],
            fed: 0,
            stdin_closed: false,
        });
        self.procs.len() - 1
    }

    pub fn now(&self) -> Nanos {
        self.now
    }

    /// How many steps were taken.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    pub fn kernel(&self) -> &Kernel {
        &self.kernel
    }

    pub fn processes(&self) -> &[Process] {
        &self.procs
    }

    /// Why the run ended, once it has.
    pub fn ending(&self) -> Option<&Ending> {
        self.ending.as_ref()
    }

    /// Append to a process's stdin (the UI's input box). A process not yet started gets it at its start.
    pub fn feed_stdin(&mut self, index: usize, bytes: &[u8]) {
        let p = &mut self.procs[index];
        match p.pid {
            Some(pid) => self.kernel.feed_stdin(pid, bytes),
            None => p.spec.stdin.extend_from_slice(bytes),
        }
        // Input can wake a world that was waiting forever on it.
        if matches!(self.ending, Some(Ending::WaitForever(_))) {
            self.ending = None;
        }
    }

    /// End a process's stdin: its reads return 0 from then on.
    pub fn close_stdin(&mut self, index: usize) {
        let p = &mut self.procs[index];
        match p.pid {
            Some(pid) => {
                self.kernel.close_stdin(pid);
                p.stdin_closed = true;
            }
            None => p.spec.stdin_eof = true,
        }
        if matches!(self.ending, Some(Ending::WaitForever(_))) {
            self.ending = None;
        }
    }

    /// The kernel's trace events since the last call.
    pub fn drain_events(&mut self) -> Vec<Event> {
        self.kernel.drain_events()
    }

    /// What the processes wrote to stdout and stderr since the last call, in process order.
    pub fn take_output(&mut self) -> Vec<Output> {
        let mut out = Vec::new();
        for p in &mut self.procs {
            let Some(pid) = p.pid else { continue };
            for (i, stream) in [1u8, 2].into_iter().enumerate() {
                let all = if stream == 1 { self.kernel.stdout(pid) } else { self.kernel.stderr(pid) };
                if all.len() > p.shown[i] {
                    out.push(Output {
                        pid,
                        name: p.spec.name.clone(),
                        stream,
                        bytes: all[p.shown[i]..].to_vec(),
                    });
                    p.shown[i] = all.len();
                }
            }
        }
        out
    }

    /// Step until the run ends.
    pub fn run(&mut self) -> Ending {
        loop {
            if let Tick::Ended(ending) = self.step() {
                return ending;
            }
        }
    }

    /// One scheduling decision (see the module doc).
    pub fn step(&mut self) -> Tick {
        if let Some(ending) = &self.ending {
            return Tick::Ended(ending.clone());
        }
        if self.now > self.until {
            return self.end(Ending::Until(self.until));
        }
        self.steps += 1;
        self.start_due();
        self.wake(false);
        if let Some(index) = self.next_ready() {
            return Tick::Ran(self.run_slice(index));
        }
        if self.all_done() {
            return self.end(Ending::AllExited);
        }
        let next_start = self
            .procs
            .iter()
            .filter_map(|p| match p.state {
                ProcState::NotStarted => Some(p.spec.start),
                ref s if !s.is_over() => p.spec.timed_stdin.get(p.fed).map(|(at, _)| *at),
                _ => None,
            })
            .min();
        let next = match (self.kernel.next_deadline(), next_start) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        match next {
            Some(t) if t > self.until => {
                self.now = self.now.max(self.until);
                self.kernel.advance(self.now);
                self.end(Ending::Until(self.until))
            }
            Some(t) => {
                self.now = self.now.max(t);
                self.kernel.advance(self.now);
                Tick::Advanced(self.now)
            }
            None => {
                // Nothing will happen on its own: one last look at every wait, then it is forever.
                if self.wake(true) {
                    return Tick::Advanced(self.now);
                }
                let waiting = self.waiting();
                self.end(Ending::WaitForever(waiting))
            }
        }
    }

    fn end(&mut self, ending: Ending) -> Tick {
        self.ending = Some(ending.clone());
        Tick::Ended(ending)
    }

    /// Every process that is not a service has exited (and there was at least one).
    fn all_done(&self) -> bool {
        let mut mains = self.procs.iter().filter(|p| !p.spec.daemon).peekable();
        mains.peek().is_some() && mains.all(|p| p.state.is_over())
    }

    /// The names a process can resolve: `localhost`, the hosts, then the DNS entries.
    pub fn hosts_table(&self) -> Vec<(String, Ipv4Addr)> {
        let cfg = self.kernel.config();
        let mut table = vec![("localhost".to_string(), Ipv4Addr::LOCALHOST)];
        table.extend(cfg.hosts.iter().map(|h| (h.name.clone(), h.addr)));
        table.extend(cfg.dns.iter().map(|(name, addr)| (name.clone(), *addr)));
        table
    }

    fn start_due(&mut self) {
        let hosts = self.hosts_table();
        let seed = self.kernel.config().seed;
        for p in &mut self.procs {
            if p.state == ProcState::NotStarted && p.spec.start <= self.now {
                let pid = self
                    .kernel
                    .spawn(&p.spec.host, &p.spec.name, self.now)
                    .unwrap_or_else(|| panic!("host {:?} was checked when the world was built", p.spec.host));
                self.kernel.feed_stdin(pid, &p.spec.stdin);
                p.pid = Some(pid);
                p.state = ProcState::Ready { retry: None };
                p.spec.program.start(&ProcessEnv { pid, hosts: hosts.clone(), seed });
            }
            let Some(pid) = p.pid else { continue };
            // Timed input that is due, then the end of stdin once all of it is in.
            while let Some((at, bytes)) = p.spec.timed_stdin.get(p.fed) {
                if *at > self.now {
                    break;
                }
                self.kernel.feed_stdin(pid, bytes);
                p.fed += 1;
            }
            if p.spec.stdin_eof && !p.stdin_closed && p.fed == p.spec.timed_stdin.len() {
                self.kernel.close_stdin(pid);
                p.stdin_closed = true;
            }
        }
    }

    /// Make ready every blocked process the kernel woke, and with `all`, every blocked one whose wait is
    /// over. Returns whether any became ready.
    fn wake(&mut self, all: bool) -> bool {
        let woken = self.kernel.take_woken();
        let mut any = false;
        for p in &mut self.procs {
            let ProcState::Blocked { call, wait } = &p.state else {
                continue;
            };
            let pid = p.pid.expect("a blocked process was started");
            // A woken process retries its call even if its wait looks unfinished: the kernel dropped it
            // from the wait queue when it woke it, and the retry (blocking again) puts it back.
            let retry = woken.contains(&pid) || (all && self.kernel.poll_wait(pid, wait, self.now));
            if retry {
                p.state = ProcState::Ready { retry: Some(call.clone()) };
                any = true;
            }
        }
        any
    }

    /// The next ready process after the one that ran last.
    fn next_ready(&mut self) -> Option<usize> {
        let n = self.procs.len();
        let index = (0..n)
            .map(|i| (self.cursor + i) % n)
            .find(|&i| matches!(self.procs[i].state, ProcState::Ready { .. }))?;
        self.cursor = (index + 1) % n;
        Some(index)
    }

    /// Run process `index` until its next syscall is answered (or parked), or its fuel runs out.
    fn run_slice(&mut self, index: usize) -> Pid {
        let now = self.now;
        let p = &mut self.procs[index];
        let pid = p.pid.expect("a ready process was started");
        let call = match std::mem::replace(&mut p.state, ProcState::Ready { retry: None }) {
            ProcState::Ready { retry: Some(call) } => call,
            ProcState::Ready { retry: None } => match p.spec.program.step(SLICE_BUDGET) {
                Run::Syscall(call) => call,
                Run::OutOfFuel => {
                    self.now += SLICE_NS;
                    return pid;
                }
                Run::Finished(status) => Call::ExitGroup { status },
            },
            other => unreachable!("process {pid} scheduled while {other:?}"),
        };
        self.kernel.set_task(pid, p.spec.program.task());
        let outcome = self.kernel.syscall(pid, &call, now);
        self.now += SYSCALL_NS;
        if let Call::ExitGroup { status } = call {
            p.state = ProcState::Exited(status);
            return pid;
        }
        match outcome {
            Outcome::WouldBlock(wait) => match self.kernel.take_signal(pid) {
                Some(SignalAction::Handler { sig, handler }) => {
                    p.spec.program.resume(Outcome::WouldBlock(wait));
                    p.spec.program.signal(sig, handler);
                }
                Some(SignalAction::Terminated(sig)) => p.state = ProcState::Killed(sig),
                None => p.state = ProcState::Blocked { call, wait },
            },
            answer => {
                // Signals first, then the answer: a program whose call a handler interrupted (EINTR)
                // runs the handler before it sees the answer, as CPython does (PEP 475).
                while let Some(action) = self.kernel.take_signal(pid) {
                    match action {
                        SignalAction::Handler { sig, handler } => p.spec.program.signal(sig, handler),
                        SignalAction::Terminated(sig) => {
                            p.state = ProcState::Killed(sig);
                            return pid;
                        }
                    }
                }
                p.spec.program.resume(answer);
            }
        }
        pid
    }

    /// The processes left, each with the call it is stuck in.
    fn waiting(&self) -> Vec<Waiting> {
        self.procs
            .iter()
            .filter_map(|p| match &p.state {
                ProcState::Blocked { call, wait } => Some(Waiting {
                    name: p.spec.name.clone(),
                    pid: p.pid.expect("a blocked process was started"),
                    call: call.name(),
                    on: describe_wait(wait),
                }),
                _ => None,
            })
            .collect()
    }
}

/// A wait in words, for the "waits forever" report.
pub fn describe_wait(wait: &WaitOn) -> String {
    let fds = |fds: &[i32]| fds.iter().map(|fd| fd.to_string()).collect::<Vec<_>>().join(", ");
    match wait {
        WaitOn::Readable(fd) => format!("fd {fd} to become readable"),
        WaitOn::Writable(fd) => format!("fd {fd} to become writable"),
        WaitOn::Any { readable, writable, .. } => match (readable.is_empty(), writable.is_empty()) {
            (true, true) => "nothing (no fds, no timeout)".into(),
            (false, true) => format!("fds [{}] to become readable", fds(readable)),
            (true, false) => format!("fds [{}] to become writable", fds(writable)),
            (false, false) => format!("fds [{}] readable or [{}] writable", fds(readable), fds(writable)),
        },
        WaitOn::Until(t) => format!("the clock to reach {}", crate::trace::format_time(*t)),
        WaitOn::Signal => "a signal".into(),
    }
}
