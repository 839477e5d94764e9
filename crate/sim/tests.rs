//! The world driven by Rust-scripted programs: scheduling, blocking and retry, time, endings, signals,
//! determinism and seeking.

use super::script::{Do, Script};
use super::*;
use crate::kernel::WorldConfig;
use crate::sys::consts::*;
use crate::sys::{Call, Errno, SigAction, SigHandler, SocketAddrV4};
use std::net::Ipv4Addr;

const SECOND: u64 = 1_000_000_000;

fn spec(name: &str, start: u64, program: Box<Script>) -> ProcessSpec {
    ProcessSpec { start, ..ProcessSpec::new(name, program) }
}

fn local(port: u16) -> SocketAddrV4 {
    SocketAddrV4::new(Ipv4Addr::LOCALHOST, port)
}

fn print(text: &str) -> Do {
    Do::Call(Call::Write { fd: 1, data: text.as_bytes().to_vec() })
}

/// A blocking TCP server on port 7000 that prints what one client sends.
fn server() -> Box<Script> {
    Script::new(vec![
        Do::Call(Call::Socket { domain: AF_INET, ty: SOCK_STREAM, protocol: 0 }),
        Do::Call(Call::Bind { fd: 3, addr: local(7000) }),
        Do::Call(Call::Listen { fd: 3, backlog: 5 }),
        Do::Call(Call::Accept4 { fd: 3, flags: 0 }),
        Do::Call(Call::RecvFrom { fd: 4, len: 100, flags: 0 }),
        Do::EchoLast,
        Do::Call(Call::Close { fd: 4 }),
    ])
}

/// A client that connects to port 7000 and sends `hello\n`.
fn client() -> Box<Script> {
    Script::new(vec![
        Do::Call(Call::Socket { domain: AF_INET, ty: SOCK_STREAM, protocol: 0 }),
        Do::Call(Call::Connect { fd: 3, addr: local(7000) }),
        Do::Call(Call::SendTo { fd: 3, data: b"hello\n".to_vec(), flags: 0, addr: None }),
        Do::Call(Call::Close { fd: 3 }),
    ])
}

fn client_server_world() -> World {
    let mut world = World::new(WorldConfig::single_host(), 60 * SECOND);
    world.add_process(spec("server", 0, server()));
    world.add_process(spec("client", 10_000_000, client()));
    world
}

fn stdout_of(world: &World, index: usize) -> String {
    let pid = world.processes()[index].pid.expect("started");
    String::from_utf8_lossy(world.kernel().stdout(pid)).into_owned()
}

fn syscall_names(events: &[crate::trace::Event]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match &e.kind {
            crate::trace::Kind::SyscallExit { name, .. } => Some(format!("{}:{name}", e.pid)),
            _ => None,
        })
        .collect()
}

#[test]
fn a_client_and_a_server_talk_and_both_exit() {
    let mut world = client_server_world();
    assert_eq!(world.run(), Ending::AllExited);
    assert_eq!(stdout_of(&world, 0), "hello\n");
    assert_eq!(world.processes()[0].state, ProcState::Exited(0));
    assert_eq!(world.processes()[1].state, ProcState::Exited(0));
    // The client starts 10 ms in, so the server blocks in accept4 first and is retried once woken.
    let events = world.drain_events();
    let names = syscall_names(&events);
    let accept = names.iter().position(|n| n == "1000:accept4").expect("accept4 returned");
    let connect = names.iter().position(|n| n == "1001:connect").expect("connect returned");
    assert!(connect < accept, "{names:?}");
    assert!(world.now() >= 10_000_000);
}

#[test]
fn output_is_handed_out_once_with_the_process_name() {
    let mut world = client_server_world();
    world.run();
    let out = world.take_output();
    assert_eq!(out, vec![Output { pid: 1000, name: "server".into(), stream: 1, bytes: b"hello\n".to_vec() }]);
    assert!(world.take_output().is_empty());
}

