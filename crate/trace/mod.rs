//! Events, their narration in Chinese and English, and formatters (strace-style text, a timeline, JSON
//! lines, Chrome's trace-event format).
//!
//! Every observable step of the kernel is one [`Event`]. A blocking syscall is one `SyscallEnter` and one
//! `SyscallExit`, however many times the driver retried it in between, as strace shows one call.

mod chrome;
mod narrate;

pub use chrome::chrome_trace;
pub use narrate::Lang;

use crate::sys::{Errno, Fd, Nanos, Pid};
use serde::Serialize;

/// One observable step.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    /// Position in the trace, from 0.
    pub seq: u64,
    /// Virtual time in nanoseconds.
    pub time: Nanos,
    /// The process concerned (0 for the wire).
    pub pid: Pid,
    /// The task (greenlet, coroutine) inside the process that the driver said was running; 0 is the main one.
    pub task: u32,
    pub kind: Kind,
}

/// The two phases of every read (UNP figures 6.1–6.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Phase {
    /// From when the caller starts waiting until the data is there.
    WaitForData,
    /// The kernel copies the data into the caller's buffer.
    CopyToUser,
}

/// A process's scheduling state, as `ps` would name it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum ProcState {
    Running,
    /// Blocked in a syscall, on what (e.g. `readable fd 3`).
    Blocked(String),
    Exited(i32),
    Killed(i32),
}

/// A TCP segment's or UDP datagram's fate on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Wire {
    Sent,
    /// Lost, then retransmitted this many times.
    Retransmitted(u32),
    Lost,
    /// Arrived where nothing wanted it, or a full listen queue dropped it.
    Dropped,
}

/// What happened to a signal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum SignalStep {
    /// Raised and now pending.
    Generated,
    /// Taken by a handler (the driver runs it).
    Delivered,
    /// Discarded (SIG_IGN, or a default action of ignore).
    Ignored,
    /// Its default action ended the process.
    Killed,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Kind {
    /// A syscall starts; `args` is what strace knows at entry.
    SyscallEnter {
        name: String,
        args: String,
    },
    /// A syscall returns; `args` is the full argument list with the outputs filled in, `ret` the
    /// strace-style result (`5`, `-1 EAGAIN (Resource temporarily unavailable)`).
    SyscallExit {
        name: String,
        args: String,
        ret: String,
        errno: Option<Errno>,
    },
    /// A read phase begins or ends (`end` false = begins).
    Phase {
        phase: Phase,
        end: bool,
        fd: Fd,
        bytes: usize,
    },
    State(ProcState),
    /// A segment on the wire between two endpoints: `what` is tcpdump's flags (`S`, `S.`, `P.`, `F.`,
    /// `R`, `.`) or `UDP`.
    Segment {
        src: String,
        dst: String,
        what: String,
        seq: u32,
        ack: u32,
        len: usize,
        wire: Wire,
        /// When it reaches the other end (None if lost; for a drop event, it is now).
        arrival: Option<Nanos>,
    },
    Signal {
        sig: i32,
        step: SignalStep,
        /// strace's siginfo after `si_signo`, e.g. `si_code=SI_USER, si_pid=1000, si_uid=0`.
        info: String,
    },
    /// An aio or io_uring request finished in the kernel.
    AsyncDone {
        what: String,
        res: i64,
    },
}

impl Event {
    /// The event's one-sentence narration.
    pub fn narrate(&self, lang: Lang) -> String {
        narrate::narrate(&self.kind, lang)
    }
}

/// Format seconds.nanoseconds like strace's `-ttt`-style relative timestamps: `1.000050000`.
pub fn format_time(t: Nanos) -> String {
    format!("{}.{:09}", t / 1_000_000_000, t % 1_000_000_000)
}

