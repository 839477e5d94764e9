//! One sentence per event, in Chinese or English, for the narration line and the ARIA live region.

use super::{Kind, Phase, ProcState, SignalStep, Wire};
use crate::sys::consts::signal_name;

/// The narration language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Lang {
    Zh,
    En,
}

pub(super) fn narrate(kind: &Kind, lang: Lang) -> String {
    use Lang::{En, Zh};
    match (kind, lang) {
        (Kind::SyscallEnter { name, .. }, En) => format!("The process calls {name} and enters the kernel."),
        (Kind::SyscallEnter { name, .. }, Zh) => format!("进程调用 {name}，进入内核。"),
        (Kind::SyscallExit { name, errno: Some(e), .. }, En) => {
            format!("{name} fails with {} ({}).", e.name(), e.strerror())
        }
        (Kind::SyscallExit { name, errno: Some(e), .. }, Zh) => {
            format!("{name} 失败，返回 {}（{}）。", e.name(), e.strerror())
        }
        (Kind::SyscallExit { name, .. }, En) if name == "exit_group" => {
            "The process ends: exit_group does not return.".to_string()
        }
        (Kind::SyscallExit { name, .. }, Zh) if name == "exit_group" => {
            "进程结束：exit_group 不会返回。".to_string()
        }
        (Kind::SyscallExit { name, ret, .. }, En) if ret.contains("ERESTARTSYS") => {
            format!("{name} is interrupted by a signal; it starts again after the handler.")
        }
        (Kind::SyscallExit { name, ret, .. }, Zh) if ret.contains("ERESTARTSYS") => {
            format!("{name} 被信号打断，处理函数返回后重新开始。")
        }
        (Kind::SyscallExit { name, ret, .. }, En) => format!("{name} returns {ret} to the process."),
        (Kind::SyscallExit { name, ret, .. }, Zh) => format!("{name} 返回 {ret}，回到用户态。"),
        (Kind::Phase { phase: Phase::WaitForData, end: false, fd, .. }, En) => {
            format!("Phase 1 begins: the kernel waits for data on fd {fd}.")
        }
        (Kind::Phase { phase: Phase::WaitForData, end: false, fd, .. }, Zh) => {
            format!("第一阶段开始：内核等待 fd {fd} 的数据到达。")
        }
        (Kind::Phase { phase: Phase::WaitForData, end: true, fd, .. }, En) => {
            format!("Phase 1 ends: data is ready on fd {fd}.")
        }
        (Kind::Phase { phase: Phase::WaitForData, end: true, fd, .. }, Zh) => {
            format!("第一阶段结束：fd {fd} 的数据已就绪。")
        }
        (Kind::Phase { phase: Phase::CopyToUser, end: false, bytes, .. }, En) => {
            format!("Phase 2 begins: the kernel copies {bytes} bytes to the process.")
        }
        (Kind::Phase { phase: Phase::CopyToUser, end: false, bytes, .. }, Zh) => {
            format!("第二阶段开始：内核把 {bytes} 字节拷贝到用户空间。")
        }
        (Kind::Phase { phase: Phase::CopyToUser, end: true, bytes, .. }, En) => {
            format!("Phase 2 ends: {bytes} bytes are in the process's buffer.")
        }
        (Kind::Phase { phase: Phase::CopyToUser, end: true, bytes, .. }, Zh) => {
            format!("第二阶段结束：{bytes} 字节已在进程的缓冲区里。")
        }
        (Kind::State(ProcState::Running), En) => "The process runs.".to_string(),
        (Kind::State(ProcState::Running), Zh) => "进程恢复运行。".to_string(),
        (Kind::State(ProcState::Blocked(on)), En) => format!("The process blocks, waiting for {on}."),
        (Kind::State(ProcState::Blocked(on)), Zh) => format!("进程阻塞，等待 {on}。"),
        (Kind::State(ProcState::Exited(code)), En) => format!("The process exits with status {code}."),
        (Kind::State(ProcState::Exited(code)), Zh) => format!("进程退出，状态码 {code}。"),
        (Kind::State(ProcState::Killed(sig)), En) => {
            format!("The process is killed by {}.", signal_name(*sig))
        }
        (Kind::State(ProcState::Killed(sig)), Zh) => format!("进程被 {} 终止。", signal_name(*sig)),
        (Kind::Segment { src, dst, what, len, wire, .. }, En) => {
            let fate = match wire {
                Wire::Sent => "is sent".to_string(),
                Wire::Retransmitted(n) => format!("is lost and retransmitted {n} time(s)"),
                Wire::Lost => "is lost".to_string(),
                Wire::Dropped => "is dropped on arrival".to_string(),
            };
            format!("A {} segment with {len} bytes from {src} to {dst} {fate}.", segment_name(what, En))
        }
        (Kind::Segment { src, dst, what, len, wire, .. }, Zh) => {
            let fate = match wire {
                Wire::Sent => "发出".to_string(),
                Wire::Retransmitted(n) => format!("丢失后重传了 {n} 次"),
                Wire::Lost => "在线路上丢失".to_string(),
                Wire::Dropped => "到达后被丢弃".to_string(),
            };
            format!("从 {src} 到 {dst} 的 {} 报文（{len} 字节）{fate}。", segment_name(what, Zh))
        }
        (Kind::Signal { sig, step, .. }, En) => {
            let name = signal_name(*sig);
            match step {
                SignalStep::Generated => format!("The kernel raises {name}; it is pending."),
                SignalStep::Delivered => format!("{name} is delivered: the process runs its handler."),
                SignalStep::Ignored => format!("{name} is ignored."),
                SignalStep::Killed => format!("{name}'s default action ends the process."),
            }
        }
        (Kind::Signal { sig, step, .. }, Zh) => {
            let name = signal_name(*sig);
            match step {
                SignalStep::Generated => format!("内核产生信号 {name}，等待递送。"),
                SignalStep::Delivered => format!("信号 {name} 递送：进程执行其处理函数。"),
                SignalStep::Ignored => format!("信号 {name} 被忽略。"),
                SignalStep::Killed => format!("信号 {name} 的默认动作终止了进程。"),
            }
        }
        (Kind::AsyncDone { what, res }, En) => {
            format!("The kernel finished {what} on its own: result {res}.")
        }
        (Kind::AsyncDone { what, res }, Zh) => format!("内核独自完成了 {what}，结果 {res}。"),
    }
}

fn segment_name(what: &str, lang: Lang) -> &'static str {
    match (what, lang) {
        ("S", _) => "SYN",
        ("S.", _) => "SYN-ACK",
        ("R", _) | ("R.", _) => "RST",
        ("F.", _) | ("FP.", _) => "FIN",
        ("P.", _) => "data",
        (".", Lang::En) => "ACK",
        (".", Lang::Zh) => "ACK",
        ("UDP", _) => "UDP",
        ("ICMP port unreachable", _) => "ICMP port-unreachable",
        _ => "TCP",
    }
}