#[test]
fn a_sleep_moves_the_virtual_clock_and_nothing_else_runs_meanwhile() {
    let mut world = World::new(WorldConfig::single_host(), 60 * SECOND);
    world.add_process(spec(
        "sleeper",
        0,
        Script::new(vec![Do::Call(Call::ClockNanosleep { until: 3 * SECOND }), print("woke\n")]),
    ));
    assert_eq!(world.run(), Ending::AllExited);
    assert!(world.now() >= 3 * SECOND && world.now() < 3 * SECOND + 10 * world::SYSCALL_NS);
    assert_eq!(stdout_of(&world, 0), "woke\n");
}

#[test]
fn a_process_reading_an_open_stdin_waits_forever_and_is_named() {
    let mut world = World::new(WorldConfig::single_host(), 60 * SECOND);
    let mut reader =
        spec("reader", 0, Script::new(vec![Do::Call(Call::Read { fd: 0, count: 10 }), Do::EchoLast]));
    reader.stdin_eof = false;
    world.add_process(reader);
    let ending = world.run();
    assert_eq!(
        ending,
        Ending::WaitForever(vec![Waiting {
            name: "reader".into(),
            pid: 1000,
            call: "read",
            on: "fd 0 to become readable".into()
        }])
    );
    // Input wakes it: the world runs on.
    world.feed_stdin(0, b"abc");
    assert_eq!(world.run(), Ending::AllExited);
    assert_eq!(stdout_of(&world, 0), "abc");
}

#[test]
fn a_run_stops_at_until() {
    let mut world = World::new(WorldConfig::single_host(), 5 * SECOND);
    world.add_process(spec(
        "late",
        0,
        Script::new(vec![Do::Call(Call::ClockNanosleep { until: 100 * SECOND })]),
    ));
    assert_eq!(world.run(), Ending::Until(5 * SECOND));
    assert_eq!(world.now(), 5 * SECOND);
}

#[test]
fn a_busy_program_moves_the_clock_too() {
    let mut world = World::new(WorldConfig::single_host(), SECOND / 1000);
    world.add_process(spec("spin", 0, Script::new(vec![Do::Spin(u32::MAX)])));
    assert_eq!(world.run(), Ending::Until(SECOND / 1000));
}

#[test]
fn services_do_not_keep_the_run_alive() {
    let mut world = client_server_world();
    let mut daemon = spec("daemon", 0, Script::new(vec![Do::Call(Call::Read { fd: 0, count: 1 })]));
    daemon.daemon = true;
    daemon.stdin_eof = false;
    world.add_process(daemon);
    assert_eq!(world.run(), Ending::AllExited);
}

#[test]
fn a_failing_call_is_answered_with_its_errno() {
    let mut world = World::new(WorldConfig::single_host(), 60 * SECOND);
    world.add_process(spec("refused", 0, client()));
    world.run();
    let events = world.drain_events();
    let refused = events.iter().any(|e| {
        matches!(&e.kind, crate::trace::Kind::SyscallExit { name, errno: Some(Errno::ECONNREFUSED), .. }
            if name == "connect")
    });
    assert!(refused);
}

#[test]
fn a_handled_signal_interrupts_pause_and_the_program_hears_of_it() {
    let mut world = World::new(WorldConfig::single_host(), 60 * SECOND);
    world.add_process(spec(
        "alarmed",
        0,
        Script::new(vec![
            Do::Call(Call::RtSigaction {
                sig: SIGALRM,
                action: Some(SigAction { handler: SigHandler::Handler(7), flags: 0, mask: 0 }),
            }),
            Do::Call(Call::Alarm { seconds: 2 }),
            Do::Call(Call::Pause),
            print("after\n"),
        ]),
    ));
    assert_eq!(world.run(), Ending::AllExited);
    assert!(world.now() >= 2 * SECOND);
    let events = world.drain_events();
    let delivered = events.iter().any(|e| {
        matches!(
            e.kind,
            crate::trace::Kind::Signal { sig: SIGALRM, step: crate::trace::SignalStep::Delivered, .. }
        )
    });
    assert!(delivered);
    assert_eq!(stdout_of(&world, 0), "after\n");
}

#[test]
fn a_signal_with_the_default_action_kills() {
    let mut world = World::new(WorldConfig::single_host(), 60 * SECOND);
    world.add_process(spec(
        "doomed",
        0,
        Script::new(vec![Do::Call(Call::Alarm { seconds: 1 }), Do::Call(Call::Pause)]),
    ));
    assert_eq!(world.run(), Ending::AllExited);
    assert_eq!(world.processes()[0].state, ProcState::Killed(SIGALRM));
}

