//! The CPython-oracle harness shared by `tests/py_programs.rs` and `tests/py_concurrency.rs`.
//!
//! A corpus is a directory of programs `NNN_topic.py`, each with what CPython 3.11 printed beside it:
//! `.stdout`, `.stderr` (only when non-empty), `.status` (only when non-zero) and `.stdin` (the input
//! fed, when the program reads). `tests/py/regen.py` writes those files from a real CPython.
//!
//! For every program the harness runs `ioplay run DIR/NNN_topic.py [--stdin TEXT]` from the repository
//! root and compares stdout, stderr and exit status byte for byte. When a CPython 3.11 oracle is at hand
//! (`$IOPLAY_PYTHON`, else `.venv/bin/python`, else `python3`) and imports what the program imports, it
//! re-runs CPython too and fails on any difference from the committed expectation: that catches
//! expectations that rot.
//!
//! `DIR/EXPECTED_FAILURES` lists the programs ioplay may still get wrong, one name a line with a
//! `# why`. A listed program that passes is an error too, so the list only shrinks;
//! `IOPLAY_UPDATE_EXPECTED_FAILURES=1` rewrites it from the current results. All problems are reported
//! together in one failure, with a line diff per program.
//!
//! CPython shows the script's absolute path in tracebacks; the repository root is cut from its output
//! and from ioplay's (as `regen.py` does), so `File "tests/py/x.py"` is what both must print.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::thread;
use std::time::Duration;

/// The modules outside CPython's standard library that a program may import; the oracle runs such a
/// program only when it can import them too.
const THIRD_PARTY_MODULES: [&str; 3] = ["greenlet", "gevent", "eventlet"];

/// The most diff lines shown for one stream of one program; the rest is summarised.
const MAX_DIFF_LINES: usize = 60;

/// One corpus directory and how to run it.
pub struct Corpus {
    /// The programs' directory, relative to the repository root, e.g. `tests/py`.
    pub dir: &'static str,
    /// Extra environment for the CPython oracle (ioplay gets none).
    pub oracle_env: &'static [(&'static str, &'static str)],
    /// A run that takes longer than this is killed and counts as a difference.
    pub timeout: Duration,
    /// Whether stderr is part of the contract. The concurrency corpus compares stdout and exit status
    /// only: gevent and eventlet report a failed greenlet on stderr with a timestamp, an address and
    /// their own source paths.
    pub compare_stderr: bool,
}

/// What a program printed and how it ended.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Outcome {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    exit: Exit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Exit {
    Code(i32),
    /// Ended by a signal (a crash, e.g. a Rust stack overflow).
    Signalled,
    TimedOut,
}

impl std::fmt::Display for Exit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Exit::Code(code) => write!(f, "status {code}"),
            Exit::Signalled => write!(f, "killed by a signal"),
            Exit::TimedOut => write!(f, "killed after the timeout"),
        }
    }
}

struct Program {
    name: String,
    /// The path as given on the command line, relative to the repository root.
    rel_path: String,
    stdin: Option<Vec<u8>>,
    expected: Outcome,
    /// Third-party modules it imports, which the oracle must have.
    needs: Vec<&'static str>,
}

/// A CPython 3.11 that can re-run the corpus, and which third-party modules it imports.
struct Oracle {
    python: String,
    importable: BTreeMap<&'static str, bool>,
}

struct ProgramResult {
    /// How ioplay's output differs from the expectation; `None` when it matches.
    ioplay_difference: Option<String>,
    /// How CPython's output now differs from the committed expectation.
    oracle_difference: Option<String>,
    /// Whether the oracle ran this program at all.
    oracle_ran: bool,
}

