//! The trace in Chrome's trace-event format (opens in Perfetto or `chrome://tracing`): one track per
//! process for its syscalls, one per process for the read phases (an aio read's phases run while the
//! process makes other calls, so they get their own track), and one for the wire.

use super::{Event, Kind, Phase, SignalStep};
use crate::sys::consts::signal_name;
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// The track of a process's read phases.
fn phase_track(pid: u32) -> u64 {
    1_000_000 + pid as u64
}

/// The events as `{"traceEvents": [...]}`, timestamps in microseconds.
pub fn chrome_trace(events: &[Event]) -> String {
    let mut out: Vec<Value> = Vec::new();
    let mut tracks: BTreeSet<(u64, String)> = BTreeSet::new();
    for e in events {
        let ts = e.time as f64 / 1000.0;
        let tid = e.pid as u64;
        let item = match &e.kind {
            Kind::SyscallEnter { name, args } => {
                tracks.insert((tid, format!("pid {}", e.pid)));
                json!({"name": name, "ph": "B", "ts": ts, "pid": 1, "tid": tid, "args": {"args": args}})
            }
            Kind::SyscallExit { name, args, ret, .. } => {
                json!({"name": name, "ph": "E", "ts": ts, "pid": 1, "tid": tid, "args": {"args": args, "ret": ret}})
            }
            Kind::Phase { phase, end, fd, bytes } => {
                let tid = phase_track(e.pid);
                tracks.insert((tid, format!("pid {} read phases", e.pid)));
                let name = match phase {
                    Phase::WaitForData => "wait for data",
                    Phase::CopyToUser => "copy data from kernel to user",
                };
                let ph = if *end { "E" } else { "B" };
                json!({"name": name, "ph": ph, "ts": ts, "pid": 1, "tid": tid, "args": {"fd": fd, "bytes": bytes}})
            }
            Kind::Segment { src, dst, what, len, .. } => {
                tracks.insert((0, "wire".to_string()));
                json!({"name": format!("{what} {src} > {dst} len {len}"), "ph": "i", "s": "t", "ts": ts, "pid": 1, "tid": 0})
            }
            Kind::Signal { sig, step, .. } if *step != SignalStep::Generated => {
                json!({"name": format!("{} {step:?}", signal_name(*sig)), "ph": "i", "s": "t", "ts": ts, "pid": 1, "tid": tid})
            }
            Kind::AsyncDone { what, res } => {
                json!({"name": format!("{what} = {res}"), "ph": "i", "s": "t", "ts": ts, "pid": 1, "tid": phase_track(e.pid)})
            }
            Kind::Signal { .. } | Kind::State(_) => continue,
        };
        out.push(item);
    }
    for (tid, name) in tracks {
        out.push(json!({"name": "thread_name", "ph": "M", "pid": 1, "tid": tid, "args": {"name": name}}));
    }
    json!({ "traceEvents": out, "displayTimeUnit": "ns" }).to_string()
}
