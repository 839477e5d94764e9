//! The stages of `cargo xtask test`: each one a command, a one-line result with its time, and a summary.

use crate::project::Project;
use crate::shell::{self, Failure};
use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// What a stage came to.
pub enum Outcome {
    /// Passed, with an optional note (e.g. the wasm size).
    Passed(String),
    Failed(Failure),
    /// Not run because a stage it needs failed.
    Skipped(&'static str),
}

pub struct StageResult {
    pub name: &'static str,
    pub outcome: Outcome,
    pub seconds: f64,
}

/// A stage: a name and what it runs. `needs` names an earlier stage whose output it uses.
struct Stage {
    name: &'static str,
    needs: Option<&'static str>,
    run: fn(&Project, &Path) -> Result<String, Failure>,
}

const STAGES: &[Stage] = &[
    Stage {
        name: "fmt",
        needs: None,
        run: |p, log| quiet(p, log, cargo(&["fmt", "--all", "--check", "--", "--color", "never"])),
    },
    Stage {
        name: "clippy",
        needs: None,
        run: |p, log| {
            quiet(p, log, cargo(&["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]))
        },
    },
    Stage {
        // The web layer only compiles for wasm32, so host clippy never sees it.
        name: "clippy (wasm)",
        needs: None,
        run: |p, log| {
            let args = ["clippy", "--target", "wasm32-unknown-unknown", "--no-default-features"];
            quiet(p, log, cargo(&[&args[..], &["--lib", "--test", "wasm", "--", "-D", "warnings"]].concat()))
        },
    },
    Stage {
        name: "native tests",
        needs: None,
        run: |p, log| {
            let mut cmd = cargo(&["test", "--workspace"]);
            cmd.env("IOPLAY_PYTHON", p.oracle_python());
            quiet(p, log, cmd)?;
            Ok(count_cargo_tests(log))
        },
    },
    Stage {
        // Only tests/wasm.rs: the other integration tests use threads and proptest and are native-only.
        name: "wasm tests (Chromium)",
        needs: None,
        run: |p, log| {
            let args =
                ["test", "--target", "wasm32-unknown-unknown", "--no-default-features", "--test", "wasm"];
            quiet(p, log, cargo(&args))?;
            Ok(count_cargo_tests(log))
        },
    },
    Stage {
        name: "trunk build --release",
        needs: None,
        run: |p, log| {
            quiet(p, log, cargo(&["fetch"]))?;
            quiet(p, log, trunk_build())?;
            Ok(wasm_size_note(&p.root.join("dist")))
        },
    },
    Stage {
        name: "browser e2e",
        needs: Some("trunk build --release"),
        run: |p, log| {
            let mut cmd = Command::new("node");
            cmd.args(["--test", "--test-reporter=spec", "tests/e2e/"])
                .env("IOPLAY_DIST", p.root.join("dist"))
                .env("IOPLAY_CHROMIUM", crate::tools::CHROMIUM)
                .env("IOPLAY_ARTIFACTS", p.root.join("target/e2e"));
            quiet(p, log, cmd)?;
            Ok(format!("screenshots in target/e2e/; {}", count_node_tests(log)))
        },
    },
];

/// Runs every stage (skipping those whose input failed), printing a line per stage as it ends.
pub fn run_all(project: &Project) -> Vec<StageResult> {
    let mut results: Vec<StageResult> = Vec::new();
    for stage in STAGES {
        print!("  {:<24}", stage.name);
        let _ = std::io::stdout().flush();
        let needed_failed = stage.needs.is_some_and(|needed| {
            results.iter().any(|r| r.name == needed && !matches!(r.outcome, Outcome::Passed(_)))
        });
        let started = Instant::now();
        let outcome = if needed_failed {
            Outcome::Skipped("an earlier stage it needs failed")
        } else {
            let log = project.log_path(&format!("stage-{}", slug(stage.name)));
            let _ = std::fs::remove_file(&log);
            match (stage.run)(project, &log) {
                Ok(note) => Outcome::Passed(note),
                Err(failure) => Outcome::Failed(failure),
            }
        };
        let result = StageResult { name: stage.name, outcome, seconds: started.elapsed().as_secs_f64() };
        println!("{}", result_line(&result));
        if let Outcome::Failed(failure) = &result.outcome {
            print!("{failure}");
        }
        results.push(result);
    }
    results
}

/// `✓   12.3 s  note` — the part of a stage's line after its name.
fn result_line(result: &StageResult) -> String {
    match &result.outcome {
        Outcome::Passed(note) if note.is_empty() => format!("✓ {:>7.1} s", result.seconds),
        Outcome::Passed(note) => format!("✓ {:>7.1} s   {note}", result.seconds),
        Outcome::Failed(_) => format!("✗ {:>7.1} s", result.seconds),
        Outcome::Skipped(why) => format!("– skipped   ({why})"),
    }
}

/// The closing table, and the counting line CI reads.
pub fn print_summary(results: &[StageResult], setup_seconds: f64) {
    let passed = results.iter().filter(|r| matches!(r.outcome, Outcome::Passed(_))).count();
    let failed = results.iter().filter(|r| matches!(r.outcome, Outcome::Failed(_))).count();
    let skipped = results.len() - passed - failed;
    let total: f64 = setup_seconds + results.iter().map(|r| r.seconds).sum::<f64>();
    println!();
    println!("  ┌──────────────────────────┬────────┬──────────┐");
    println!("  │ {:<24} │ {:<6} │ {:>8} │", "stage", "result", "time");
    println!("  ├──────────────────────────┼────────┼──────────┤");
    println!("  │ {:<24} │ {:<6} │ {:>6.1} s │", "tools", "ready", setup_seconds);
    for r in results {
        let word = match r.outcome {
            Outcome::Passed(_) => "✓ pass",
            Outcome::Failed(_) => "✗ FAIL",
            Outcome::Skipped(_) => "– skip",
        };
        println!("  │ {:<24} │ {:<6} │ {:>6.1} s │", r.name, word, r.seconds);
    }
    println!("  ├──────────────────────────┼────────┼──────────┤");
    println!("  │ {:<24} │ {:<6} │ {:>6.1} s │", "total", "", total);
    println!("  └──────────────────────────┴────────┴──────────┘");
    // The output tails were shown as each stage ended; here only what to rerun and where the log is.
    for r in results {
        if let Outcome::Failed(failure) = &r.outcome {
            println!("  ✗ {}: {}", r.name, failure.command);
            if let Some(log) = &failure.log {
                println!("    log: {}", log.display());
            }
        }
    }
    if skipped > 0 {
        println!("stages: {passed} passed, {failed} failed, {skipped} skipped");
    } else {
        println!("stages: {passed} passed, {failed} failed");
    }
}

fn cargo(args: &[&str]) -> Command {
    let mut cmd = Command::new("cargo");
    cmd.args(args);
    cmd
}

/// `trunk build --release`: offline, with the pinned wasm-bindgen and wasm-opt from `Trunk.toml`.
fn trunk_build() -> Command {
    let mut cmd = Command::new("trunk");
    cmd.args(["build", "--release"]);
    cmd
}

fn quiet(project: &Project, log: &Path, mut cmd: Command) -> Result<String, Failure> {
    cmd.current_dir(&project.root);
    shell::run_logged(&mut cmd, log).map(|()| String::new())
}

/// "N tests" summed over cargo's `test result: ok. N passed;` lines.
fn count_cargo_tests(log: &Path) -> String {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let passed: u32 = text
        .lines()
        .filter_map(|line| line.trim().strip_prefix("test result: ok. "))
        .filter_map(|rest| rest.split(' ').next()?.parse::<u32>().ok())
        .sum();
    format!("{passed} tests passed")
}

/// node's spec reporter ends with `ℹ pass N`.
fn count_node_tests(log: &Path) -> String {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let passed = text.lines().rev().find_map(|line| line.trim().strip_prefix("ℹ pass ")).unwrap_or("?");
    format!("{passed} tests passed")
}

/// "wasm 123 KB raw, 45 KB gzip" for the release bundle in `dist/`.
fn wasm_size_note(dist: &Path) -> String {
    let Some(wasm) = std::fs::read_dir(dist)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .find(|path| path.extension().is_some_and(|ext| ext == "wasm"))
    else {
        return "no .wasm in dist/".into();
    };
    let raw = std::fs::metadata(&wasm).map(|m| m.len()).unwrap_or(0);
    let gzip =
        shell::output_bytes(Command::new("gzip").args(["-9", "-c"]).arg(&wasm)).map(|b| b.len() as u64);
    match gzip {
        Some(gzip) => format!("wasm {} KB raw, {} KB gzip", raw / 1024, gzip / 1024),
        None => format!("wasm {} KB raw", raw / 1024),
    }
}

fn slug(name: &str) -> String {
    name.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn log_with(name: &str, text: &str) -> std::path::PathBuf {
        let path = std::env::temp_dir().join(format!("xtask-stages-{name}-{}.log", std::process::id()));
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn cargo_test_counts_are_summed() {
        let log = log_with(
            "cargo",
            "running 3 tests\ntest result: ok. 3 passed; 0 failed; 0 ignored\n\
             test result: ok. 0 passed; 0 failed\n   test result: ok. 12 passed; 0 failed\n",
        );
        assert_eq!(count_cargo_tests(&log), "15 tests passed");
        std::fs::remove_file(log).unwrap();
    }

    #[test]
    fn node_test_count_is_the_last_pass_line() {
        let log = log_with("node", "✔ lists every program\nℹ tests 4\nℹ pass 4\nℹ fail 0\n");
        assert_eq!(count_node_tests(&log), "4 tests passed");
        std::fs::remove_file(log).unwrap();
    }

    #[test]
    fn stage_names_are_unique_and_needs_point_backwards() {
        for (i, stage) in STAGES.iter().enumerate() {
            assert!(STAGES[..i].iter().all(|s| s.name != stage.name), "{} twice", stage.name);
            if let Some(needed) = stage.needs {
                assert!(STAGES[..i].iter().any(|s| s.name == needed), "{} needs a later stage", stage.name);
            }
        }
    }

    #[test]
    fn result_lines() {
        let passed = StageResult { name: "fmt", outcome: Outcome::Passed(String::new()), seconds: 0.42 };
        assert_eq!(result_line(&passed), "✓     0.4 s");
        let skipped = StageResult { name: "e2e", outcome: Outcome::Skipped("build failed"), seconds: 0.0 };
        assert_eq!(result_line(&skipped), "– skipped   (build failed)");
    }
}
