//! The simulated Linux kernel: processes, fd tables, sockets (TCP and UDP over [`crate::net`]), pipes,
//! stdin/stdout, wait queues, `select`/`poll`/`epoll`, signals, timers, aio and io_uring.
//!
//! Sans-IO and deterministic: virtual time is passed in, randomness comes from one seeded PRNG, every map
//! is a `BTreeMap` or a `Vec`, and the whole state is `Clone`.
//!
//! How a driver (the simulated world, or a test) uses it:
//! 1. [`Kernel::spawn`] a process; feed its stdin with [`Kernel::feed_stdin`].
//! 2. Make a syscall with [`Kernel::syscall`]. An answer of [`Outcome::WouldBlock`] means the process is
//!    now blocked in the kernel: park it, and when [`Kernel::take_woken`] names it (or
//!    [`Kernel::poll_wait`] says so) call the **same** syscall again. The kernel knows it is a retry (the
//!    call is still in flight), so the trace shows one call, with its phases, as strace does.
//! 3. After every syscall answer, ask [`Kernel::take_signal`]: a signal with a handler must run that
//!    handler before anything else (for a `WouldBlock` answer: run it, then retry the call).
//! 4. Between steps, [`Kernel::advance`] to the virtual time of [`Kernel::next_deadline`] delivers
//!    segments and fires timers.
//! 5. [`Kernel::drain_events`] gives the trace.

mod aio;
mod fdtable;
mod file;
mod objects;
mod poll;
mod render;
mod signal;
mod socket;
mod tcp;
mod udp;

pub use fdtable::FdEntry;
pub use objects::ObjId;
pub use signal::SignalAction;

use crate::net::{LinkSpec, Prng, Wire};
use crate::sys::{Call, Errno, Fd, Ipv4Addr, Nanos, Outcome, Pid, Ret, WaitOn};
use crate::trace::{Event, Kind, Phase, ProcState};
use objects::Objects;
use std::collections::{BTreeMap, BTreeSet};

/// A host in the world.
#[derive(Clone, Debug, PartialEq, serde::Deserialize, serde::Serialize)]
pub struct HostConfig {
    pub name: String,
    pub addr: Ipv4Addr,
}

/// A link between two named hosts (both directions).
#[derive(Clone, Debug, PartialEq, serde::Deserialize, serde::Serialize)]
pub struct LinkConfig {
    pub a: String,
    pub b: String,
    pub spec: LinkSpec,
}

/// What the world looks like to the kernel.
#[derive(Clone, Debug, PartialEq, serde::Deserialize, serde::Serialize)]
pub struct WorldConfig {
    pub hosts: Vec<HostConfig>,
    /// Extra DNS names → addresses (every host's own name resolves too).
    pub dns: BTreeMap<String, Ipv4Addr>,
    pub links: Vec<LinkConfig>,
    /// The link between hosts that no `links` entry names.
    pub default_link: LinkSpec,
    /// The seed of the world's PRNG (ephemeral ports, initial sequence numbers, loss).
    pub seed: u64,
    /// The modelled "copy data from kernel to user" phase: a fixed part …
    pub copy_base_ns: Nanos,
    /// … plus this many picoseconds per byte.
    pub copy_ps_per_byte: u64,
}

impl WorldConfig {
    /// One host, `localhost` at 127.0.0.1, nothing else.
    pub fn single_host() -> WorldConfig {
        WorldConfig {
            hosts: vec![HostConfig {
                name: "localhost".into(),
                addr: Ipv4Addr::new(127, 0, 0, 1),
            }],
            dns: BTreeMap::new(),
            links: Vec::new(),
            default_link: LinkSpec {
                latency: 10_000_000,
                bandwidth_bps: None,
                loss: 0.0,
            },
            seed: 1,
            copy_base_ns: 1_000,
            copy_ps_per_byte: 100,
        }
    }
}