/// Runs the whole corpus and panics with every problem found.
pub fn check(corpus: &Corpus) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let programs = load_programs(root, corpus.dir);
    assert!(!programs.is_empty(), "no programs NNN_topic.py found in {}", corpus.dir);
    let oracle = Oracle::detect(root, corpus, &programs);
    let results = run_all(root, corpus, &programs, oracle.as_ref());

    let list_path = root.join(corpus.dir).join("EXPECTED_FAILURES");
    let listed = ExpectedFailures::load(&list_path);
    let update = std::env::var("IOPLAY_UPDATE_EXPECTED_FAILURES").is_ok_and(|v| v == "1");
    let mut problems = if update {
        listed.rewrite(&list_path, &programs, &results);
        Vec::new()
    } else {
        listed.disagreements(corpus.dir, &programs, &results)
    };
    problems.extend(expectation_rot(corpus.dir, &programs, &results));

    let passing = results.iter().filter(|r| r.ioplay_difference.is_none()).count();
    let oracle_runs = results.iter().filter(|r| r.oracle_ran).count();
    let oracle_name = oracle.map_or_else(|| "no CPython 3.11 found".to_string(), |o| o.python);
    eprintln!(
        "{}: {} programs, {passing} pass on ioplay, {} were listed as expected failures{}; \
         CPython re-ran {oracle_runs} ({oracle_name})",
        corpus.dir,
        programs.len(),
        listed.entries.len(),
        if update { ", list rewritten" } else { "" },
    );
    if !problems.is_empty() {
        panic!("{} problem(s) in {}:\n\n{}", problems.len(), corpus.dir, problems.join("\n\n"));
    }
}

/// Programs whose committed expectation CPython no longer prints: never excused by the list.
fn expectation_rot(dir: &str, programs: &[Program], results: &[ProgramResult]) -> Vec<String> {
    programs
        .iter()
        .zip(results)
        .filter_map(|(program, result)| {
            let rot = result.oracle_difference.as_ref()?;
            Some(format!(
                "{name}: CPython no longer prints the committed expectation; rerun \
                 `python3 tests/py/regen.py --dir {dir} {name}` and review the change\n{rot}",
                name = program.name
            ))
        })
        .collect()
}

fn load_programs(root: &Path, dir: &str) -> Vec<Program> {
    let mut names: Vec<String> = std::fs::read_dir(root.join(dir))
        .unwrap_or_else(|e| panic!("cannot read {dir}: {e}"))
        .map(|entry| entry.expect("directory entry").file_name().to_string_lossy().into_owned())
        .filter_map(|file| file.strip_suffix(".py").filter(|stem| is_program_name(stem)).map(String::from))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let base = root.join(dir).join(&name);
            let read_or_empty = |ext: &str| std::fs::read(base.with_extension(ext)).unwrap_or_default();
            let status_text = String::from_utf8(read_or_empty("status")).expect("a .status file is text");
            let status = match status_text.trim() {
                "" => 0,
                text => text.parse().unwrap_or_else(|_| panic!("{name}.status is not an integer: {text:?}")),
            };
            let source = std::fs::read_to_string(base.with_extension("py")).expect("a program is UTF-8");
            Program {
                rel_path: format!("{dir}/{name}.py"),
                stdin: std::fs::read(base.with_extension("stdin")).ok(),
                expected: Outcome {
                    stdout: read_or_empty("stdout"),
                    stderr: read_or_empty("stderr"),
                    exit: Exit::Code(status),
                },
                needs: third_party_imports(&source),
                name,
            }
        })
        .collect()
}

/// `NNN_topic`: three digits, an underscore, then lowercase letters, digits and underscores.
fn is_program_name(stem: &str) -> bool {
    let bytes = stem.as_bytes();
    bytes.len() > 4
        && bytes[..3].iter().all(u8::is_ascii_digit)
        && bytes[3] == b'_'
        && bytes[4..].iter().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'_')
}

/// The third-party modules named by `import X…` or `from X… import` lines.
fn third_party_imports(source: &str) -> Vec<&'static str> {
    let imported: Vec<&str> = source
        .lines()
        .filter_map(|line| {
            let line = line.trim_start();
            let rest = line.strip_prefix("import ").or_else(|| line.strip_prefix("from "))?;
            rest.split([' ', '.', ',']).next()
        })
        .collect();
    THIRD_PARTY_MODULES.into_iter().filter(|m| imported.contains(m)).collect()
}

