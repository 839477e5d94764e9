//! The `ioplay` command line: run Python programs, or a scenario, in the simulated world.
//!
//! `ioplay run FILE.py` behaves like `python3 FILE.py` (the same stdout, the same traceback on stderr, the
//! same exit status), but on the simulated kernel and its virtual clock. Several files run side by side,
//! started 10 ms of virtual time apart, their lines prefixed `[name] `. See [`USAGE`].

use ioplay::scenarios::{self, Overrides, Scenario, ScenarioError};
use ioplay::sim::python::Python;
use ioplay::sim::{Ending, Output, ProcState, Program, Tick, World};
use ioplay::sys::Pid;
use ioplay::trace::{format_time, Event, Kind, ProcState as ProcStateEvent};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage: ioplay run FILE.py [FILE.py ...] [OPTIONS]   run programs side by side, 10 ms apart
       ioplay run SCENARIO.toml [OPTIONS]           run a scenario file
       ioplay run --scenario NAME [OPTIONS]         run a built-in scenario
       ioplay list                                  name the built-in scenarios
options:
  --stdin TEXT       stdin of the next process (give it once per process, in order); without it, a
                     single program reads ioplay's own stdin when that is not a terminal
  --trace            one strace-style line per syscall on stderr: virtual time, [name pid], the call
  --trace-json FILE  every event of the run as JSON
  --until SECONDS    stop at this virtual time (default 60)
  --seed N           the world's seed (ephemeral ports, sequence numbers, loss, unseeded `random`)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("run") => match Options::parse(&args[1..]) {
            Ok(options) => run(options),
            Err(message) => usage_error(&message),
        },
        Some("list") if args.len() == 1 => {
            for b in scenarios::SCENARIOS {
                let title = scenarios::builtin_scenario(b.name).map(|s| s.title_en).unwrap_or_default();
                println!("{:<34} {title}", b.name);
            }
            ExitCode::SUCCESS
        }
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => usage_error("expected `run` or `list`"),
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("ioplay: {message}\n{USAGE}");
    ExitCode::from(2)
}

/// What `ioplay run` was asked to do.
#[derive(Debug, Default)]
struct Options {
    /// `.py` files, a `.toml` file, or nothing with `--scenario`.
    files: Vec<String>,
    /// Arguments after a single program, its `sys.argv[1:]`.
    argv: Vec<String>,
    scenario: Option<String>,
    stdin: Vec<String>,
    trace: bool,
    trace_json: Option<PathBuf>,
    until: Option<f64>,
    seed: Option<u64>,
}

impl Options {
    fn parse(args: &[String]) -> Result<Options, String> {
        let mut o = Options::default();
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let mut value = |what: &str| it.next().cloned().ok_or(format!("{arg} needs {what}"));
            match arg.as_str() {
                "--stdin" => o.stdin.push(value("a text")?),
                "--trace" => o.trace = true,
                "--trace-json" => o.trace_json = Some(value("a file name")?.into()),
                "--scenario" => o.scenario = Some(value("a name (see `ioplay list`)")?),
                "--until" => {
                    let v = value("a number of seconds")?;
                    o.until = Some(
                        v.parse::<f64>()
                            .ok()
                            .filter(|s| s.is_finite() && *s >= 0.0)
                            .ok_or(format!("--until: {v:?} is not a number of seconds"))?,
                    );
                }
                "--seed" => {
                    let v = value("a number")?;
                    o.seed = Some(v.parse().map_err(|_| format!("--seed: {v:?} is not a number"))?);
                }
                flag if flag.starts_with("--") && o.files.is_empty() => {
                    return Err(format!("unknown option {flag}"))
                }
                _ if o.files.len() == 1 && !o.files[0].ends_with(".py") => {
                    return Err(format!("unexpected argument {arg:?} after a scenario file"))
                }
                _ if arg.ends_with(".py") && o.argv.is_empty() => o.files.push(arg.clone()),
                _ if arg.ends_with(".toml") && o.files.is_empty() => o.files.push(arg.clone()),
                _ if o.files.len() == 1 => o.argv.push(arg.clone()),
                _ => return Err(format!("unexpected argument {arg:?}")),
            }
        }
        match (&o.scenario, o.files.is_empty()) {
            (Some(_), false) => Err("--scenario and files do not go together".into()),
            (None, true) => Err("nothing to run".into()),
            _ => Ok(o),
        }
    }
}

