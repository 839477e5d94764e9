//! ioplay: Python concurrency meets the kernel, one deterministic step at a time.
//!
//! The module map (see `design.md` for the whole picture):
//!
//! - [`py`]: the Python subset — lexer, parser, AST, compiler, bytecode and the stackless VM, plus the
//!   modules programs import: native ones (`builtins`, `greenlet`, `time`, `random`, `_ioplay` — one
//!   function per syscall) and, in the Python subset itself, `socket`, `select`, `selectors`, `gevent`,
//!   `eventlet`, `urllib`, … (`py/modules/lib/`), so a learner can step into them.
//! - [`sys`]: the syscall contract between a program and a kernel: calls, results, errnos, what a blocked
//!   call waits on; `sys::native` (feature `native`, host only) answers it with the real kernel.
//! - [`kernel`]: the simulated Linux kernel (fd tables, sockets, wait queues, select/poll/epoll, signals, aio).
//! - [`net`]: the simulated wire between hosts: segments, latency, bandwidth, seeded loss.
//! - [`sim`]: the world — hosts, processes, scheduler, virtual clock — that steps VMs against the kernel.
//! - [`trace`]: events, their zh/en narration, and formatters (strace-style text, JSON, Chrome trace).
//! - [`scenarios`]: the gallery of built-in programs and worlds.
//! - `web` (wasm only): the browser UI, the only place that touches `wasm_bindgen`/`web_sys`.
//!
//! Determinism: nothing outside `sys::native`, `web` and the CLI reads a clock or the OS's entropy, and
//! nothing iterates a `HashMap`.

pub mod kernel;
pub mod net;
pub mod py;
pub mod scenarios;
pub mod sim;
pub mod sys;
pub mod trace;

#[cfg(target_arch = "wasm32")]
pub mod web;
