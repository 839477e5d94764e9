//! `ioplay run` on the simulated world: built-in scenarios, several programs side by side, endings,
//! tracing, bad input; and the world's determinism and seeking with real Python programs.

use ioplay::sim::{trace_hash, Ending, Timeline};

mod lessons;
use lessons::{timeline, TRACE_HASHES};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn ioplay(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ioplay"))
        .args(args)
        .current_dir(root())
        .stdin(std::process::Stdio::null())
        .output()
        .expect("ioplay runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A scratch directory of this test binary, emptied.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ioplay-world-run-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    dir
}

fn write(dir: &Path, name: &str, content: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, content).expect("written");
    path.display().to_string()
}

#[test]
fn builtin_scenarios_01_and_02_print_what_cpython_printed() {
    for (scenario, expected) in [
        ("01_yield_producer_consumer", "tests/py/276_lesson_01_yield_producer_consumer.stdout"),
        ("02_greenlet_switch", "tests/py/277_lesson_02_greenlet_switch.stdout"),
    ] {
        let out = ioplay(&["run", "--scenario", scenario]);
        let expected = std::fs::read_to_string(root().join(expected)).expect("the expected output");
        assert_eq!(text(&out.stdout), expected, "{scenario}");
        assert!(out.status.success(), "{scenario}: {}", text(&out.stderr));
        assert_eq!(text(&out.stderr), "", "{scenario}");
    }
}

#[test]
fn lesson_01_sleeps_five_virtual_seconds_in_clock_nanosleep() {
    let out = ioplay(&["run", "--trace", "--scenario", "01_yield_producer_consumer"]);
    let trace = text(&out.stderr);
    let sleeps: Vec<&str> = trace.lines().filter(|l| l.contains("clock_nanosleep(")).collect();
    assert_eq!(sleeps.len(), 5, "{trace}");
    assert!(sleeps.iter().all(|l| l.contains("[01_yield_producer_consumer 1000]")));
    let last = trace.lines().last().expect("a line");
    assert!(last.starts_with("5.0") && last.ends_with("+++ exited with 0 +++"), "{last}");
}

#[test]
fn the_verbatim_client_is_cpythons_indentation_error() {
    let out = ioplay(&["run", "--scenario", "07_select_chat_client_verbatim"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "  File \"07_select_chat_client.verbatim.py\", line 12\n    '''\n       ^\n\
         IndentationError: unindent does not match any outer indentation level\n"
    );
}

#[test]
fn several_programs_run_side_by_side_prefixed_and_10_ms_apart() {
    let dir = scratch("side");
    let a = write(
        &dir,
        "a.py",
        "import time\nprint('a starts', time.monotonic())\ntime.sleep(0.1)\nprint('a ends')\n",
    );
    let b = write(&dir, "b.py", "import time\nprint('b starts', time.monotonic())\nraise ValueError('b')\n");
    let out = ioplay(&["run", &a, &b]);
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    let started = |line: &str, prefix: &str| -> f64 {
        let rest = line.strip_prefix(prefix).unwrap_or_else(|| panic!("{stdout}"));
        rest.parse().unwrap_or_else(|_| panic!("{stdout}"))
    };
    assert!(started(lines[0], "[a] a starts ") < 0.001, "{stdout}");
    let b = started(lines[1], "[b] b starts ");
    assert!((0.010..0.011).contains(&b), "10 ms later: {stdout}");
    assert_eq!(lines[2], "[a] a ends");
    let stderr = text(&out.stderr);
    assert!(stderr.contains("[b] ValueError: b"), "{stderr}");
    assert_eq!(out.status.code(), Some(1), "one process died of an exception");
}

#[test]
fn a_server_nobody_calls_waits_forever_and_is_named() {
    let dir = scratch("forever");
    let server = write(
        &dir,
        "server.py",
        "import _ioplay\nfd = _ioplay.socket(2, 1, 0)\n_ioplay.bind(fd, ('127.0.0.1', 9000))\n\
         _ioplay.listen(fd, 5)\n_ioplay.accept4(fd, 0)\n",
    );
    let out = ioplay(&["run", &server]);
    assert!(out.status.success());
    assert_eq!(
        text(&out.stderr),
        "ioplay: every process left waits forever: server (pid 1000) in accept4, for fd 3 to become readable\n"
    );
}

#[test]
fn until_stops_a_long_sleep() {
    let dir = scratch("until");
    let sleeper = write(&dir, "sleeper.py", "import time\ntime.sleep(100)\nprint('never')\n");
    let out = ioplay(&["run", &sleeper, "--until", "2.5"]);
    assert_eq!(text(&out.stdout), "");
    assert_eq!(
        text(&out.stderr),
        "ioplay: stopped at 2.500000000 s of virtual time (--until); still running: sleeper (pid 1000)\n"
    );
}

#[test]
fn trace_json_holds_every_event_and_the_process_names() {
    let dir = scratch("json");
    let json = dir.join("trace.json").display().to_string();
    let out = ioplay(&["run", "--scenario", "02_greenlet_switch", "--trace-json", &json]);
    assert!(out.status.success());
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json).expect("the json file")).expect("valid JSON");
    assert_eq!(doc["processes"][0]["name"], "02_greenlet_switch");
    let events = doc["events"].as_array().expect("events");
    assert!(events.iter().any(|e| e["kind"]["SyscallExit"]["name"] == "write"));
    assert!(events.iter().any(|e| e["kind"]["SyscallExit"]["name"] == "exit_group"));
}