/// Where a scenario's programs come from: the gallery for built-in scenarios, files next to the
/// scenario file (or the working directory) otherwise.
enum Sources {
    Builtin,
    Files { base: PathBuf },
}

impl Sources {
    fn load(&self, program: &str, argv: &[String]) -> Result<Box<dyn Program>, ScenarioError> {
        if let Sources::Builtin = self {
            let (file_name, source) = scenarios::builtin_source(program)
                .ok_or_else(|| ScenarioError(format!("no built-in program is named {program:?}")))?;
            return Ok(Python::load(source, &file_name, vec![file_name.clone()]));
        }
        let Sources::Files { base } = self else { unreachable!() };
        if !program.ends_with(".py") {
            if let Some((file_name, source)) = scenarios::builtin_source(program) {
                return Ok(Python::load(source, &file_name, vec![file_name.clone()]));
            }
        }
        let path = base.join(program);
        let source = std::fs::read(&path).map_err(|e| cant_open(&path, &e))?;
        let source = String::from_utf8_lossy(&source);
        let mut full_argv = vec![program.to_string()];
        full_argv.extend(argv.iter().cloned());
        Ok(Python::load(&source, &main_file_name(&path), full_argv))
    }
}

/// The file name tracebacks and `__file__` show: CPython 3.9+ joins a relative script path to the
/// working directory as given, without normalising it (`./x.py` shows as `/cwd/./x.py`).
fn main_file_name(path: &Path) -> String {
    let joined = match std::env::current_dir() {
        Ok(cwd) if path.is_relative() => cwd.join(path),
        _ => path.to_path_buf(),
    };
    joined.display().to_string()
}

/// CPython's words for a file it cannot open.
fn cant_open(path: &Path, e: &std::io::Error) -> ScenarioError {
    let shown = std::path::absolute(path).unwrap_or(path.to_path_buf());
    let code = e.raw_os_error().unwrap_or(2);
    let text = match code {
        2 => "No such file or directory".to_string(),
        13 => "Permission denied".to_string(),
        21 => "Is a directory".to_string(),
        _ => e.to_string(),
    };
    ScenarioError(format!("can't open file '{}': [Errno {code}] {text}", shown.display()))
}

fn run(mut o: Options) -> ExitCode {
    let (scenario, sources) = match load_scenario(&o) {
        Ok(found) => found,
        Err(e) => {
            eprintln!("ioplay: {e}");
            return ExitCode::from(2);
        }
    };
    if o.stdin.is_empty() && scenario.processes.len() == 1 && scenario.processes[0].stdin.is_none() {
        let mut host = Vec::new();
        if !std::io::stdin().is_terminal() && std::io::stdin().read_to_end(&mut host).is_ok() {
            o.stdin.push(String::from_utf8_lossy(&host).into_owned());
        }
    }
    let overrides = Overrides { seed: o.seed, until_seconds: o.until, stdin: o.stdin.clone() };
    let argv = o.argv.clone();
    let world = scenario.build(&overrides, &mut |program| sources.load(program, &argv));
    let mut world = match world {
        Ok(world) => world,
        Err(e) => {
            eprintln!("ioplay: {e}");
            return ExitCode::from(2);
        }
    };
    let shown = world.processes().iter().filter(|p| !p.spec.daemon).count();
    let mut console = Console::new(shown > 1);
    let mut strace = o.trace.then(Strace::default);
    let mut all_events = Vec::new();
    let ending = loop {
        let tick = world.step();
        let events = world.drain_events();
        if let Some(strace) = &mut strace {
            strace.names(&world);
            for e in &events {
                strace.event(e);
            }
        }
        console.show(world.take_output());
        if o.trace_json.is_some() {
            all_events.extend(events);
        }
        if let Tick::Ended(ending) = tick {
            break ending;
        }
    };
    console.finish();
    report(&world, &ending);
    if let Some(path) = &o.trace_json {
        if let Err(e) = write_json(path, &world, &all_events) {
            eprintln!("ioplay: --trace-json {}: {e}", path.display());
            return ExitCode::from(2);
        }
    }
    exit_status(&world)
}

