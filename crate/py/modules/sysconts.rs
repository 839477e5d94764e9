//! Natives that continue after a syscall: `print`'s writes, `input`'s reads, `time.sleep`, clocks.

use crate::py::value::Value;
use crate::py::vm::{Action, ExcKind, SysCont, Vm};
use crate::sys::{Call, Outcome, Ret};

type R = Result<Action, Value>;

/// Writes `pieces` one `write(2)` each, as CPython's unbuffered stdout does; the result is `result`.
pub fn write_pieces(fd: i32, mut pieces: Vec<Vec<u8>>, result: Value) -> Action {
    if pieces.is_empty() {
        return Action::Return(result);
    }
    let first = pieces.remove(0);
    Action::Syscall {
        call: Call::Write { fd, data: first },
        then: SysCont::Writes { fd, rest: pieces, result },
    }
}

/// `input(prompt)`: write the prompt, then read a line from fd 0.
pub fn input(vm: &mut Vm, prompt: String) -> R {
    if !prompt.is_empty() {
        return Ok(Action::Syscall {
            call: Call::Write { fd: 1, data: prompt.into_bytes() },
            then: SysCont::InputAfterPrompt,
        });
    }
    read_line(vm)
}

fn read_line(vm: &mut Vm) -> R {
    if let Some(p) = vm.stdin_buf.iter().position(|&b| b == b'\n') {
        let line: Vec<u8> = vm.stdin_buf.drain(..=p).collect();
        let s = String::from_utf8_lossy(&line[..line.len() - 1]).into_owned();
        return Ok(Action::Return(vm.new_str(&s)));
    }
    if vm.stdin_eof {
        if vm.stdin_buf.is_empty() {
            return Err(vm.exc(ExcKind::EOFError, "EOF when reading a line"));
        }
        let line: Vec<u8> = std::mem::take(&mut vm.stdin_buf);
        let s = String::from_utf8_lossy(&line).into_owned();
        return Ok(Action::Return(vm.new_str(&s)));
    }
    Ok(Action::Syscall { call: Call::Read { fd: 0, count: 4096 }, then: SysCont::InputRead })
}

/// `time.sleep(secs)`: read the monotonic clock, then sleep until it plus `secs`.
pub fn sleep(nanos: u64) -> Action {
    Action::Syscall { call: Call::ClockGettime { monotonic: true }, then: SysCont::SleepFromNow { nanos } }
}

pub fn complete(vm: &mut Vm, kind: SysCont, out: Outcome<Ret>) -> R {
    if let SysCont::Native { f, data } = kind {
        let r = match out {
            Outcome::Ok(r) => Ok(r),
            Outcome::Err(e) => Err(e),
            Outcome::WouldBlock(_) => panic!("the driver retries WouldBlock; it never reaches the VM"),
        };
        return (f.0)(vm, r, data);
    }
    let ret = match out {
        Outcome::Ok(r) => r,
        Outcome::Err(e) => return Err(vm.os_error(e)),
        Outcome::WouldBlock(_) => panic!("the driver retries WouldBlock; it never reaches the VM"),
    };
    match kind {
        SysCont::Writes { fd, rest, result } => Ok(write_pieces(fd, rest, result)),
        SysCont::SleepFromNow { nanos } => {
            let now = match ret {
                Ret::Time(t) => t,
                _ => 0,
            };
            Ok(Action::Syscall {
                call: Call::ClockNanosleep { until: now.saturating_add(nanos) },
                then: SysCont::SleepDone,
            })
        }
        SysCont::SleepDone => Ok(Action::Return(Value::None)),
        SysCont::Clock => {
            let t = match ret {
                Ret::Time(t) => t,
                Ret::Int(i) => i as u64,
                _ => 0,
            };
            Ok(Action::Return(Value::Float(t as f64 / 1e9)))
        }
        SysCont::ClockNs => {
            let t = match ret {
                Ret::Time(t) => t,
                Ret::Int(i) => i as u64,
                _ => 0,
            };
            Ok(Action::Return(Value::Int(t as i64)))
        }
        SysCont::InputAfterPrompt => read_line(vm),
        SysCont::InputRead => {
            match ret {
                Ret::Bytes(b) if !b.is_empty() => vm.stdin_buf.extend_from_slice(&b),
                _ => vm.stdin_eof = true,
            }
            read_line(vm)
        }
        SysCont::WriteCount(n) => Ok(Action::Return(Value::Int(n as i64))),
        SysCont::Native { .. } => unreachable!("handled above"),
    }
}
