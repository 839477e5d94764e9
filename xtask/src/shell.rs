//! Running external commands: quietly into a log file, with the failing command and the log's tail on error.

use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// How many lines of a failed command's log are shown.
const TAIL_LINES: usize = 40;

/// A command that did not succeed: what was run, where its output went, and the end of that output.
#[derive(Debug)]
pub struct Failure {
    pub command: String,
    pub log: Option<PathBuf>,
    pub tail: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "    command: {}", self.command)?;
        if let Some(log) = &self.log {
            writeln!(f, "    full log: {}", log.display())?;
        }
        if !self.tail.is_empty() {
            writeln!(f, "    ── last lines ──")?;
            for line in self.tail.lines() {
                writeln!(f, "    │ {line}")?;
            }
        }
        Ok(())
    }
}

/// `program args…` as a person would type it, for messages.
pub fn describe(cmd: &Command) -> String {
    let mut text = String::new();
    for (key, value) in cmd.get_envs() {
        if let Some(value) = value {
            text.push_str(&format!("{}={} ", key.to_string_lossy(), value.to_string_lossy()));
        }
    }
    text.push_str(&cmd.get_program().to_string_lossy());
    for arg in cmd.get_args() {
        let arg = arg.to_string_lossy();
        if arg.contains(' ') {
            text.push_str(&format!(" '{arg}'"));
        } else {
            text.push(' ');
            text.push_str(&arg);
        }
    }
    if let Some(dir) = cmd.get_current_dir() {
        text = format!("(cd {} && {text})", dir.display());
    }
    text
}

/// Runs `cmd` with stdout and stderr appended to `log`; on failure returns the log's tail.
pub fn run_logged(cmd: &mut Command, log: &Path) -> Result<(), Failure> {
    let command = describe(cmd);
    let failure = |tail: String| Failure { command: command.clone(), log: Some(log.to_path_buf()), tail };
    if let Some(dir) = log.parent() {
        std::fs::create_dir_all(dir).map_err(|e| failure(format!("cannot create {}: {e}", dir.display())))?;
    }
    let out = File::options()
        .create(true)
        .append(true)
        .open(log)
        .map_err(|e| failure(format!("cannot open {}: {e}", log.display())))?;
    let err = out.try_clone().map_err(|e| failure(e.to_string()))?;
    // Plain text in logs: their tails are printed, and escape codes would garble them.
    // ("true", not "1": Trunk parses NO_COLOR as a boolean.)
    cmd.env("CARGO_TERM_COLOR", "never").env("NO_COLOR", "true");
    let status = cmd.stdin(Stdio::null()).stdout(out).stderr(err).status();
    match status {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => Err(failure(format!("{}\n(exited with {status})", tail_of(log)))),
        Err(e) => Err(failure(format!("could not start: {e}"))),
    }
}

/// Runs `cmd` with the terminal attached (for `serve` and `bench`); Err if it could not start or failed.
pub fn run_attached(cmd: &mut Command) -> Result<(), Failure> {
    match cmd.status() {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => {
            Err(Failure { command: describe(cmd), log: None, tail: format!("exited with {status}") })
        }
        Err(e) => Err(Failure { command: describe(cmd), log: None, tail: format!("could not start: {e}") }),
    }
}

/// Runs `cmd` and returns its stdout and stderr as text, or None if it could not run or failed.
pub fn output_of(cmd: &mut Command) -> Option<String> {
    let out = cmd.stdin(Stdio::null()).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    Some(text)
}

/// Runs `cmd` and returns its raw stdout, or None if it could not run or failed.
pub fn output_bytes(cmd: &mut Command) -> Option<Vec<u8>> {
    let out = cmd.stdin(Stdio::null()).stderr(Stdio::null()).output().ok()?;
    out.status.success().then_some(out.stdout)
}

/// The last [`TAIL_LINES`] lines of a log file.
pub fn tail_of(log: &Path) -> String {
    let mut bytes = Vec::new();
    if File::open(log).and_then(|mut f| f.read_to_end(&mut bytes)).is_err() {
        return String::new();
    }
    let text = String::from_utf8_lossy(&bytes);
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(TAIL_LINES)..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describe_shows_env_quotes_and_dir() {
        let mut cmd = Command::new("cargo");
        cmd.args(["clippy", "--", "-D warnings"]).env("CI", "true").current_dir("/tmp");
        assert_eq!(describe(&cmd), "(cd /tmp && CI=true cargo clippy -- '-D warnings')");
    }

    #[test]
    fn run_logged_reports_the_tail_of_a_failure() {
        let log = std::env::temp_dir().join(format!("xtask-shell-test-{}.log", std::process::id()));
        let _ = std::fs::remove_file(&log);
        let result = run_logged(Command::new("sh").args(["-c", "echo first; echo last >&2; exit 3"]), &log);
        let failure = result.expect_err("exit 3 is a failure");
        assert!(failure.tail.contains("first\nlast"), "{}", failure.tail);
        assert!(failure.tail.contains("exit status: 3"), "{}", failure.tail);
        assert!(run_logged(Command::new("true").arg("ok"), &log).is_ok());
        std::fs::remove_file(&log).unwrap();
    }

    #[test]
    fn a_missing_program_is_a_failure_not_a_panic() {
        let log = std::env::temp_dir().join(format!("xtask-shell-missing-{}.log", std::process::id()));
        let failure = run_logged(&mut Command::new("no-such-program-ioplay"), &log).expect_err("missing");
        assert!(failure.tail.starts_with("could not start"), "{}", failure.tail);
        assert_eq!(output_of(&mut Command::new("no-such-program-ioplay")), None);
        let _ = std::fs::remove_file(&log);
    }
}