fn load_scenario(o: &Options) -> Result<(Scenario, Sources), ScenarioError> {
    if let Some(name) = &o.scenario {
        let scenario = scenarios::builtin_scenario(name).ok_or_else(|| {
            ScenarioError(format!("no built-in scenario is named {name:?} (see `ioplay list`)"))
        })?;
        return Ok((scenario, Sources::Builtin));
    }
    if o.files.len() == 1 && o.files[0].ends_with(".toml") {
        let path = Path::new(&o.files[0]);
        let text = std::fs::read_to_string(path).map_err(|e| cant_open(path, &e))?;
        let scenario =
            Scenario::from_toml(&text).map_err(|e| ScenarioError(format!("{}: {e}", path.display())))?;
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        return Ok((scenario, Sources::Files { base }));
    }
    let base = PathBuf::new();
    Ok((Scenario::of_programs(&o.files), Sources::Files { base }))
}

/// The exit status: a single program's own; for several, 1 if any ended badly.
fn exit_status(world: &World) -> ExitCode {
    let statuses: Vec<i32> = world
        .processes()
        .iter()
        .filter(|p| !p.spec.daemon)
        .map(|p| match p.state {
            ProcState::Exited(status) => status,
            ProcState::Killed(sig) => 128 + sig,
            _ => 0,
        })
        .collect();
    let status = match statuses.as_slice() {
        [one] => *one,
        many => i32::from(many.iter().any(|s| *s != 0)),
    };
    ExitCode::from(status.clamp(0, 255) as u8)
}

/// Say on stderr why the run ended, unless everyone simply exited.
fn report(world: &World, ending: &Ending) {
    match ending {
        Ending::AllExited => {}
        Ending::WaitForever(waiting) => {
            let mains: Vec<String> = waiting
                .iter()
                .filter(|w| !is_daemon(world, w.pid))
                .map(|w| format!("{} (pid {}) in {}, for {}", w.name, w.pid, w.call, w.on))
                .collect();
            if !mains.is_empty() {
                eprintln!("ioplay: every process left waits forever: {}", mains.join("; "));
            }
        }
        Ending::Until(t) => {
            let running: Vec<String> = world
                .processes()
                .iter()
                .filter(|p| !p.spec.daemon && !p.state.is_over())
                .map(|p| match p.pid {
                    Some(pid) => format!("{} (pid {pid})", p.spec.name),
                    None => format!("{} (not started)", p.spec.name),
                })
                .collect();
            eprintln!(
                "ioplay: stopped at {} s of virtual time (--until); still running: {}",
                format_time(*t),
                running.join(", ")
            );
        }
    }
}

fn is_daemon(world: &World, pid: Pid) -> bool {
    world.processes().iter().any(|p| p.pid == Some(pid) && p.spec.daemon)
}

fn write_json(path: &Path, world: &World, events: &[Event]) -> std::io::Result<()> {
    let processes: Vec<serde_json::Value> = world
        .processes()
        .iter()
        .filter_map(|p| Some(serde_json::json!({ "pid": p.pid?, "name": p.spec.name })))
        .collect();
    let doc = serde_json::json!({ "processes": processes, "events": events });
    std::fs::write(path, serde_json::to_vec_pretty(&doc).map_err(std::io::Error::other)?)
}

/// The processes' stdout and stderr on ours, as they happen; whole lines prefixed `[name] ` when several
/// processes run.
struct Console {
    prefixed: bool,
    /// A line begun but not ended, per process and stream.
    partial: BTreeMap<(Pid, u8), (String, Vec<u8>)>,
}