/// Per-process counters, as the UI's compare view shows them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counters {
    /// Syscalls entered (a retried blocking call counts once).
    pub syscalls: u64,
    /// File descriptors examined by `select` and `poll`, every time they looked.
    pub fds_scanned: u64,
    /// Events `epoll_wait` took off a ready list and reported.
    pub epoll_ready_hits: u64,
    /// Bytes copied from the kernel to the process.
    pub bytes_to_user: u64,
    /// Bytes copied from the process to the kernel.
    pub bytes_from_user: u64,
    /// Times the process gave up the CPU by blocking.
    pub context_switches: u64,
}

/// A call in flight: entered, not yet returned (it blocked and will be retried).
#[derive(Clone, Debug)]
struct InCall {
    call: Call,
    /// When a timeout of the call runs out (select/poll/epoll_wait/sleep), fixed at entry.
    deadline: Option<Nanos>,
    /// The caller blocked at least once: the wait-for-data phase is open.
    waited: bool,
    /// The data is taken and being copied; the call returns this at the given time.
    copying: Option<(Ret, Nanos, Fd, usize)>,
    /// Bytes a blocking write already moved into the kernel (it returns when all are in).
    progress: usize,
    /// io_uring_enter already took its submissions.
    submitted: bool,
}

/// A process as the kernel sees it.
#[derive(Clone, Debug)]
pub struct Process {
    pub pid: Pid,
    pub name: String,
    pub host: usize,
    pub fds: fdtable::FdTable,
    pub counters: Counters,
    pub signals: signal::SignalState,
    pub aio: BTreeMap<u64, aio::AioCb>,
    pub alive: bool,
    /// The objects of stdin, stdout and stderr, kept even if the program closes fds 0–2.
    stdio: [ObjId; 3],
    /// The task the driver says is running (greenlet, coroutine); stamped on events.
    pub task: u32,
    in_call: Option<InCall>,
}

/// What a syscall's body decides.
enum Step {
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

/// Kernel timers, fired by [`Kernel::advance`].
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Timer {
    /// A blocked call's deadline: wake the process.
    Wake(Pid),
    /// SYN retransmission for a connecting socket (with the socket's generation).
    SynRetry(ObjId, u64),
    /// TIME_WAIT ends: free the socket.
    TimeWait(ObjId, u64),
    /// ITIMER_REAL fires (with the timer's generation).
    Itimer(Pid, u64),
    /// An aio request's copy phase ends.
    AioCopied(Pid, u64),
    /// An io_uring TIMEOUT op expires.
    UringTimeout(ObjId, u64),
}

/// The whole simulated kernel. `Clone` is a checkpoint.
#[derive(Clone, Debug)]
pub struct Kernel {
    cfg: WorldConfig,
    hosts: Vec<HostConfig>,
    procs: BTreeMap<Pid, Process>,
    next_pid: Pid,
    objs: Objects,
    wire: Wire,
    rng: Prng,
    timers: BTreeMap<(Nanos, u64), Timer>,
    timer_seq: u64,
    socks: socket::Tables,
    events: Vec<Event>,
    seq: u64,
    woken: BTreeSet<Pid>,
    now: Nanos,
}

impl Kernel {
    pub fn new(cfg: WorldConfig) -> Kernel {
        let mut rng = Prng::new(cfg.seed);
        let mut wire = Wire::new(cfg.default_link, rng.next_u64());
        for link in &cfg.links {
            let a = cfg.hosts.iter().position(|h| h.name == link.a);
            let b = cfg.hosts.iter().position(|h| h.name == link.b);
            if let (Some(a), Some(b)) = (a, b) {
                wire.set_link(a, b, link.spec);
            }
        }
        let socks = socket::Tables::new(cfg.hosts.len(), &mut rng);
        Kernel {
            hosts: cfg.hosts.clone(),
            cfg,
            procs: BTreeMap::new(),
            next_pid: 1000,
            objs: Objects::default(),
            wire,
            rng,
            timers: BTreeMap::new(),
            timer_seq: 0,
            socks,
            events: Vec::new(),
            seq: 0,
            woken: BTreeSet::new(),
            now: 0,
        }
    }

    pub fn config(&self) -> &WorldConfig {
        &self.cfg
    }

    /// The host index of a host name.
    pub fn host_index(&self, name: &str) -> Option<usize> {
        self.hosts.iter().position(|h| h.name == name)
    }

