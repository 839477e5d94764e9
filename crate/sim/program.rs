//! What the world needs of a process's program: run a slice, hand over a syscall, take its answer.
//!
//! The Python VM implements this; so do Rust-written services (the simulated web server) and the
//! scripted programs of the tests. Nothing here knows about Python.

use crate::sys::{Call, Ipv4Addr, Outcome, Pid, Ret};
use std::fmt;

/// How a slice of a program ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Run {
    /// The program makes this syscall and waits for its answer ([`Program::resume`]).
    Syscall(Call),
    /// The budget is spent; the program is still runnable.
    OutOfFuel,
    /// The program ended with this exit status (its tracebacks are already written to fd 2).
    Finished(i32),
}

/// What a process learns from its world when it starts: its pid, the names it can resolve (the
/// world's `/etc/hosts`: `localhost`, every host, and the scenario's DNS entries), and the world's seed
/// (its stand-in for the OS's entropy).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProcessEnv {
    pub pid: Pid,
    pub hosts: Vec<(String, Ipv4Addr)>,
    pub seed: u64,
}

/// A process's program, driven by the world one slice at a time (piccolo's executor habit: the program
/// never calls the kernel, it returns the call and is resumed with the answer).
pub trait Program: fmt::Debug {
    /// The process starts, before its first step. Programs that resolve no names can ignore it.
    fn start(&mut self, _env: &ProcessEnv) {}

    /// Run at most `budget` instructions, until the next syscall or the end.
    fn step(&mut self, budget: u32) -> Run;

    /// The answer to the syscall the last [`Program::step`] returned. `Outcome::WouldBlock` arrives only
    /// when a signal handler interrupted a restartable call: the program runs the handler (announced by
    /// [`Program::signal`] right after) and then makes the same call again.
    fn resume(&mut self, outcome: Outcome<Ret>);

    /// A signal with a user handler was delivered: run `handler` (the number the program gave in its
    /// `rt_sigaction`) before its next instruction. It comes before the [`Program::resume`] of the call
    /// it interrupted (or of the call it was delivered after), so an `EINTR` answer can be handled as
    /// CPython does: handler first, then the call again.
    fn signal(&mut self, sig: i32, handler: u64);

    /// The task (greenlet, coroutine) running now, stamped on the trace's events; 0 is the main one.
    fn task(&self) -> u32 {
        0
    }

    /// A copy of the program's whole state: the world is `Clone`, so checkpoints can be taken.
    fn clone_box(&self) -> Box<dyn Program>;
}

impl Clone for Box<dyn Program> {
    fn clone(&self) -> Self {
        self.clone_box()
    }
}
