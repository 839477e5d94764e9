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
//! 3. After every syscall answer (and between VM steps, as CPython checks between bytecodes), ask
//!    [`Kernel::take_signal`]: a signal with a handler must run that handler before anything else (for a
//!    `WouldBlock` answer: run it, then retry the call). While a call is in flight it answers `None`:
//!    the retry ends the call first (EINTR, or `? ERESTARTSYS` under SA_RESTART).
//! 4. Between steps, [`Kernel::advance`] to the virtual time of [`Kernel::next_deadline`] delivers
//!    segments and fires timers. Loopback segments need no step: as on Linux, a call's segments over
//!    loopback (and the replies they cause) are processed before the call answers.
//! 5. [`Kernel::drain_events`] gives the trace.

mod aio;
mod call;
mod config;
mod fdtable;
mod file;
mod objects;
mod poll;
/// strace-style rendering of calls; shared with the native backend so both traces print alike.
pub(crate) mod render;
mod signal;
mod socket;
mod tcp;
mod udp;
mod view;

pub use config::{HostConfig, LinkConfig, WorldConfig};
pub use fdtable::FdEntry;
pub use objects::ObjId;
pub use signal::{alarm_seconds_left, restartable, Disposition, SigCode, SignalAction, SignalState};
pub use view::{AioView, FdView, InterestView, KernelView, ObjectView, ProcessView};

use crate::net::{Prng, Wire};
use crate::sys::{Errno, Fd, Ipv4Addr, Nanos, Pid};
use crate::trace::{Event, Kind, ProcState};
use call::{InCall, Step};
use objects::Objects;
use std::collections::{BTreeMap, BTreeSet};

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

/// A timer's place in the timer maps (expiry, sequence), to cancel it.
pub(super) type TimerKey = (Nanos, u64);

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
    /// Housekeeping timers nobody waits for (TIME_WAIT expiry): fired when time passes them, but not
    /// a reason to move time forward, so a world where every process waits forever is seen as such.
    quiet_timers: BTreeMap<(Nanos, u64), Timer>,
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
            quiet_timers: BTreeMap::new(),
            timer_seq: 0,
            socks,
            events: Vec::new(),
            seq: 0,
            woken: BTreeSet::new(),
            now: 0,
        }
    }

    /// The kernel's virtual time: the latest time passed in.
    pub fn now(&self) -> Nanos {
        self.now
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

    /// The earliest virtual time at which something happens on its own that a process could notice: a
    /// segment arrives, a timer fires. (TIME_WAIT expiries are not counted; they fire when time passes.)
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
            let first =
                |m: &BTreeMap<(Nanos, u64), Timer>| m.keys().next().copied().filter(|(t, _)| *t <= now);
            let timer = match (first(&self.timers), first(&self.quiet_timers)) {
                (Some(a), Some(b)) if b < a => Some((b, true)),
                (Some(a), _) => Some((a, false)),
                (None, Some(b)) => Some((b, true)),
                (None, None) => None,
            };
            let seg = self.wire.next_arrival().filter(|t| *t <= now);
            match (seg, timer) {
                (Some(s), Some(((t, _), _))) if s <= t => self.deliver_next(now),
                (Some(_), None) => self.deliver_next(now),
                (_, Some((key, quiet))) => {
                    let map = if quiet { &mut self.quiet_timers } else { &mut self.timers };
                    let timer = map.remove(&key).expect("a due timer");
                    self.now = self.now.max(key.0);
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

    /// Deliver every segment that has arrived by the kernel's current time, and the replies they cause
    /// (a SYN's SYN-ACK and its ACK, data's ACK, a FIN's ACK, an RST), which arrive at once too. On
    /// loopback that is everything the running call has just sent: Linux processes a loopback segment
    /// before the sending syscall returns (`loopback_xmit` → `netif_rx`, and the softirq runs at
    /// `local_bh_enable`, still inside the call). Returns whether any segment arrived.
    pub(super) fn deliver_arrived(&mut self) -> bool {
        let mut any = false;
        while let Some((_, seg)) = self.wire.pop_due(self.now) {
            self.receive(seg);
            any = true;
        }
        any
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

    fn add_timer(&mut self, at: Nanos, timer: Timer) -> TimerKey {
        let map =
            if matches!(timer, Timer::TimeWait(..)) { &mut self.quiet_timers } else { &mut self.timers };
        let key = (at, self.timer_seq);
        map.insert(key, timer);
        self.timer_seq += 1;
        key
    }

    /// Forget a timer that no longer matters, so it does not hold `next_deadline` up.
    pub(super) fn cancel_timer(&mut self, key: TimerKey) {
        if self.timers.remove(&key).is_none() {
            self.quiet_timers.remove(&key);
        }
    }

    /// The call is over (or abandoned): its wake-up timers go with it.
    fn end_call(&mut self, pid: Pid) {
        let Some(ic) = self.procs.get_mut(&pid).and_then(|p| p.in_call.take()) else {
            return;
        };
        for key in ic.timers {
            self.cancel_timer(key);
        }
    }

    /// The process is gone: close its fds, forget its timers' targets.
    pub fn exit_process(&mut self, pid: Pid, how: ProcState) {
        let Some(p) = self.procs.get_mut(&pid) else { return };
        if !p.alive {
            return;
        }
        p.alive = false;
        let fds = p.fds.open_fds();
        self.end_call(pid);
        self.disarm_itimer(pid);
        for fd in fds {
            if fd > 2 {
                let _ = self.close_fd(pid, fd);
            }
        }
        // The FINs and RSTs of its closed sockets, over loopback, are processed before it is gone.
        self.deliver_arrived();
        self.emit(pid, Kind::State(how));
    }

    /// Record an event at the kernel's current time.
    fn emit(&mut self, pid: Pid, kind: Kind) {
        let task = self.procs.get(&pid).map(|p| p.task).unwrap_or(0);
        self.events.push(Event { seq: self.seq, time: self.now, pid, task, kind });
        self.seq += 1;
    }

    /// The fd's entry, or EBADF.
    fn fd(&self, pid: Pid, fd: Fd) -> Result<FdEntry, Errno> {
        self.procs.get(&pid).and_then(|p| p.fds.get(fd)).copied().ok_or(Errno::EBADF)
    }
}