impl Oracle {
    /// Finds a CPython 3.11; `None` when there is none (then only ioplay is checked).
    fn detect(root: &Path, corpus: &Corpus, programs: &[Program]) -> Option<Oracle> {
        let python = match std::env::var("IOPLAY_PYTHON") {
            Ok(python) if !python.is_empty() => python,
            _ => {
                let venv = root.join(".venv/bin/python");
                if venv.exists() {
                    venv.to_string_lossy().into_owned()
                } else {
                    "python3".to_string()
                }
            }
        };
        let probe = |python: &str, code: &str| {
            oracle_command(python, root, corpus)
                .args(["-c", code])
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .output()
                .ok()
                .filter(|out| out.status.success())
                .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_string())
        };
        // The expectations are CPython 3.11's; another version words some messages differently.
        let version_check = "import sys; print(sys.version_info[:2] == (3, 11))";
        if probe(&python, version_check).as_deref() != Some("True") {
            return None;
        }
        // A version manager's `python3` may be a shell script costing ~300 ms a start; run the
        // interpreter itself (for a venv, its own `bin/python`, which keeps the venv's packages).
        let python =
            probe(&python, "import sys; print(sys.executable)").filter(|p| !p.is_empty()).unwrap_or(python);
        let importable = THIRD_PARTY_MODULES
            .into_iter()
            .filter(|module| programs.iter().any(|p| p.needs.contains(module)))
            .map(|module| (module, probe(&python, &format!("import {module}")).is_some()))
            .collect();
        Some(Oracle { python, importable })
    }

    fn can_run(&self, program: &Program) -> bool {
        program.needs.iter().all(|m| self.importable.get(m) == Some(&true))
    }
}

/// The oracle's environment: str hashing pinned, UTF-8 output, no bytecode files, plus the corpus's own.
fn oracle_command(python: &str, root: &Path, corpus: &Corpus) -> Command {
    let mut command = Command::new(python);
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("PYTHON") {
            command.env_remove(key);
        }
    }
    command
        .current_dir(root)
        .env("PYTHONHASHSEED", "0")
        .env("PYTHONIOENCODING", "utf-8")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        // The simulated machine's zone is UTC (`time.localtime`, `mktime`, `datetime.now`).
        .env("TZ", "UTC")
        .envs(corpus.oracle_env.iter().copied());
    command
}

fn run_all(
    root: &Path,
    corpus: &Corpus,
    programs: &[Program],
    oracle: Option<&Oracle>,
) -> Vec<ProgramResult> {
    let next = AtomicUsize::new(0);
    let results: Mutex<BTreeMap<usize, ProgramResult>> = Mutex::new(BTreeMap::new());
    let workers = thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 4);
    thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(program) = programs.get(index) else { break };
                let result = run_program(root, corpus, program, oracle);
                results.lock().expect("no worker panics while holding the lock").insert(index, result);
            });
        }
    });
    results.into_inner().expect("workers finished").into_values().collect()
}

fn run_program(root: &Path, corpus: &Corpus, program: &Program, oracle: Option<&Oracle>) -> ProgramResult {
    let mut ioplay = Command::new(env!("CARGO_BIN_EXE_ioplay"));
    ioplay.current_dir(root).args(["run", &program.rel_path]);
    if let Some(stdin) = &program.stdin {
        ioplay.arg("--stdin").arg(os_string_from_bytes(stdin));
    }
    let actual = run_with_timeout(ioplay, None, corpus.timeout)
        .map(|outcome| comparable(outcome, root, corpus))
        .unwrap_or_else(|e| panic!("cannot start ioplay: {e}"));
    let ioplay_difference = describe_difference(&program.expected, &actual);

    let oracle = oracle.filter(|o| o.can_run(program));
    let oracle_difference = oracle.and_then(|o| {
        let mut python = oracle_command(&o.python, root, corpus);
        python.arg(&program.rel_path);
        let fed = Some(program.stdin.as_deref().unwrap_or_default());
        match run_with_timeout(python, fed, corpus.timeout) {
            Ok(outcome) => describe_difference(&program.expected, &comparable(outcome, root, corpus)),
            Err(e) => Some(format!("cannot start {}: {e}", o.python)),
        }
    });
    ProgramResult { ioplay_difference, oracle_difference, oracle_ran: oracle.is_some() }
}

