//! `cargo xtask bench kernel` (`cargo bench --bench kernel`): one `name: value unit` line per figure.
//! Wall-clock reads are fine here: this is a measurement harness, not the core.
#![allow(clippy::disallowed_methods)]

#[path = "../tests/kernel_support/mod.rs"]
mod kernel_support;

use ioplay::kernel::{Kernel, WorldConfig};
use ioplay::sys::{Call, Outcome};
use std::time::Instant;

fn main() {
    // c10k: 10,000 connections to one epoll server, tracing on (events are kept, as the UI needs them).
    let start = Instant::now();
    let (s, c, mut h) = kernel_support::c10k::run(10_000);
    let wall = start.elapsed().as_secs_f64();
    assert!(h.done(s) && h.done(c), "c10k did not finish");
    let syscalls = h.k.counters(s).syscalls + h.k.counters(c).syscalls;
    let events = h.k.drain_events().len();
    println!("c10k_wall_s: {wall:.3} s");
    println!("c10k_syscalls: {syscalls} count");
    println!("c10k_events: {events} count");
    println!("c10k_virtual_s: {:.3} s", h.now as f64 / 1e9);
    println!("syscalls_per_s: {:.0} ops/s", syscalls as f64 / wall);

    // A tight loop of cheap calls: the fixed cost of a syscall (enter/exit events included).
    let mut k = Kernel::new(WorldConfig::single_host());
    let pid = k.spawn("localhost", "loop", 0).unwrap();
    let n = 500_000;
    let start = Instant::now();
    for i in 0..n {
        let call = if i % 2 == 0 { Call::Getpid } else { Call::Write { fd: 1, data: b"x".to_vec() } };
        if !matches!(k.syscall(pid, &call, 0), Outcome::Ok(_)) {
            panic!("the loop failed");
        }
        if i % 10_000 == 0 {
            k.drain_events();
        }
    }
    let wall = start.elapsed().as_secs_f64();
    println!("simple_syscalls_per_s: {:.0} ops/s", n as f64 / wall);
}
