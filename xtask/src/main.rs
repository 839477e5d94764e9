//! `cargo xtask`: the project's two commands, and benches.
//!
//! - `cargo xtask serve`: install what is missing, build, serve the playground on http://127.0.0.1:8080.
//! - `cargo xtask test`: install what is missing, then fmt, clippy, native tests, wasm tests in Chromium,
//!   the release build and browser end-to-end tests, with a summary; non-zero exit on any failure.
//! - `cargo xtask bench NAME`: `cargo bench --bench NAME`.
//!
//! Std-only on purpose: it must build before anything else is installed.

// The xtask times real builds and installs; the workspace's ban on clock reads is for the core.
#![allow(clippy::disallowed_methods)]

mod project;
mod shell;
mod stages;
mod tools;

use project::Project;
use shell::Failure;
use std::process::{Command, ExitCode};
use std::time::Instant;

const USAGE: &str = "\
usage: cargo xtask <command>

  serve        install what is missing, build, and serve the playground on http://127.0.0.1:8080
  test         install what is missing, then run every check (what CI runs)
  bench NAME   run the benchmark benches/NAME.rs (cargo bench --bench NAME)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let project = Project::locate();
    project.set_child_environment();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["serve"] => serve(&project),
        ["test"] => test(&project),
        ["bench", name] => bench(&project, name),
        ["help" | "-h" | "--help"] => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Stop::Failed(failure)) => {
            eprint!("{failure}");
            ExitCode::FAILURE
        }
        Err(Stop::StagesFailed) => ExitCode::FAILURE,
    }
}

/// Why a command stopped early.
enum Stop {
    /// A step failed; its command and output tail say why.
    Failed(Failure),
    /// Some test stages failed; the summary has already said which.
    StagesFailed,
}

impl From<Failure> for Stop {
    fn from(failure: Failure) -> Stop {
        Stop::Failed(failure)
    }
}

fn serve(project: &Project) -> Result<(), Stop> {
    println!("ioplay: checking tools");
    tools::ensure(project, &tools::for_serve())?;
    println!("ioplay: fetching crates (Trunk builds offline)");
    shell::run_logged(
        Command::new("cargo").arg("fetch").current_dir(&project.root),
        &project.log_path("fetch"),
    )?;
    println!("ioplay: building and serving on http://127.0.0.1:8080 (Ctrl-C stops; edits rebuild)");
    shell::run_attached(Command::new("trunk").args(["serve", "--release"]).current_dir(&project.root))?;
    Ok(())
}

fn test(project: &Project) -> Result<(), Stop> {
    let started = Instant::now();
    println!("ioplay: checking tools");
    tools::ensure(project, &tools::for_test())?;
    let setup_seconds = started.elapsed().as_secs_f64();
    println!("ioplay: running the checks (full logs in target/xtask/)");
    let results = stages::run_all(project);
    stages::print_summary(&results, setup_seconds);
    if results.iter().all(|r| matches!(r.outcome, stages::Outcome::Passed(_))) {
        Ok(())
    } else {
        Err(Stop::StagesFailed)
    }
}

fn bench(project: &Project, name: &str) -> Result<(), Stop> {
    shell::run_attached(Command::new("cargo").args(["bench", "--bench", name]).current_dir(&project.root))?;
    Ok(())
}
