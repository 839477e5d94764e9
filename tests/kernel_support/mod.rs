//! A small driver for kernel tests: processes are Rust state machines (closures) that answer each
//! syscall result with the next call, and a scheduler that parks them on `WouldBlock`, retries them when
//! the kernel wakes them, runs their signal handlers, and advances virtual time when everyone waits —
//! the same protocol the VM's world follows.
#![allow(dead_code)]

use ioplay::kernel::{Kernel, SignalAction, WorldConfig};
use ioplay::sys::{Call, Errno, Nanos, Outcome, Pid, Ret};
use std::collections::BTreeMap;

/// What a program is told.
#[derive(Clone, Debug, PartialEq)]
pub enum Input {
    Start,
    Result(Outcome<Ret>),
    /// A signal arrived: run the handler (answer `Action::Return` when it is done).
    Signal(i32),
}

/// What a program does next.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Call(Call),
    /// The signal handler is done.
    Return,
    Exit(i32),
}

pub type Program = Box<dyn FnMut(Input) -> Action>;

pub mod c10k;

struct Proc {
    program: Program,
    /// The call being made (retried while it blocks).
    current: Option<Call>,
    /// Calls interrupted by a handler, with their outcome, to resume afterwards.
    interrupted: Vec<(Call, Outcome<Ret>)>,
    parked: bool,
    done: bool,
}

pub struct Harness {
    pub k: Kernel,
    pub now: Nanos,
    procs: BTreeMap<Pid, Proc>,
    /// Every syscall answer, per process, in order (retries that blocked again are not recorded),
    /// unless `record` is off (the benchmark).
    pub results: BTreeMap<Pid, Vec<(Call, Outcome<Ret>)>>,
    pub record: bool,
}

impl Harness {
    pub fn new(cfg: WorldConfig) -> Harness {
        Harness {
            k: Kernel::new(cfg),
            now: 0,
            procs: BTreeMap::new(),
            results: BTreeMap::new(),
            record: true,
        }
    }

    pub fn single() -> Harness {
        Harness::new(WorldConfig::single_host())
    }

    /// Start a program on a host.
    pub fn spawn(&mut self, host: &str, name: &str, program: Program) -> Pid {
        self.spawn_with_limit(host, name, program, 1024)
    }

    /// Start a program with its `RLIMIT_NOFILE` raised (as `ulimit -n`).
    pub fn spawn_with_limit(&mut self, host: &str, name: &str, mut program: Program, nofile: usize) -> Pid {
        let pid = self.k.spawn(host, name, self.now).expect("known host");
        self.k.set_nofile_limit(pid, nofile);
        let first = program(Input::Start);
        let mut p = Proc { program, current: None, interrupted: Vec::new(), parked: false, done: false };
        self.apply(pid, &mut p, first);
        self.procs.insert(pid, p);
        pid
    }

    fn apply(&mut self, pid: Pid, p: &mut Proc, action: Action) {
        match action {
            Action::Call(c) => p.current = Some(c),
            Action::Exit(status) => {
                let _ = self.k.syscall(pid, &Call::ExitGroup { status }, self.now);
                p.current = None;
                p.done = true;
            }
            Action::Return => match p.interrupted.pop() {
                Some((call, Outcome::WouldBlock(_))) => p.current = Some(call),
                Some((_, out)) => {
                    let next = (p.program)(Input::Result(out));
                    self.apply(pid, p, next);
                }
                None => panic!("a handler returned with nothing interrupted"),
            },
        }
    }