fn finished_timeline() -> Timeline {
    let mut timeline = Timeline::new(client_server_world());
    timeline.seek(u64::MAX);
    timeline
}

#[test]
fn the_same_world_gives_the_same_trace_hash() {
    let a = finished_timeline();
    let b = finished_timeline();
    assert!(a.events().len() > 20);
    assert_eq!(trace_hash(a.events()), trace_hash(b.events()));
    let mut other = World::new(WorldConfig::single_host(), 60 * SECOND);
    other.add_process(spec("server", 0, server()));
    other.add_process(spec("client", 20_000_000, client()));
    let mut other = Timeline::new(other);
    other.seek(u64::MAX);
    assert_ne!(trace_hash(a.events()), trace_hash(other.events()));
}

/// The world's whole state, for comparing two worlds.
fn state(world: &World) -> String {
    format!("{world:?}")
}

#[test]
fn seeking_back_and_forth_equals_a_fresh_run() {
    let mut timeline = finished_timeline();
    let end = timeline.position();
    let all = timeline.events().to_vec();
    assert!(end > 10);
    for target in [3, end - 1, 1, end / 2, 0, end] {
        timeline.seek(target);
        let mut fresh = Timeline::new(client_server_world());
        fresh.seek(target);
        assert_eq!(timeline.position(), target);
        assert_eq!(state(timeline.world()), state(fresh.world()), "at step {target}");
        assert_eq!(timeline.events(), fresh.events(), "at step {target}");
    }
    assert_eq!(timeline.events(), &all[..]);
}

#[test]
fn an_event_maps_to_the_step_that_made_it() {
    let mut timeline = finished_timeline();
    let n = timeline.events().len();
    let seq = n / 2;
    let step = timeline.step_of_event(seq).expect("an event of the run");
    timeline.seek(step);
    assert!(timeline.events().len() > seq);
    timeline.seek(step - 1);
    assert!(timeline.events().len() <= seq);
    assert_eq!(timeline.step_of_event(n), None);
}

#[test]
fn live_input_is_replayed_at_its_step_after_a_seek() {
    let mut world = World::new(WorldConfig::single_host(), 60 * SECOND);
    let mut reader =
        spec("reader", 0, Script::new(vec![Do::Call(Call::Read { fd: 0, count: 10 }), Do::EchoLast]));
    reader.stdin_eof = false;
    world.add_process(reader);
    let mut timeline = Timeline::new(world);
    timeline.seek(u64::MAX);
    assert!(matches!(timeline.world().ending(), Some(Ending::WaitForever(_))));
    timeline.feed_stdin(0, b"typed", true);
    timeline.seek(u64::MAX);
    assert_eq!(timeline.world().ending(), Some(&Ending::AllExited));
    let end = timeline.position();
    let events = timeline.events().to_vec();
    timeline.seek(1);
    timeline.seek(end);
    assert_eq!(timeline.events(), &events[..]);
    assert_eq!(stdout_of(timeline.world(), 0), "typed");
}

#[test]
fn timed_stdin_arrives_at_its_time_and_then_stdin_ends() {
    let mut world = World::new(WorldConfig::single_host(), 60 * SECOND);
    let mut reader = spec(
        "reader",
        0,
        Script::new(vec![
            Do::Call(Call::Read { fd: 0, count: 10 }),
            Do::EchoLast,
            Do::Call(Call::Read { fd: 0, count: 10 }),
            Do::EchoLast,
            Do::Call(Call::Read { fd: 0, count: 10 }),
            Do::EchoLast,
        ]),
    );
    reader.timed_stdin = vec![(SECOND, b"one\n".to_vec()), (2 * SECOND, b"two\n".to_vec())];
    world.add_process(reader);
    assert_eq!(world.run(), Ending::AllExited);
    // The third read found the end of stdin: it wrote nothing.
    assert_eq!(stdout_of(&world, 0), "one\ntwo\n");
    assert!(world.now() >= 2 * SECOND && world.now() < 2 * SECOND + SECOND / 1000);
}