    /// Resolve a name the way the world's DNS would (`localhost`, host names, the DNS table, dotted quads).
    pub fn resolve(&self, name: &str) -> Option<Ipv4Addr> {
        if let Ok(addr) = name.parse() {
            return Some(addr);
        }
        if name == "localhost" {
            return Some(Ipv4Addr::LOCALHOST);
        }
        if let Some(addr) = self.cfg.dns.get(name) {
            return Some(*addr);
        }
        self.hosts.iter().find(|h| h.name == name).map(|h| h.addr)
    }

    /// Start a process on a host, with stdin (empty, open), stdout and stderr on fds 0, 1, 2.
    pub fn spawn(&mut self, host: &str, name: &str, now: Nanos) -> Option<Pid> {
        let host = self.host_index(host)?;
        self.advance(now);
        let pid = self.next_pid;
        self.next_pid += 1;
        let mut fds = fdtable::FdTable::default();
        let mut stdio = [0; 3];
        for (fd, kind) in [
            objects::ObjKind::Stdin(Default::default()),
            objects::ObjKind::Stdout(Vec::new()),
            objects::ObjKind::Stdout(Vec::new()),
        ]
        .into_iter()
        .enumerate()
        {
            let id = self.objs.insert(kind);
            self.objs.get_mut(id).refs += 1;
            fds.install(id, false, false).expect("a fresh table has room");
            stdio[fd] = id;
        }
        self.procs.insert(
            pid,
            Process {
                pid,
                name: name.to_string(),
                host,
                fds,
                counters: Counters::default(),
                signals: signal::SignalState::default(),
                aio: BTreeMap::new(),
                alive: true,
                stdio,
                task: 0,
                in_call: None,
            },
        );
        self.emit(pid, Kind::State(ProcState::Running));
        Some(pid)
    }

    /// The process, if it exists.
    pub fn process(&self, pid: Pid) -> Option<&Process> {
        self.procs.get(&pid)
    }

    /// The pids, in order.
    pub fn pids(&self) -> Vec<Pid> {
        self.procs.keys().copied().collect()
    }

    /// Say which task (greenlet) of the process runs now; later events carry it.
    pub fn set_task(&mut self, pid: Pid, task: u32) {
        if let Some(p) = self.procs.get_mut(&pid) {
            p.task = task;
        }
    }

    pub fn counters(&self, pid: Pid) -> Counters {
        self.procs.get(&pid).map(|p| p.counters).unwrap_or_default()
    }

    /// Append to a process's stdin (the UI's input box, a scenario's script).
    pub fn feed_stdin(&mut self, pid: Pid, bytes: &[u8]) {
        if let Some(id) = self.stdio_obj(pid, 0) {
            if let objects::ObjKind::Stdin(s) = &mut self.objs.get_mut(id).kind {
                s.data.extend(bytes);
            }
            self.wake_obj(id);
        }
    }

    /// End a process's stdin: reads then return 0.
    pub fn close_stdin(&mut self, pid: Pid) {
        if let Some(id) = self.stdio_obj(pid, 0) {
            if let objects::ObjKind::Stdin(s) = &mut self.objs.get_mut(id).kind {
                s.eof = true;
            }
            self.wake_obj(id);
        }
    }

    /// Everything the process wrote to fd 1 (stdout) so far.
    pub fn stdout(&self, pid: Pid) -> &[u8] {
        self.stdio_bytes(pid, 1)
    }

    /// Everything the process wrote to fd 2 (stderr) so far.
    pub fn stderr(&self, pid: Pid) -> &[u8] {
        self.stdio_bytes(pid, 2)
    }

    fn stdio_obj(&self, pid: Pid, fd: usize) -> Option<ObjId> {
        self.procs.get(&pid).map(|p| p.stdio[fd])
    }

    fn stdio_bytes(&self, pid: Pid, fd: usize) -> &[u8] {
        match self.stdio_obj(pid, fd).map(|id| &self.objs.get(id).kind) {
            Some(objects::ObjKind::Stdout(data)) => data,
            _ => &[],
        }
    }