#[test]
fn the_same_seed_gives_the_same_trace_and_another_seed_other_ports() {
    let dir = scratch("seed");
    let client = write(
        &dir,
        "ports.py",
        "import _ioplay\nsrv = _ioplay.socket(2, 1, 0)\n_ioplay.bind(srv, ('127.0.0.1', 7000))\n\
         _ioplay.listen(srv, 1)\nc = _ioplay.socket(2, 1, 0)\n_ioplay.connect(c, ('127.0.0.1', 7000))\n\
         print(_ioplay.getsockname(c)[1])\n",
    );
    let run = |seed: &str| text(&ioplay(&["run", &client, "--seed", seed, "--trace"]).stderr);
    assert_eq!(run("1"), run("1"));
    assert_ne!(run("1"), run("2"));
}

#[test]
fn bad_input_is_one_clear_line_and_a_failing_status() {
    let dir = scratch("bad");
    let missing = ioplay(&["run", "no_such_file.py"]);
    assert_eq!(missing.status.code(), Some(2));
    let stderr = text(&missing.stderr);
    assert!(
        stderr.starts_with("ioplay: can't open file '")
            && stderr.ends_with("no_such_file.py': [Errno 2] No such file or directory\n")
    );
    assert_eq!(stderr.lines().count(), 1);

    let bad_key = write(&dir, "bad.toml", "[[process]]\nprogram = \"a.py\"\nstdn = \"x\"\n");
    let out = ioplay(&["run", &bad_key]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("line 3: unknown field `stdn`"), "{stderr}");

    let out = ioplay(&["run", "--scenario", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stderr), "ioplay: no built-in scenario is named \"nope\" (see `ioplay list`)\n");

    let unknown_module = write(&dir, "imp.py", "import no_such_module\n");
    let out = ioplay(&["run", &unknown_module]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).ends_with("ModuleNotFoundError: No module named 'no_such_module'\n"));

    let syntax = write(&dir, "syn.py", "def f(:\n");
    let out = ioplay(&["run", &syntax]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).ends_with("SyntaxError: invalid syntax\n"), "{}", text(&out.stderr));

    let out = ioplay(&["run", &syntax, "--until", "soon"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("ioplay: --until: \"soon\" is not a number of seconds\n"));
}

#[test]
fn list_names_every_builtin_scenario() {
    let out = ioplay(&["list"]);
    let stdout = text(&out.stdout);
    for b in ioplay::scenarios::SCENARIOS {
        assert!(stdout.lines().any(|l| l.starts_with(b.name)), "{}", b.name);
    }
}

