//! A program for tests, written as a list of syscalls: what the world, the scenarios and the services are
//! tested with before (and besides) the Python VM.

use super::{Program, Run};
use crate::sys::{Call, Outcome, Ret};

/// One step of a script.
#[derive(Clone, Debug)]
pub enum Do {
    Call(Call),
    /// Write the bytes the last answer carried to stdout.
    EchoLast,
    /// Burn this many slices of fuel without a syscall.
    Spin(u32),
    /// End with this status.
    Exit(i32),
}

/// A program that makes a fixed list of calls and records every answer and signal.
#[derive(Clone, Debug, Default)]
pub struct Script {
    todo: Vec<Do>,
    next: usize,
    spun: u32,
    pub answers: Vec<Outcome<Ret>>,
    pub signals: Vec<(i32, u64)>,
    /// A call to make again (an interrupted restartable one).
    again: Option<Call>,
    last_call: Option<Call>,
}

impl Script {
    pub fn new(todo: Vec<Do>) -> Box<Script> {
        Box::new(Script { todo, ..Script::default() })
    }
}

impl Program for Script {
    fn step(&mut self, _budget: u32) -> Run {
        if let Some(call) = self.again.take() {
            return Run::Syscall(call);
        }
        let Some(what) = self.todo.get(self.next).cloned() else {
            return Run::Finished(0);
        };
        let call = match what {
            Do::Call(call) => call,
            Do::EchoLast => {
                let data = match self.answers.last() {
                    Some(Outcome::Ok(Ret::Bytes(b))) | Some(Outcome::Ok(Ret::Recv { data: b, .. })) => {
                        b.clone()
                    }
                    other => format!("{other:?}\n").into_bytes(),
                };
                Call::Write { fd: 1, data }
            }
            Do::Spin(n) => {
                if self.spun < n {
                    self.spun += 1;
                    return Run::OutOfFuel;
                }
                self.spun = 0;
                self.next += 1;
                return self.step(_budget);
            }
            Do::Exit(status) => return Run::Finished(status),
        };
        self.next += 1;
        self.last_call = Some(call.clone());
        Run::Syscall(call)
    }

    fn resume(&mut self, outcome: Outcome<Ret>) {
        if let Outcome::WouldBlock(_) = outcome {
            self.again = self.last_call.clone();
        }
        self.answers.push(outcome);
    }

    fn signal(&mut self, sig: i32, handler: u64) {
        self.signals.push((sig, handler));
    }

    fn clone_box(&self) -> Box<dyn Program> {
        Box::new(self.clone())
    }
}