    /// Run one process until it blocks or exits.
    fn run(&mut self, pid: Pid) {
        let mut p = self.procs.remove(&pid).expect("known pid");
        p.parked = false;
        while let Some(call) = p.current.clone() {
            if !self.k.process(pid).is_some_and(|x| x.alive) {
                p.done = true;
                break;
            }
            let out = self.k.syscall(pid, &call, self.now);
            match self.k.take_signal(pid) {
                Some(SignalAction::Handler { sig, .. }) => {
                    if !matches!(out, Outcome::WouldBlock(_)) {
                        self.results.entry(pid).or_default().push((call.clone(), out.clone()));
                    }
                    p.interrupted.push((call, out));
                    let next = (p.program)(Input::Signal(sig));
                    self.apply(pid, &mut p, next);
                    continue;
                }
                Some(SignalAction::Terminated(_)) => {
                    p.done = true;
                    p.current = None;
                    break;
                }
                None => {}
            }
            if matches!(out, Outcome::WouldBlock(_)) {
                p.parked = true;
                break;
            }
            if self.record {
                self.results.entry(pid).or_default().push((call, out.clone()));
            }
            let next = (p.program)(Input::Result(out));
            self.apply(pid, &mut p, next);
        }
        if p.current.is_none() {
            p.done = true;
        }
        self.procs.insert(pid, p);
    }

    /// Run everything until every process has exited, all wait forever, or `until` passes.
    pub fn run_until(&mut self, until: Nanos) {
        let mut runnable: Vec<Pid> =
            self.procs.iter().filter(|(_, p)| !p.done && !p.parked).map(|(k, _)| *k).collect();
        loop {
            for pid in std::mem::take(&mut runnable) {
                if self.procs.get(&pid).is_some_and(|p| !p.done) {
                    self.run(pid);
                }
            }
            for pid in self.k.take_woken() {
                if self.procs.get(&pid).is_some_and(|p| p.parked && !p.done) {
                    runnable.push(pid);
                }
            }
            // A signal for a parked process also ends its wait.
            for (pid, p) in &self.procs {
                if p.parked && !p.done && self.k.signal_deliverable(*pid) && !runnable.contains(pid) {
                    runnable.push(*pid);
                }
            }
            if !runnable.is_empty() {
                continue;
            }
            if self.procs.values().all(|p| p.done) {
                return;
            }
            match self.k.next_deadline() {
                Some(t) if t <= until => {
                    self.now = self.now.max(t);
                    self.k.advance(self.now);
                }
                _ => return,
            }
        }
    }

    pub fn run_all(&mut self) {
        self.run_until(u64::MAX);
    }

    pub fn done(&self, pid: Pid) -> bool {
        self.procs.get(&pid).is_some_and(|p| p.done)
    }

    /// The outcomes of one syscall name for a process.
    pub fn outcomes(&self, pid: Pid, name: &str) -> Vec<Outcome<Ret>> {
        self.results
            .get(&pid)
            .map(|v| v.iter().filter(|(c, _)| c.name() == name).map(|(_, o)| o.clone()).collect())
            .unwrap_or_default()
    }
}

/// A program that makes these calls in order, ignoring results, then exits 0.
pub fn script(calls: Vec<Call>) -> Program {
    let mut it = calls.into_iter();
    Box::new(move |_input| match it.next() {
        Some(c) => Action::Call(c),
        None => Action::Exit(0),
    })
}

/// Make one call that must not block; its result.
pub fn now_call(k: &mut Kernel, pid: Pid, call: Call, now: Nanos) -> Result<Ret, Errno> {
    match k.syscall(pid, &call, now) {
        Outcome::Ok(r) => Ok(r),
        Outcome::Err(e) => Err(e),
        Outcome::WouldBlock(w) => panic!("{} blocked on {w:?}", call.name()),
    }
}

/// Make one call; if it blocks, advance time until it completes (nobody else runs meanwhile).
pub fn block_on(k: &mut Kernel, now: &mut Nanos, pid: Pid, call: Call) -> Result<Ret, Errno> {
    loop {
        match k.syscall(pid, &call, *now) {
            Outcome::Ok(r) => return Ok(r),
            Outcome::Err(e) => return Err(e),
            Outcome::WouldBlock(w) => {
                if k.poll_wait(pid, &w, *now) {
                    continue;
                }
                match k.next_deadline() {
                    Some(t) => {
                        *now = (*now).max(t);
                        k.advance(*now);
                    }
                    None => panic!("{} blocks forever on {w:?}", call.name()),
                }
            }
        }
    }
}

pub fn int(r: Result<Ret, Errno>) -> i64 {
    match r {
        Ok(Ret::Int(n)) => n,
        other => panic!("expected an int, got {other:?}"),
    }
}