/// The `--stdin` argument: the `.stdin` file's bytes as they are.
#[cfg(unix)]
fn os_string_from_bytes(bytes: &[u8]) -> std::ffi::OsString {
    use std::os::unix::ffi::OsStringExt;
    std::ffi::OsString::from_vec(bytes.to_vec())
}

#[cfg(not(unix))]
fn os_string_from_bytes(bytes: &[u8]) -> std::ffi::OsString {
    String::from_utf8_lossy(bytes).into_owned().into()
}

/// Runs a command to its end or until `timeout`, feeding `stdin` (or nothing: stdin is closed).
fn run_with_timeout(
    mut command: Command,
    stdin: Option<&[u8]>,
    timeout: Duration,
) -> std::io::Result<Outcome> {
    command.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn()?;
    // Drain the output before feeding input, so a program that prints before it reads never stalls.
    let stdout = read_in_background(child.stdout.take().expect("stdout is piped"));
    let stderr = read_in_background(child.stderr.take().expect("stderr is piped"));
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        // A program that exits without reading makes this fail with EPIPE; that is its business.
        let _ = pipe.write_all(bytes);
        // Dropping the pipe here closes it: the program sees end of input after the text.
    }
    let exit = wait_with_timeout(&mut child, timeout)?;
    Ok(Outcome {
        stdout: stdout.join().expect("reader thread"),
        stderr: stderr.join().expect("reader thread"),
        exit,
    })
}

fn read_in_background(mut pipe: impl Read + Send + 'static) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        bytes
    })
}

/// Polls the child with growing sleeps, so no clock is read and a quick program costs ~1 ms of waiting.
fn wait_with_timeout(child: &mut Child, timeout: Duration) -> std::io::Result<Exit> {
    let mut waited = Duration::ZERO;
    let mut pause = Duration::from_millis(1);
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(status.code().map_or(Exit::Signalled, Exit::Code));
        }
        if waited >= timeout {
            child.kill()?;
            child.wait()?;
            return Ok(Exit::TimedOut);
        }
        thread::sleep(pause);
        waited += pause;
        pause = (pause * 2).min(Duration::from_millis(20));
    }
}

/// What is compared of a run: `ROOT/` cut from both streams, so absolute and relative script paths
/// compare equal, and stderr dropped when the corpus does not compare it.
fn comparable(outcome: Outcome, root: &Path, corpus: &Corpus) -> Outcome {
    let prefix = format!("{}/", root.to_string_lossy().trim_end_matches('/'));
    let cut = |bytes: Vec<u8>| replace_all(&bytes, prefix.as_bytes());
    let stderr = if corpus.compare_stderr { cut(outcome.stderr) } else { Vec::new() };
    Outcome { stdout: cut(outcome.stdout), stderr, exit: outcome.exit }
}

fn replace_all(haystack: &[u8], needle: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(haystack.len());
    let mut i = 0;
    while i < haystack.len() {
        if haystack[i..].starts_with(needle) {
            i += needle.len();
        } else {
            out.push(haystack[i]);
            i += 1;
        }
    }
    out
}

/// `None` when equal; otherwise a readable report: the exit line and a diff per differing stream.
fn describe_difference(expected: &Outcome, actual: &Outcome) -> Option<String> {
    if expected == actual {
        return None;
    }
    let mut report = String::new();
    if expected.exit != actual.exit {
        let _ = writeln!(report, "  exit: expected {}, got {}", expected.exit, actual.exit);
    }
    for (stream, want, got) in
        [("stdout", &expected.stdout, &actual.stdout), ("stderr", &expected.stderr, &actual.stderr)]
    {
        if want != got {
            let _ = writeln!(report, "  {stream} (- expected, + actual):");
            report.push_str(&line_diff(&String::from_utf8_lossy(want), &String::from_utf8_lossy(got)));
        }
    }
    Some(report.trim_end().to_string())
}