/// The socket calls of `_ioplay`, one syscall each, with CPython's values and exceptions.
#[test]
fn ioplay_native_calls_answer_with_values_and_oserrors() {
    let dir = scratch("native");
    let program = write(
        &dir,
        "native.py",
        r#"import _ioplay
srv = _ioplay.socket(2, 1, 0)
_ioplay.setsockopt(srv, 1, 2, 1)
_ioplay.bind(srv, ('127.0.0.1', 8800))
_ioplay.listen(srv, 5)
print('listening on', _ioplay.getsockname(srv))
try:
    c = _ioplay.socket(2, 1, 0)
    _ioplay.connect(c, ('127.0.0.1', 8802))
except ConnectionRefusedError as e:
    print(type(e).__name__, e)
_ioplay.fcntl(srv, 4, 0o4000)
try:
    _ioplay.accept4(srv, 0)
except BlockingIOError as e:
    print(type(e).__name__, e.errno, e)
try:
    _ioplay.bind(_ioplay.socket(2, 1, 0), ('127.0.0.1', 8800))
except OSError as e:
    print(type(e).__name__, e)
c = _ioplay.socket(2, 1, 0)
_ioplay.connect(c, ('127.0.0.1', 8800))
print(_ioplay.select([srv], [], [], None))
fd, peer = _ioplay.accept4(srv, 0)
print(fd, peer[0])
_ioplay.send(c, b'hello', 0)
ep = _ioplay.epoll_create1(0)
_ioplay.epoll_ctl(ep, 1, fd, 1)
print(_ioplay.epoll_wait(ep, 10, 2000))
print(_ioplay.recv(fd, 100, 0))
print(_ioplay.poll([(fd, 1)], 0))
t0 = _ioplay.clock_gettime(1)
print(_ioplay.epoll_wait(ep, 10, 2000))
print((_ioplay.clock_gettime(1) - t0) // 1000000)
r, w = _ioplay.pipe2(0)
_ioplay.write(w, b'x')
print(_ioplay.read(r, 5))
_ioplay.close(c)
print(_ioplay.recv(fd, 100, 0))
try:
    _ioplay.close(99)
except OSError as e:
    print(e)
"#,
    );
    let out = ioplay(&["run", &program]);
    assert_eq!(text(&out.stderr), "");
    assert_eq!(
        text(&out.stdout),
        "listening on ('127.0.0.1', 8800)\n\
         ConnectionRefusedError [Errno 111] Connection refused\n\
         BlockingIOError 11 [Errno 11] Resource temporarily unavailable\n\
         OSError [Errno 98] Address already in use\n\
         ([3], [], [])\n\
         7 127.0.0.1\n\
         [(7, 1)]\n\
         b'hello'\n\
         []\n\
         []\n\
         2000\n\
         b'x'\n\
         b''\n\
         [Errno 9] Bad file descriptor\n"
    );
}

fn stdout_of(timeline: &Timeline) -> Vec<u8> {
    let world = timeline.world();
    world.kernel().stdout(world.processes()[0].pid.expect("started")).to_vec()
}

#[test]
fn python_runs_have_equal_trace_hashes() {
    for name in ["01_yield_producer_consumer", "02_greenlet_switch"] {
        let mut a = timeline(name);
        let mut b = timeline(name);
        a.seek(u64::MAX);
        b.seek(u64::MAX);
        assert_eq!(a.world().ending(), Some(&Ending::AllExited));
        assert!(a.events().len() > 10, "{name}");
        assert_eq!(trace_hash(a.events()), trace_hash(b.events()), "{name}");
    }
}

#[test]
fn seeking_a_python_run_back_and_forth_equals_a_fresh_run() {
    let mut seen = timeline("01_yield_producer_consumer");
    seen.seek(u64::MAX);
    let end = seen.position();
    let events = seen.events().to_vec();
    let hash = trace_hash(&events);
    for target in [end / 2, 3, end - 1, 0, end / 3, end] {
        seen.seek(target);
        let mut fresh = timeline("01_yield_producer_consumer");
        fresh.seek(target);
        assert_eq!(seen.position(), target);
        assert_eq!(seen.events(), fresh.events(), "at step {target}");
        assert_eq!(seen.world().now(), fresh.world().now(), "at step {target}");
        if target > 0 {
            assert_eq!(stdout_of(&seen), stdout_of(&fresh), "at step {target}");
        }
    }
    assert_eq!(trace_hash(seen.events()), hash);
}

#[test]
fn names_resolve_against_the_world_and_aio_reads_complete_in_the_kernel() {
    let dir = scratch("dns-aio");
    write(
        &dir,
        "names.py",
        r#"import _ioplay
print(_ioplay.gethostbyname('itk.org'), _ioplay.gethostbyname('localhost'), _ioplay.gethostbyname('10.1.2.3'))
try:
    _ioplay.gethostbyname('nowhere.example')
except OSError as e:
    print(e.errno, e.strerror)
r, w = _ioplay.pipe2(0)
req = _ioplay.aio_read(r, 10, 0)
print(req, _ioplay.aio_error(req))
_ioplay.write(w, b'abc')
_ioplay.aio_suspend([req], None)
print(_ioplay.aio_error(req), _ioplay.aio_return(req))
"#,
    );
    let scenario = write(
        &dir,
        "world.toml",
        "[[web]]\nhost = \"itk.org\"\nport = 443\nbody_size = 10\n[[process]]\nprogram = \"names.py\"\n",
    );
    let out = ioplay(&["run", &scenario]);
    assert_eq!(text(&out.stderr), "");
    assert_eq!(
        text(&out.stdout),
        "203.0.113.10 127.0.0.1 10.1.2.3\n-2 Name or service not known\n1 115\n0 b'abc'\n"
    );
}

/// Every run of digits after `raddr=('127.0.0.1', ` or `('127.0.0.1', ` that is not a listening port
/// becomes `PORT`: ephemeral ports differ between CPython's run and ours.
fn normalise_ports(text: &str, listening: &[&str]) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("('127.0.0.1', ") {
        let (head, tail) = rest.split_at(i + "('127.0.0.1', ".len());
        out.push_str(head);
        let digits: String = tail.chars().take_while(char::is_ascii_digit).collect();
        if listening.contains(&digits.as_str()) {
            out.push_str(&digits);
        } else {
            out.push_str("PORT");
        }
        rest = &tail[digits.len()..];
    }
    out.push_str(rest);
    out
}

