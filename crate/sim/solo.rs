//! A single-process driver: one VM, a virtual clock, stdout/stderr collected (or streamed to the host),
//! stdin from a given text (or the host's stdin in the CLI). It performs the VM's own syscalls — write,
//! read, clock_gettime, clock_nanosleep, getpid — until the simulated kernel takes over in `sim`.

use std::io::{Read, Write};

use crate::py::vm::{Event, Fuel, Step, Vm};
use crate::sys::{clock_reading, Call, Errno, Nanos, Outcome, Ret};

/// Where the program's fd 0 reads from.
pub enum Stdin {
    Text {
        data: Vec<u8>,
        pos: usize,
    },
    /// The host's stdin (the CLI without `--stdin`).
    Host,
}

/// A finished run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub status: i32,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// Virtual time at the end.
    pub elapsed: Nanos,
}

pub struct Solo {
    pub vm: Vm,
    /// Virtual monotonic time.
    pub now: Nanos,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    stdin: Stdin,
    /// Write stdout/stderr to the host as they happen (the CLI) instead of collecting them.
    stream: bool,
    /// Every syscall made, in order (what the tracer will show).
    pub calls: Vec<Call>,
    /// Hook events, when the VM traces.
    pub events: Vec<Event>,
    /// VM instructions run (the fuel the steps used).
    pub instructions: u64,
}

impl Solo {
    pub fn new(vm: Vm, stdin: Stdin, stream: bool) -> Solo {
        Solo {
            vm,
            now: 0,
            stdout: Vec::new(),
            stderr: Vec::new(),
            stdin,
            stream,
            calls: Vec::new(),
            events: Vec::new(),
            instructions: 0,
        }
    }

    /// Runs to the end, `slice` instructions at a time.
    pub fn run(&mut self, slice: u64) -> Output {
        loop {
            let mut fuel = Fuel::new(slice);
            let step = self.vm.step(&mut fuel);
            self.instructions += slice - fuel.remaining;
            if self.vm.tracing {
                self.events.append(&mut self.vm.events);
            }
            match step {
                Step::Finished(status) => {
                    return Output {
                        status,
                        stdout: self.stdout.clone(),
                        stderr: self.stderr.clone(),
                        elapsed: self.now,
                    };
                }
                Step::OutOfFuel => {}
                Step::Syscall(call) => {
                    let out = self.perform(&call);
                    self.calls.push(call);
                    self.vm.resume(out);
                }
            }
        }
    }

    /// Performs one syscall against the virtual clock and the collected streams.
    fn perform(&mut self, call: &Call) -> Outcome<Ret> {
        match call {
            Call::Write { fd, data } => {
                let sink = match fd {
                    1 => &mut self.stdout,
                    2 => &mut self.stderr,
                    _ => return Outcome::Err(Errno::EBADF),
                };
                if self.stream {
                    let r = if *fd == 1 {
                        let mut o = std::io::stdout().lock();
                        o.write_all(data).and_then(|_| o.flush())
                    } else {
                        let mut e = std::io::stderr().lock();
                        e.write_all(data).and_then(|_| e.flush())
                    };
                    if r.is_err() {
                        return Outcome::Err(Errno::EPIPE);
                    }
                } else {
                    sink.extend_from_slice(data);
                }
                Outcome::Ok(Ret::Int(data.len() as i64))
            }
            Call::Read { fd: 0, count } => match &mut self.stdin {
                Stdin::Text { data, pos } => {
                    let end = (*pos + count).min(data.len());
                    let chunk = data[*pos..end].to_vec();
                    *pos = end;
                    Outcome::Ok(Ret::Bytes(chunk))
                }
                Stdin::Host => {
                    let mut buf = vec![0u8; *count];
                    match std::io::stdin().read(&mut buf) {
                        Ok(n) => {
                            buf.truncate(n);
                            Outcome::Ok(Ret::Bytes(buf))
                        }
                        Err(_) => Outcome::Err(Errno::EIO),
                    }
                }
            },
            Call::Read { .. } => Outcome::Err(Errno::EBADF),
            Call::ClockGettime { monotonic } => Outcome::Ok(Ret::Time(clock_reading(*monotonic, self.now))),
            Call::ClockNanosleep { until } => {
                self.now = self.now.max(*until);
                Outcome::Ok(Ret::Int(0))
            }
            Call::Getpid => Outcome::Ok(Ret::Int(1000)),
            // Sockets, select, signals…: a solo run has no kernel; the world (`sim::World`) has one.
            _ => Outcome::Err(Errno::ENOSYS),
        }
    }
}

/// Runs `source` as `__main__` to the end with `stdin` text: the test and embedding entry point.
pub fn run_source(source: &str, filename: &str, stdin: &str) -> Output {
    let mut vm = Vm::new(vec![filename.to_string()]);
    if let Err(e) = vm.load_main(source, filename) {
        return Output { status: 1, stdout: Vec::new(), stderr: format!("{e}\n").into_bytes(), elapsed: 0 };
    }
    let mut solo = Solo::new(vm, Stdin::Text { data: stdin.as_bytes().to_vec(), pos: 0 }, false);
    solo.run(100_000)
}