/// strace's text for the syscall and signal events, one line each; a call with other syscalls between its
/// entry and exit is split into `<unfinished ...>` and `<... name resumed>` as `strace -f` prints it. With
/// `with_pid`, lines start with `[pid N] `.
pub fn strace(events: &[Event], with_pid: bool) -> String {
    let mut out = String::new();
    // A signal's generation prints nothing (strace shows its delivery), so it must not split the call of
    // the process that raised it (e.g. a loopback `sendto` whose datagram raises the reader's SIGIO).
    let relevant: Vec<&Event> = events
        .iter()
        .filter(|e| match &e.kind {
            Kind::Signal { step, .. } => *step != SignalStep::Generated,
            kind => matches!(
                kind,
                Kind::SyscallEnter { .. } | Kind::SyscallExit { .. } | Kind::State(ProcState::Exited(_))
            ),
        })
        .collect();
    for (i, e) in relevant.iter().enumerate() {
        let prefix = if with_pid { format!("[pid {:>5}] ", e.pid) } else { String::new() };
        match &e.kind {
            Kind::SyscallEnter { name, args } => {
                let next_is_exit = matches!(relevant.get(i + 1), Some(n) if n.pid == e.pid
                    && matches!(&n.kind, Kind::SyscallExit { name: m, .. } if m == name));
                if !next_is_exit {
                    out.push_str(&format!("{prefix}{name}({args} <unfinished ...>\n"));
                }
            }
            Kind::SyscallExit { name, args, ret, .. } => {
                let prev_enter = i > 0
                    && matches!(relevant.get(i - 1), Some(p) if p.pid == e.pid
                        && matches!(&p.kind, Kind::SyscallEnter { name: m, .. } if m == name));
                if prev_enter {
                    out.push_str(&pad_result(format!("{prefix}{name}({args})"), ret));
                } else {
                    let entered = relevant[..i].iter().rev().find_map(|p| match &p.kind {
                        Kind::SyscallEnter { name: m, args } if p.pid == e.pid && m == name => Some(args),
                        _ => None,
                    });
                    let rest = match entered {
                        Some(a) if args.starts_with(a.as_str()) => &args[a.len()..],
                        _ => args.as_str(),
                    };
                    out.push_str(&pad_result(format!("{prefix}<... {name} resumed>{rest})"), ret));
                }
            }
            Kind::Signal { sig, step, info } => {
                let name = crate::sys::consts::signal_name(*sig);
                match step {
                    SignalStep::Delivered | SignalStep::Ignored => {
                        out.push_str(&format!("{prefix}--- {name} {{si_signo={name}, {info}}} ---\n"))
                    }
                    SignalStep::Killed => out.push_str(&format!("{prefix}+++ killed by {name} +++\n")),
                    SignalStep::Generated => {}
                }
            }
            _ => {}
        }
        if let Kind::State(ProcState::Exited(code)) = &e.kind {
            let prefix = if with_pid { format!("[pid {:>5}] ", e.pid) } else { String::new() };
            out.push_str(&format!("{prefix}+++ exited with {code} +++\n"));
        }
    }
    out
}

/// strace pads the call to column 40 before ` = result`.
fn pad_result(call: String, ret: &str) -> String {
    format!("{call:<39} = {ret}\n")
}

/// Every event, one line each: time, pid, what, and the narration in `lang` — the golden-trace format.
pub fn timeline(events: &[Event], lang: Lang) -> String {
    let mut out = String::new();
    for e in events {
        let what = match &e.kind {
            Kind::SyscallEnter { name, args } => match args.strip_suffix(", ") {
                Some(known) => format!("enter {name}({known}, ...)"),
                None => format!("enter {name}({args})"),
            },
            Kind::SyscallExit { name, args, ret, .. } => format!("exit  {name}({args}) = {ret}"),
            Kind::Phase { phase, end, fd, bytes } => format!(
                "phase {} {} fd={fd} bytes={bytes}",
                match phase {
                    Phase::WaitForData => "wait-for-data",
                    Phase::CopyToUser => "copy-to-user",
                },
                if *end { "end" } else { "begin" }
            ),
            Kind::State(s) => format!("state {s:?}"),
            Kind::Segment { src, dst, what, seq, ack, len, wire, arrival } => {
                let at = arrival.map(|t| format!(" arrives {}", format_time(t))).unwrap_or_default();
                format!("wire  {src} > {dst} [{what}] seq {seq} ack {ack} len {len} {wire:?}{at}")
            }
            Kind::Signal { sig, step, info } => {
                format!("signal {} {step:?} ({info})", crate::sys::consts::signal_name(*sig))
            }
            Kind::AsyncDone { what, res } => format!("async {what} = {res}"),
        };
        out.push_str(&format!("{} pid {} {what}  # {}\n", format_time(e.time), e.pid, e.narrate(lang)));
    }
    out
}