/// The lines of one process in a prefixed run, without the prefix.
fn lines_of(output: &str, name: &str) -> String {
    let prefix = format!("[{name}] ");
    output.lines().filter_map(|l| l.strip_prefix(&prefix)).map(|l| format!("{l}\n")).collect()
}

#[test]
fn lesson_03_sleeps_five_seconds_not_seven_and_the_hub_waits_2000_then_3000() {
    let out = ioplay(&["run", "--trace", "--scenario", "03_gevent_sleep"]);
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[..4], ["running in foo", "switch to bar", "switch to foo again", "switch to bar again"]);
    let elapsed: f64 = lines[4].parse().expect("the elapsed time");
    assert!((elapsed - 5.0).abs() < 0.001, "{elapsed}");
    let trace = text(&out.stderr);
    let waits: Vec<&str> = trace.lines().filter(|l| l.contains("] epoll_wait(")).collect();
    assert_eq!(waits.len(), 2, "{trace}");
    assert!(waits[0].ends_with(", 64, 2000) = 0"), "{}", waits[0]);
    assert!(waits[1].starts_with("2.0") && waits[1].ends_with(", 64, 3000) = 0"), "{}", waits[1]);
}

#[test]
fn lesson_05_echo_server_prints_what_cpython_printed_but_the_port() {
    let out = ioplay(&["run", "--scenario", "05_selectors_echo_server"]);
    let stdout = text(&out.stdout);
    let conn = "<socket.socket fd=5, family=2, type=1, proto=0, laddr=('127.0.0.1', 1234), raddr=('127.0.0.1', PORT)>";
    assert_eq!(
        normalise_ports(&lines_of(&stdout, "server"), &["1234"]),
        format!(
            "accepted {conn} from ('127.0.0.1', PORT)\nechoing b'hello' to {conn}\n\
             echoing b'world' to {conn}\nclosing {conn}\n"
        )
    );
    assert_eq!(lines_of(&stdout, "client"), "b'hello'\nb'world'\n");
    assert_eq!(
        text(&out.stderr),
        "ioplay: every process left waits forever: server (pid 1000) in epoll_wait, for fd 3 to become readable\n"
    );
}

#[test]
fn lesson_06_polls_accept_every_4_seconds_until_the_client_comes() {
    let out = ioplay(&["run", "--trace", "--scenario", "06_nonblocking"]);
    let stdout = text(&out.stdout);
    let server = normalise_ports(&lines_of(&stdout, "server"), &["6667"]);
    let waiting = "waiting client connection .......\n";
    let eagain = "[Errno 11] Resource temporarily unavailable\n";
    let before = format!("{waiting}{eagain}").repeat(3);
    let after = format!("{waiting}{eagain}").repeat(2);
    assert_eq!(server, format!("{before}{waiting}+++ ('127.0.0.1', PORT)\nhello\n{after}"));
    assert_eq!(lines_of(&stdout, "client"), "hello\n");
    let trace = text(&out.stderr);
    let accepts: Vec<&str> = trace
        .lines()
        .filter(|l| l.contains("] accept4("))
        .map(|l| l.split(' ').next().expect("a time"))
        .collect();
    let seconds: Vec<u64> = accepts.iter().map(|t| t.split('.').next().unwrap().parse().unwrap()).collect();
    assert_eq!(seconds, [0, 4, 8, 12, 12, 16]);
}