    /// Take the events since the last call.
    pub fn drain_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.events)
    }

    /// The processes woken since the last call (their wait may be over; a spurious wake is harmless:
    /// the retried call blocks again).
    pub fn take_woken(&mut self) -> Vec<Pid> {
        std::mem::take(&mut self.woken).into_iter().collect()
    }

    /// The earliest virtual time at which something happens on its own: a segment arrives, a timer fires.
    pub fn next_deadline(&self) -> Option<Nanos> {
        let timer = self.timers.keys().next().map(|(t, _)| *t);
        match (timer, self.wire.next_arrival()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Run the world up to `now`: deliver every segment and fire every timer due by then, in time order.
    pub fn advance(&mut self, now: Nanos) {
        loop {
            let timer = self.timers.keys().next().map(|(t, _)| *t).filter(|t| *t <= now);
            let seg = self.wire.next_arrival().filter(|t| *t <= now);
            match (seg, timer) {
                (Some(s), Some(t)) if s <= t => self.deliver_next(now),
                (Some(_), None) => self.deliver_next(now),
                (_, Some(_)) => {
                    let ((t, k), timer) = self.timers.pop_first().expect("a due timer");
                    let _ = k;
                    self.now = self.now.max(t);
                    self.fire(timer);
                }
                (None, None) => break,
            }
        }
        self.now = self.now.max(now);
    }

    fn deliver_next(&mut self, now: Nanos) {
        if let Some((t, seg)) = self.wire.pop_due(now) {
            self.now = self.now.max(t);
            self.receive(seg);
        }
    }

    fn fire(&mut self, timer: Timer) {
        match timer {
            Timer::Wake(pid) => {
                self.woken.insert(pid);
            }
            Timer::SynRetry(id, gen) => self.syn_retry(id, gen),
            Timer::TimeWait(id, gen) => self.time_wait_over(id, gen),
            Timer::Itimer(pid, gen) => self.itimer_fire(pid, gen),
            Timer::AioCopied(pid, cb) => self.aio_copied(pid, cb),
            Timer::UringTimeout(id, user_data) => self.uring_timeout(id, user_data),
        }
    }

    fn add_timer(&mut self, at: Nanos, timer: Timer) {
        self.timers.insert((at, self.timer_seq), timer);
        self.timer_seq += 1;
    }

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
        let aio_done = match &p.in_call {
            Some(InCall {
                call: Call::AioSuspend { cbs, .. },
                ..
            }) => self.aio_any_done(pid, cbs),
            _ => false,
        };
        aio_done
            || match wait {
                WaitOn::Readable(fd) => self.fd_mask(pid, *fd) & poll::READ_READY != 0,
                WaitOn::Writable(fd) => self.fd_mask(pid, *fd) & poll::WRITE_READY != 0,
                WaitOn::Any {
                    readable,
                    writable,
                    deadline,
                } => {
                    deadline.is_some_and(|d| now >= d)
                        || readable
                            .iter()
                            .any(|fd| self.fd_mask(pid, *fd) & poll::READ_READY != 0)
                        || writable
                            .iter()
                            .any(|fd| self.fd_mask(pid, *fd) & poll::WRITE_READY != 0)
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
            if let Some(old) = p.in_call.take() {
                let name = old.call.name().to_string();
                let args = render::args(&old.call, None);
                self.emit(
                    pid,
                    Kind::SyscallExit {
                        name,
                        args,
                        ret: "? <abandoned>".into(),
                        errno: None,
                    },
                );
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
            });
            self.emit(
                pid,
                Kind::SyscallEnter {
                    name: call.name().into(),
                    args: render::enter_args(call),
                },
            );
        }
        // A call copying its data finishes when the modelled copy is over.
        let in_call = self.procs[&pid].in_call.clone().expect("entered above");
        if let Some((ret, until, fd, bytes)) = in_call.copying {
            if now < until {
                return Outcome::WouldBlock(WaitOn::Until(until));
            }
            self.emit(
                pid,
                Kind::Phase {
                    phase: Phase::CopyToUser,
                    end: true,
                    fd,
                    bytes,
                },
            );
            self.emit(pid, Kind::State(ProcState::Running));
            return self.finish(pid, call, Ok(ret));
        }
        let step = self.dispatch(pid, call, in_call.deadline);
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
                self.emit(
                    pid,
                    Kind::Phase {
                        phase: Phase::CopyToUser,
                        end: false,
                        fd,
                        bytes,
                    },
                );
                let cost = self.copy_cost(bytes);
                if cost == 0 {
                    self.emit(
                        pid,
                        Kind::Phase {
                            phase: Phase::CopyToUser,
                            end: true,
                            fd,
                            bytes,
                        },
                    );
                    return self.finish(pid, call, Ok(ret));
                }
                let until = self.now + cost;
                let p = self.procs.get_mut(&pid).expect("alive");
                p.counters.context_switches += 1;
                if let Some(ic) = p.in_call.as_mut() {
                    ic.copying = Some((ret, until, fd, bytes));
                }
                self.emit(
                    pid,
                    Kind::State(ProcState::Blocked("the copy to user space".into())),
                );
                self.add_timer(until, Timer::Wake(pid));
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
                self.emit(
                    pid,
                    Kind::SyscallExit {
                        name,
                        args,
                        ret,
                        errno: None,
                    },
                );
                self.procs.get_mut(&pid).expect("alive").in_call = None;
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
                self.emit(
                    pid,
                    Kind::Phase {
                        phase: Phase::WaitForData,
                        end: false,
                        fd,
                        bytes: 0,
                    },
                );
            }
            self.emit(pid, Kind::State(ProcState::Blocked(render::wait_text(&wait))));
            if let Some(d) = deadline {
                self.add_timer(d, Timer::Wake(pid));
            }
        }
        self.register_waiter(pid, &wait);
        Outcome::WouldBlock(wait)
    }

    fn end_wait(&mut self, pid: Pid, call: &Call) {
        if let Some(fd) = render::waits_for_data(call) {
            self.emit(
                pid,
                Kind::Phase {
                    phase: Phase::WaitForData,
                    end: true,
                    fd,
                    bytes: 0,
                },
            );
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
        self.emit(
            pid,
            Kind::SyscallExit {
                name,
                args,
                ret,
                errno,
            },
        );
        if let Some(p) = self.procs.get_mut(&pid) {
            p.in_call = None;
        }
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
            WaitOn::Any {
                readable, writable, ..
            } => readable.iter().chain(writable).copied().collect(),
            WaitOn::Until(t) => {
                let t = *t;
                self.add_timer(t, Timer::Wake(pid));
                return;
            }
            WaitOn::Signal => return,
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

    /// The process is gone: close its fds, forget its timers' targets.
    pub fn exit_process(&mut self, pid: Pid, how: ProcState) {
        let Some(p) = self.procs.get_mut(&pid) else { return };
        if !p.alive {
            return;
        }
        p.alive = false;
        p.in_call = None;
        let fds = p.fds.open_fds();
        for fd in fds {
            if fd > 2 {
                let _ = self.close_fd(pid, fd);
            }
        }
        self.emit(pid, Kind::State(how));
    }

    fn dispatch(&mut self, pid: Pid, call: &Call, deadline: Option<Nanos>) -> Step {
        use Call::*;
        match call {
            Write { fd, data } => self.sys_write(pid, *fd, data),
            Read { fd, count } => self.sys_read(pid, *fd, *count),
            ClockNanosleep { until } => self.sys_sleep(*until),
            Nanosleep { .. } => self.sys_sleep(deadline.unwrap_or(self.now)),
            ClockGettime { .. } => Step::Done(Ok(Ret::Time(self.now))),
            Getpid => Step::Done(Ok(Ret::Int(pid as i64))),
            Socket { domain, ty, protocol } => Step::Done(self.sys_socket(pid, *domain, *ty, *protocol)),
            Bind { fd, addr } => Step::Done(self.sys_bind(pid, *fd, *addr)),
            Listen { fd, backlog } => Step::Done(self.sys_listen(pid, *fd, *backlog)),
            Accept4 { fd, flags } => self.sys_accept4(pid, *fd, *flags),
            Connect { fd, addr } => self.sys_connect(pid, *fd, *addr),
            RecvFrom { fd, len, flags } => self.sys_recvfrom(pid, *fd, *len, *flags),
            SendTo {
                fd,
                data,
                flags,
                addr,
            } => self.sys_sendto(pid, *fd, data, *flags, *addr),
            Shutdown { fd, how } => Step::Done(self.sys_shutdown(pid, *fd, *how)),
            Close { fd } => Step::Done(self.close_fd(pid, *fd).map(|_| Ret::Int(0))),
            GetSockName { fd } => Step::Done(self.sys_getsockname(pid, *fd)),
            GetPeerName { fd } => Step::Done(self.sys_getpeername(pid, *fd)),
            SetSockOpt {
                fd,
                level,
                name,
                value,
            } => Step::Done(self.sys_setsockopt(pid, *fd, *level, *name, *value)),
            GetSockOpt { fd, level, name } => Step::Done(self.sys_getsockopt(pid, *fd, *level, *name)),
            Fcntl { fd, cmd, arg } => Step::Done(self.sys_fcntl(pid, *fd, *cmd, *arg)),
            Ioctl { fd, request, arg } => Step::Done(self.sys_ioctl(pid, *fd, *request, *arg)),
            Pipe2 { flags } => Step::Done(self.sys_pipe2(pid, *flags)),
            Select {
                nfds,
                read,
                write,
                except,
                ..
            } => self.sys_select(pid, *nfds, read, write, except, deadline),
            Poll { fds, .. } => self.sys_poll(pid, fds, deadline),
            EpollCreate1 { flags } => Step::Done(self.sys_epoll_create1(pid, *flags)),
            EpollCtl {
                epfd,
                op,
                fd,
                events,
                data,
            } => Step::Done(self.sys_epoll_ctl(pid, *epfd, *op, *fd, *events, *data)),
            EpollWait { epfd, maxevents, .. } => self.sys_epoll_wait(pid, *epfd, *maxevents, deadline),
            RtSigaction { sig, action } => Step::Done(self.sys_rt_sigaction(pid, *sig, *action)),
            RtSigprocmask { how, set } => Step::Done(self.sys_rt_sigprocmask(pid, *how, *set)),
            Kill { pid: target, sig } => Step::Done(self.sys_kill(*target, *sig)),
            Alarm { seconds } => Step::Done(self.sys_alarm(pid, *seconds)),
            Setitimer {
                which,
                value,
                interval,
            } => Step::Done(self.sys_setitimer(pid, *which, *value, *interval)),
            Pause => Step::Block(WaitOn::Signal),
            AioRead {
                cb,
                fd,
                nbytes,
                notify,
            } => Step::Done(self.sys_aio_read(pid, *cb, *fd, *nbytes, *notify)),
            AioWrite { cb, fd, data, notify } => Step::Done(self.sys_aio_write(pid, *cb, *fd, data, *notify)),
            AioError { cb } => Step::Done(self.sys_aio_error(pid, *cb)),
            AioReturn { cb } => Step::Done(self.sys_aio_return(pid, *cb)),
            AioSuspend { cbs, .. } => self.sys_aio_suspend(pid, cbs, deadline),
            IoUringSetup { entries } => Step::Done(self.sys_io_uring_setup(pid, *entries)),
            IoUringEnter {
                fd,
                submit,
                min_complete,
            } => self.sys_io_uring_enter(pid, *fd, submit, *min_complete),
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

    /// Record an event at the kernel's current time.
    fn emit(&mut self, pid: Pid, kind: Kind) {
        let task = self.procs.get(&pid).map(|p| p.task).unwrap_or(0);
        self.events.push(Event {
            seq: self.seq,
            time: self.now,
            pid,
            task,
            kind,
        });
        self.seq += 1;
    }

    /// The fd's entry, or EBADF.
    fn fd(&self, pid: Pid, fd: Fd) -> Result<FdEntry, Errno> {
        self.procs
            .get(&pid)
            .and_then(|p| p.fds.get(fd))
            .copied()
            .ok_or(Errno::EBADF)
    }
}

/// The relative timeout a call carries, fixed into a deadline when the call is entered.
fn timeout_of(call: &Call) -> Option<Nanos> {
    let ms = |t: i32| (t >= 0).then_some(t as u64 * 1_000_000);
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