/// The events as JSON lines, one object each.
pub fn json_lines(events: &[Event]) -> String {
    let mut out = String::new();
    for e in events {
        // Serialising these plain structs cannot fail; an error here is a broken internal rule.
        out.push_str(&serde_json::to_string(e).expect("events serialise"));
        out.push('\n');
    }
    out
}

/// A stable 64-bit FNV-1a hash over every event's JSON (every field, one line each): equal runs have equal
/// hashes, byte for byte — on native and on wasm alike.
pub fn trace_hash(events: &[Event]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for event in events {
        let json = serde_json::to_vec(event).expect("events serialise");
        for byte in json.into_iter().chain([b'\n']) {
            hash ^= byte as u64;
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(seq: u64, pid: Pid, kind: Kind) -> Event {
        Event { seq, time: seq * 1000, pid, task: 0, kind }
    }

    fn enter(name: &str, args: &str) -> Kind {
        Kind::SyscallEnter { name: name.into(), args: args.into() }
    }

    fn exit(name: &str, args: &str, ret: &str) -> Kind {
        Kind::SyscallExit { name: name.into(), args: args.into(), ret: ret.into(), errno: None }
    }

    #[test]
    fn strace_joins_uninterrupted_calls_and_splits_interleaved_ones() {
        let events = vec![
            ev(0, 1, enter("listen", "3, 5")),
            ev(1, 1, exit("listen", "3, 5", "0")),
            ev(2, 1, enter("recvfrom", "4, ")),
            ev(3, 2, enter("getpid", "")),
            ev(4, 2, exit("getpid", "", "2")),
            ev(5, 1, exit("recvfrom", "4, \"hi\", 10, 0, NULL, NULL", "2")),
        ];
        assert_eq!(
            strace(&events, true),
            "[pid     1] listen(3, 5)                = 0\n\
             [pid     1] recvfrom(4,  <unfinished ...>\n\
             [pid     2] getpid()                    = 2\n\
             [pid     1] <... recvfrom resumed>\"hi\", 10, 0, NULL, NULL) = 2\n"
        );
        assert_eq!(strace(&events[..2], false), "listen(3, 5)                            = 0\n");
    }

    #[test]
    fn json_lines_parse_back_and_narration_speaks_both_languages() {
        let e = ev(
            0,
            7,
            Kind::SyscallExit {
                name: "accept4".into(),
                args: "3, NULL, NULL, SOCK_CLOEXEC".into(),
                ret: "-1 EAGAIN (Resource temporarily unavailable)".into(),
                errno: Some(Errno::EAGAIN),
            },
        );
        let line = json_lines(std::slice::from_ref(&e));
        let v: serde_json::Value = serde_json::from_str(line.trim()).unwrap();
        assert_eq!(v["pid"], 7);
        assert_eq!(v["kind"]["SyscallExit"]["errno"], "EAGAIN");
        assert_eq!(e.narrate(Lang::En), "accept4 fails with EAGAIN (Resource temporarily unavailable).");
        assert!(e.narrate(Lang::Zh).contains("失败"));
        let phase = Kind::Phase { phase: Phase::CopyToUser, end: false, fd: 3, bytes: 5 };
        assert_eq!(ev(1, 7, phase).narrate(Lang::Zh), "第二阶段开始：内核把 5 字节拷贝到用户空间。");
    }

    #[test]
    fn trace_hash_changes_with_the_trace() {
        let a = vec![ev(0, 1, enter("getpid", ""))];
        let b = vec![ev(0, 2, enter("getpid", ""))];
        assert_eq!(trace_hash(&a), trace_hash(&a.clone()));
        assert_ne!(trace_hash(&a), trace_hash(&b));
    }
}