#[test]
fn lesson_07_client_as_written_is_refused_as_on_cpython() {
    let out = ioplay(&["run", "--scenario", "07_select_chat"]);
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with(
            "[client] Traceback (most recent call last):\n\
             [client]   File \"07_select_chat_client.py\", line 4, in <module>\n\
             [client]     sk.connect(('127.0.0.1',8802))\n\
             [client] ConnectionRefusedError: [Errno 111] Connection refused\n"
        ),
        "{stderr}"
    );
    assert_eq!(out.status.code(), Some(1), "the client died of an exception");
    assert!(text(&out.stdout).starts_with("[server] 0\n[server] >> []\n"));
}

#[test]
fn lesson_07_fixed_port_three_clients_each_answered_in_turn() {
    let out = ioplay(&["run", "--scenario", "07_select_chat_port8800"]);
    let stdout = text(&out.stdout);
    for (i, client) in ["client1", "client2", "client3"].iter().enumerate() {
        assert!(lines_of(&stdout, client).starts_with(&format!(">>>>m{}\n", i + 1)), "{stdout}");
    }
    let server = lines_of(&stdout, "server");
    let a1 = server.find("a1\n").expect("a1");
    let a2 = server.find("a2\n").expect("a2");
    assert!(a1 < a2 && server.matches("回答").count() == 3, "{server}");
}

#[test]
fn lesson_04_fetches_three_pages_at_once_in_the_time_of_the_slowest() {
    let out = ioplay(&["run", "--scenario", "04_gevent_monkey_urllib"]);
    assert_eq!(text(&out.stderr), "");
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines[..6],
        [
            "GET: https://itk.org/",
            "GET: https://www.github.com/",
            "GET: https://zhihu.com/",
            "52437 bytes received from https://www.github.com/.",
            "31233 bytes received from https://zhihu.com/.",
            "15862 bytes received from https://itk.org/.",
        ]
    );
    let elapsed: f64 = lines[6].parse().expect("the elapsed time");
    // The slowest server thinks 0.9 s; one after another they would take 1.8 s.
    assert!((0.9..1.2).contains(&elapsed), "{elapsed}");
}

#[test]
fn signal_handlers_run_and_interrupted_calls_carry_on_as_in_cpython() {
    let dir = scratch("signals");
    let program = write(
        &dir,
        "sig.py",
        r#"import signal, time
count = []
def on_alarm(signum, frame):
    count.append(signum)
    print('alarm', signum)
print('old', signal.signal(signal.SIGALRM, on_alarm))
signal.alarm(2)
signal.pause()
print('after pause', count, int(time.monotonic()))
signal.setitimer(signal.ITIMER_REAL, 0.5)
time.sleep(3)
print('slept on', count, round(time.monotonic(), 3))
print(signal.signal(signal.SIGALRM, signal.SIG_DFL) is on_alarm)
signal.alarm(1)
signal.pause()
print('never')
"#,
    );
    let out = ioplay(&["run", &program, "--trace"]);
    assert_eq!(
        text(&out.stdout),
        "old 0\nalarm 14\nafter pause [14] 2\nalarm 14\nslept on [14, 14] 5.0\nTrue\n"
    );
    let trace = text(&out.stderr);
    assert!(trace.contains("--- SIGALRM {si_signo=SIGALRM"), "{trace}");
    assert!(trace.trim_end().ends_with("+++ killed by SIGALRM +++"), "{trace}");
    assert_eq!(out.status.code(), Some(128 + 14));
}

#[test]
fn every_lesson_scenario_has_its_pinned_trace_hash() {
    let seen: Vec<(String, u64)> = ioplay::scenarios::SCENARIOS
        .iter()
        .map(|b| {
            let mut run = timeline(b.name);
            run.seek(u64::MAX);
            (b.name.to_string(), trace_hash(run.events()))
        })
        .collect();
    let pinned: Vec<(String, u64)> = TRACE_HASHES.iter().map(|(n, h)| (n.to_string(), *h)).collect();
    let source: String = seen.iter().map(|(n, h)| format!("    (\"{n}\", {h:#018x}),\n")).collect();
    assert_eq!(
        seen, pinned,
        "trace hashes changed; if that is meant, pin in tests/lessons/mod.rs:\n{source}"
    );
}