/// A line diff from the longest common subsequence, with two lines of context around changes.
fn line_diff(expected: &str, actual: &str) -> String {
    let want: Vec<&str> = expected.split_inclusive('\n').collect();
    let got: Vec<&str> = actual.split_inclusive('\n').collect();
    // lcs[i][j]: the longest common subsequence of want[i..] and got[j..].
    let mut lcs = vec![vec![0u32; got.len() + 1]; want.len() + 1];
    for i in (0..want.len()).rev() {
        for j in (0..got.len()).rev() {
            lcs[i][j] =
                if want[i] == got[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let mut ops: Vec<(char, &str)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < want.len() || j < got.len() {
        if i < want.len() && j < got.len() && want[i] == got[j] {
            ops.push((' ', want[i]));
            (i, j) = (i + 1, j + 1);
        } else if j < got.len() && (i == want.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            ops.push(('+', got[j]));
            j += 1;
        } else {
            ops.push(('-', want[i]));
            i += 1;
        }
    }
    let near_change =
        |k: usize| ops[k.saturating_sub(2)..(k + 3).min(ops.len())].iter().any(|(t, _)| *t != ' ');
    let mut out = String::new();
    let mut shown = 0;
    let mut skipping = false;
    for (k, (tag, line)) in ops.iter().enumerate() {
        if !near_change(k) {
            if !skipping {
                out.push_str("    …\n");
                skipping = true;
            }
            continue;
        }
        skipping = false;
        if shown == MAX_DIFF_LINES {
            let _ = writeln!(out, "    … ({} more diff lines)", ops.len() - k);
            break;
        }
        shown += 1;
        let text = line.strip_suffix('\n').map_or_else(|| format!("{line}⏎(no newline)"), str::to_string);
        let _ = writeln!(out, "  {tag} {text}");
    }
    out
}

/// `EXPECTED_FAILURES`: leading `#` comment lines, then `name  # why` per line.
struct ExpectedFailures {
    header: Vec<String>,
    entries: BTreeMap<String, String>,
}

impl ExpectedFailures {
    /// A missing file is an empty list: then every program must pass.
    fn load(path: &Path) -> ExpectedFailures {
        ExpectedFailures::parse(&std::fs::read_to_string(path).unwrap_or_default())
    }

    fn parse(text: &str) -> ExpectedFailures {
        let mut header = Vec::new();
        let mut entries = BTreeMap::new();
        for line in text.lines() {
            let trimmed = line.trim();
            if trimmed.starts_with('#') && entries.is_empty() {
                header.push(line.to_string());
            } else if !trimmed.is_empty() && !trimmed.starts_with('#') {
                let (name, why) = trimmed.split_once('#').unwrap_or((trimmed, ""));
                entries.insert(name.trim().to_string(), why.trim().to_string());
            }
        }
        ExpectedFailures { header, entries }
    }

    /// Where the list and the results disagree: an unlisted program that differs, a listed one that
    /// passes, a listed name with no program.
    fn disagreements(&self, dir: &str, programs: &[Program], results: &[ProgramResult]) -> Vec<String> {
        let mut problems: Vec<String> = self
            .entries
            .keys()
            .filter(|name| !programs.iter().any(|p| &&p.name == name))
            .map(|name| format!("{name}: listed in {dir}/EXPECTED_FAILURES but there is no such program"))
            .collect();
        for (program, result) in programs.iter().zip(results) {
            match (&result.ioplay_difference, self.entries.contains_key(&program.name)) {
                (Some(difference), false) => {
                    problems.push(format!("{}: ioplay differs from CPython\n{difference}", program.name))
                }
                (None, true) => problems
                    .push(format!("{}: passes now, remove it from {dir}/EXPECTED_FAILURES", program.name)),
                _ => {}
            }
        }
        problems
    }

    /// Lists exactly the programs that fail now, keeping each old reason and giving new ones a summary.
    fn rewrite(&self, path: &Path, programs: &[Program], results: &[ProgramResult]) {
        let mut text: String = self.header.iter().map(|line| format!("{line}\n")).collect();
        for (program, result) in programs.iter().zip(results) {
            let Some(difference) = &result.ioplay_difference else {
                continue;
            };
            let why = match self.entries.get(&program.name) {
                Some(why) if !why.is_empty() => why.clone(),
                _ => summarise(difference),
            };
            let _ = writeln!(text, "{}  # {why}", program.name);
        }
        std::fs::write(path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }
}

/// A one-line reason from a difference report: which of exit, stdout and stderr differ.
fn summarise(difference: &str) -> String {
    let parts: Vec<&str> = ["exit", "stdout", "stderr"]
        .into_iter()
        .filter(|part| difference.lines().any(|l| l.trim_start().starts_with(part)))
        .collect();
    format!("differs in {}", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expected_failures_keep_the_header_names_and_reasons() {
        let list = ExpectedFailures::parse("# header\n# more\n\n001_a  # why a\n002_b\n# aside\n");
        assert_eq!(list.header, vec!["# header", "# more"]);
        assert_eq!(list.entries.get("001_a").map(String::as_str), Some("why a"));
        assert_eq!(list.entries.get("002_b").map(String::as_str), Some(""));
        assert_eq!(list.entries.len(), 2);
    }

    #[test]
    fn a_run_past_its_timeout_is_killed() {
        let mut sleeper = Command::new("sleep");
        sleeper.arg("10");
        let outcome = run_with_timeout(sleeper, None, Duration::from_millis(50)).expect("sleep starts");
        assert_eq!(outcome.exit, Exit::TimedOut);
    }

    #[test]
    fn stdin_is_fed_and_both_streams_and_the_status_are_captured() {
        let mut shell = Command::new("sh");
        shell.args(["-c", "read line; echo \"out:$line\"; echo err >&2; exit 3"]);
        let outcome = run_with_timeout(shell, Some(b"fed\n"), Duration::from_secs(10)).expect("sh starts");
        assert_eq!(
            outcome,
            Outcome { stdout: b"out:fed\n".to_vec(), stderr: b"err\n".to_vec(), exit: Exit::Code(3) }
        );
    }

    #[test]
    fn a_difference_names_the_exit_and_each_differing_stream() {
        let want = Outcome { stdout: b"a\n".to_vec(), stderr: Vec::new(), exit: Exit::Code(0) };
        let got = Outcome { stdout: b"b\n".to_vec(), stderr: Vec::new(), exit: Exit::Code(1) };
        let report = describe_difference(&want, &got).expect("they differ");
        assert!(
            report.contains("exit: expected status 0, got status 1") && report.contains("stdout"),
            "{report}"
        );
        assert!(!report.contains("stderr"), "{report}");
        assert_eq!(summarise(&report), "differs in exit, stdout");
        assert_eq!(describe_difference(&want, &want), None);
    }

    #[test]
    fn program_names_are_three_digits_and_a_topic() {
        assert!(is_program_name("001_lex_indentation"));
        assert!(!is_program_name("regen"));
        assert!(!is_program_name("01_short"));
        assert!(!is_program_name("001_Upper"));
    }

    #[test]
    fn third_party_imports_are_found_in_both_import_forms() {
        let source = "import sys\nfrom greenlet import greenlet\nimport gevent.monkey\n";
        assert_eq!(third_party_imports(source), vec!["greenlet", "gevent"]);
        assert!(third_party_imports("import greenletish\n").is_empty());
    }

    #[test]
    fn line_diff_marks_removed_and_added_lines() {
        let diff = line_diff("a\nb\nc\n", "a\nB\nc\n");
        assert!(diff.contains("  - b\n") && diff.contains("  + B\n"), "{diff}");
    }

    #[test]
    fn the_root_prefix_is_cut_everywhere() {
        assert_eq!(replace_all(b"File \"/r/x.py\" /r/y", b"/r/"), b"File \"x.py\" y".to_vec());
    }
}
