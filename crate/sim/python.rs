//! Python programs in the world: the VM behind the [`Program`] trait, and a program that failed to compile.

use super::program::{ProcessEnv, Program, Run};
use crate::py::modules::_ioplay;
use crate::py::value::Obj;
use crate::py::vm::{Fuel, Step, Vm};
use crate::sys::consts::SIGPIPE;
use crate::sys::{Call, Errno, Outcome, Ret, SigAction, SigHandler};
use std::fmt;

/// A Python program: the stackless VM, run a slice at a time.
#[derive(Clone)]
pub struct Python {
    vm: Vm,
    /// CPython's start-up calls not yet made, the next one last (see [`cpython_startup`]).
    startup: Vec<Call>,
    /// The syscall being made (to make it again after a signal handler interrupted it).
    call: Option<Call>,
    /// Signals delivered while a syscall's answer is awaited: their handlers run when it comes.
    signals: Vec<i32>,
}

impl Python {
    /// Compile `source` as `__main__` of a process whose `sys.argv` is `argv` (`argv[0]` the file name).
    /// A syntax error becomes a program that reports it as CPython does and exits 1.
    pub fn load(source: &str, filename: &str, argv: Vec<String>) -> Box<dyn Program> {
        let mut vm = Vm::new(argv);
        match vm.load_main(source, filename) {
            Ok(()) => Box::new(Python { vm, startup: cpython_startup(), call: None, signals: Vec::new() }),
            Err(error) => Box::new(CompileFailed::new(error.to_string())),
        }
    }

    pub fn vm(&self) -> &Vm {
        &self.vm
    }
}

/// What CPython does before `__main__` runs that a program can observe: it ignores SIGPIPE
/// (`rt_sigaction(SIGPIPE, {sa_handler=SIG_IGN, …})` in strace), so a send on a connection the peer has
/// closed raises `BrokenPipeError` instead of killing the process. Made as a real syscall, so the trace
/// shows it too. Returned in reverse order: the next call is the last.
fn cpython_startup() -> Vec<Call> {
    let ignore = SigAction { handler: SigHandler::Ignore, ..SigAction::default() };
    vec![Call::RtSigaction { sig: SIGPIPE, action: Some(ignore) }]
}

impl fmt::Debug for Python {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Python")
            .field("frames", &self.vm.frames().len())
            .field("finished", &self.vm.is_finished())
            .finish_non_exhaustive()
    }
}

impl Program for Python {
    fn start(&mut self, env: &ProcessEnv) {
        crate::py::modules::_ioplay::set_hosts(&mut self.vm, &env.hosts);
        crate::py::modules::random::set_world_seed(&mut self.vm, env.seed, env.pid);
    }

    fn step(&mut self, budget: u32) -> Run {
        if let Some(call) = self.startup.last() {
            return Run::Syscall(call.clone());
        }
        let mut fuel = Fuel::new(budget as u64);
        match self.vm.step(&mut fuel) {
            Step::Finished(status) => Run::Finished(status),
            Step::OutOfFuel => Run::OutOfFuel,
            Step::Syscall(call) => {
                self.call = Some(call.clone());
                Run::Syscall(call)
            }
        }
    }

    fn resume(&mut self, outcome: Outcome<Ret>) {
        if self.startup.pop().is_some() {
            return;
        }
        // `_ioplay.sigaction` installs handlers without SA_RESTART, so an interrupted call fails with
        // EINTR: the kernel never asks a Python program to restart one.
        assert!(
            !matches!(outcome, Outcome::WouldBlock(_)),
            "a restartable call interrupted in a program that installs no SA_RESTART handler"
        );
        let call = self.call.take();
        let mut signals = std::mem::take(&mut self.signals).into_iter();
        match (outcome, signals.next()) {
            (Outcome::Err(Errno::EINTR), Some(sig)) => {
                let retry = call.filter(|c| *c != Call::Pause);
                _ioplay::run_signal_handler_then(&mut self.vm, sig, retry);
            }
            (outcome, first) => {
                self.vm.resume(outcome);
                if let Some(sig) = first {
                    _ioplay::run_signal_handler(&mut self.vm, sig);
                }
            }
        }
        for sig in signals {
            _ioplay::run_signal_handler(&mut self.vm, sig);
        }
    }

    fn signal(&mut self, sig: i32, _handler: u64) {
        if self.vm.pending.is_some() {
            self.signals.push(sig);
        } else {
            _ioplay::run_signal_handler(&mut self.vm, sig);
        }
    }

    /// The running greenlet by its creation number (0 for the main one), so the trace says which greenlet
    /// made a call — a number that does not move when the VM allocates differently.
    fn task(&self) -> u32 {
        let vm = &self.vm;
        match vm.heap.get(vm.current_greenlet) {
            Obj::Greenlet(g) if vm.current_greenlet != vm.main_greenlet => g.serial,
            _ => 0,
        }
    }

    fn clone_box(&self) -> Box<dyn Program> {
        Box::new(self.clone())
    }
}

/// A program whose source did not compile: like CPython, the process writes the error to stderr and
/// exits with status 1.
#[derive(Clone, Debug)]
pub struct CompileFailed {
    message: String,
    written: bool,
}

impl CompileFailed {
    pub fn new(message: String) -> CompileFailed {
        CompileFailed { message, written: false }
    }
}

impl Program for CompileFailed {
    fn step(&mut self, _budget: u32) -> Run {
        if self.written {
            return Run::Finished(1);
        }
        let mut data = self.message.clone().into_bytes();
        if !data.ends_with(b"\n") {
            data.push(b'\n');
        }
        Run::Syscall(Call::Write { fd: 2, data })
    }

    fn resume(&mut self, _outcome: Outcome<Ret>) {
        self.written = true;
    }

    fn signal(&mut self, sig: i32, _handler: u64) {
        unreachable!("signal {sig} delivered to a program that installed no handler")
    }

    fn clone_box(&self) -> Box<dyn Program> {
        Box::new(self.clone())
    }
}