impl Console {
    fn new(prefixed: bool) -> Console {
        Console { prefixed, partial: BTreeMap::new() }
    }

    fn show(&mut self, outputs: Vec<Output>) {
        for out in outputs {
            if !self.prefixed {
                write_to(out.stream, &out.bytes);
                continue;
            }
            let (_, line) =
                self.partial.entry((out.pid, out.stream)).or_insert_with(|| (out.name.clone(), Vec::new()));
            line.extend(&out.bytes);
            while let Some(end) = line.iter().position(|b| *b == b'\n') {
                let rest = line.split_off(end + 1);
                let whole = std::mem::replace(line, rest);
                let mut text = format!("[{}] ", out.name).into_bytes();
                text.extend(whole);
                write_to(out.stream, &text);
            }
        }
    }

    /// Lines left unended when the run stops.
    fn finish(&mut self) {
        for ((_, stream), (name, line)) in std::mem::take(&mut self.partial) {
            if !line.is_empty() {
                let mut text = format!("[{name}] ").into_bytes();
                text.extend(line);
                text.push(b'\n');
                write_to(stream, &text);
            }
        }
    }
}

fn write_to(stream: u8, bytes: &[u8]) {
    // A closed pipe on our side (`| head`) is not the program's problem: ignore write errors.
    if stream == 1 {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(bytes).and_then(|_| out.flush());
    } else {
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(bytes).and_then(|_| err.flush());
    }
}

/// `--trace`: strace's lines with the virtual time and `[name pid]`; a call that blocks while others run
/// is split into `<unfinished ...>` and `<... resumed>`, as `strace -f` does.
#[derive(Default)]
struct Strace {
    names: BTreeMap<Pid, String>,
    /// A call entered whose exit has not been printed yet, printed whole if its exit comes next.
    entered: Option<Event>,
    /// The arguments printed with `<unfinished ...>`, per process.
    unfinished: BTreeMap<Pid, String>,
}

impl Strace {
    fn names(&mut self, world: &World) {
        for p in world.processes() {
            if let Some(pid) = p.pid {
                self.names.entry(pid).or_insert_with(|| p.spec.name.clone());
            }
        }
    }

    fn line(&self, e: &Event, text: &str) {
        let name = self.names.get(&e.pid).map(String::as_str).unwrap_or("?");
        eprintln!("{} [{name} {}] {text}", format_time(e.time), e.pid);
    }

    fn flush_entered(&mut self) {
        if let Some(e) = self.entered.take() {
            if let Kind::SyscallEnter { name, args } = &e.kind {
                self.line(&e, &format!("{name}({args} <unfinished ...>"));
                self.unfinished.insert(e.pid, args.clone());
            }
        }
    }

    fn event(&mut self, e: &Event) {
        match &e.kind {
            Kind::SyscallEnter { .. } => {
                self.flush_entered();
                self.entered = Some(e.clone());
            }
            Kind::SyscallExit { name, args, ret, .. } => {
                if let Some(entered) = self.entered.take_if(|en| en.pid == e.pid) {
                    self.line(&entered, &format!("{name}({args}) = {ret}"));
                    return;
                }
                self.flush_entered();
                let before = self.unfinished.remove(&e.pid).unwrap_or_default();
                let rest = args.strip_prefix(before.as_str()).unwrap_or(args);
                self.line(e, &format!("<... {name} resumed>{rest}) = {ret}"));
            }
            Kind::Signal { .. } => {
                // The kernel's own strace text for a signal (`--- SIGALRM {…} ---`, `+++ killed by … +++`).
                let text = ioplay::trace::strace(std::slice::from_ref(e), false);
                if !text.is_empty() {
                    self.flush_entered();
                    self.line(e, text.trim_end());
                }
            }
            Kind::State(ProcStateEvent::Exited(status)) => {
                self.flush_entered();
                self.line(e, &format!("+++ exited with {status} +++"));
            }
            _ => {}
        }
    }
}
