//! The tools the two commands need: how to tell each is installed at its pinned version, and how to install it.
//!
//! Every check is cheap and every install is skipped when the check passes, so a second run installs nothing.
//! Versions are pinned here and cross-checked against `Cargo.toml`, `Trunk.toml` and the npm manifests by tests.

use crate::project::Project;
use crate::shell::{self, Failure};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// Must equal the `wasm-bindgen = "=…"` pin in `Cargo.toml`: the CLI refuses other crate versions.
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";
/// Trunk 0.22 needs a newer rustc than 1.95.
pub const TRUNK_VERSION: &str = "0.21.14";
/// npm's binaryen major version; Debian's older wasm-opt corrupts wasm-bindgen 0.2.130 output.
pub const WASM_OPT_MAJOR: &str = "132";
pub const PLAYWRIGHT_CORE_VERSION: &str = "1.65.1";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CJK_FONT: &str = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
/// Where the CPython oracle's pins live (`name==version` lines).
pub const ORACLE_REQUIREMENTS: &str = "xtask/oracle-requirements.txt";

/// One thing to have on the machine.
pub struct Tool {
    /// What it is, with its version: "trunk 0.21.14".
    pub name: String,
    /// Why the project needs it, and how long installing takes when that is long.
    pub why: &'static str,
    present: fn(&Project) -> bool,
    install: fn(&Project) -> Vec<Command>,
}

/// What `cargo xtask serve` needs: a wasm build with Trunk.
pub fn for_serve() -> Vec<Tool> {
    vec![
        Tool {
            name: "wasm32-unknown-unknown target".into(),
            why: "compiles the crate to WebAssembly",
            present: |_| {
                shell::output_of(Command::new("rustup").args(["target", "list", "--installed"]))
                    .is_some_and(|out| out.lines().any(|line| line.trim() == "wasm32-unknown-unknown"))
            },
            install: |_| vec![command("rustup", &["target", "add", "wasm32-unknown-unknown"])],
        },
        Tool {
            name: format!("wasm-bindgen-cli {WASM_BINDGEN_VERSION}"),
            why: "generates the JS glue and runs wasm tests; compiles from source, ~5 min",
            present: |_| {
                reports_version("wasm-bindgen", WASM_BINDGEN_VERSION)
                    && reports_version("wasm-bindgen-test-runner", WASM_BINDGEN_VERSION)
            },
            // Without --locked: its lockfile pins a crate version the registry here lacks.
            install: |_| {
                vec![command("cargo", &["install", "wasm-bindgen-cli", "--version", WASM_BINDGEN_VERSION])]
            },
        },
        Tool {
            name: format!("trunk {TRUNK_VERSION}"),
            why: "builds, optimizes and serves the web bundle; compiles from source, ~8 min",
            present: |_| reports_version("trunk", TRUNK_VERSION),
            install: |_| {
                // Its release profile's LTO costs minutes and buys nothing for a build tool.
                let mut cmd = command("cargo", &["install", "trunk", "--version", TRUNK_VERSION, "--locked"]);
                cmd.env("CARGO_PROFILE_RELEASE_LTO", "false")
                    .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16");
                vec![cmd]
            },
        },
        Tool {
            name: format!("wasm-opt {WASM_OPT_MAJOR} (npm binaryen)"),
            why: "shrinks the release wasm; project-local in node_modules/",
            present: |project| {
                let wasm_opt = project.root.join("node_modules/.bin/wasm-opt");
                shell::output_of(Command::new(wasm_opt).arg("--version"))
                    .is_some_and(|out| out.contains(&format!("version {WASM_OPT_MAJOR}")))
            },
            install: |project| vec![npm_ci(&project.root)],
        },
    ]
}

/// What `cargo xtask test` needs on top of [`for_serve`]: a browser, its driver, the e2e library, the oracle.
pub fn for_test() -> Vec<Tool> {
    let mut tools = for_serve();
    tools.extend([
        Tool {
            name: "chromium, chromium-driver and a CJK font (Debian)".into(),
            why: "the headless browser for wasm and end-to-end tests; the font so Chinese shows in screenshots",
            present: |_| [CHROMIUM, CHROMEDRIVER, CJK_FONT].iter().all(|path| Path::new(path).exists()),
            install: |_| {
                vec![
                    apt_get(&["update"]),
                    apt_get(&["install", "-y", "chromium", "chromium-driver", "fonts-wqy-microhei"]),
                ]
            },
        },
        Tool {
            name: format!("playwright-core {PLAYWRIGHT_CORE_VERSION} (npm)"),
            why: "drives Chromium in tests/e2e; project-local in tests/e2e/node_modules/",
            present: |project| {
                let manifest = project
                    .root
                    .join("tests/e2e/node_modules/playwright-core/package.json");
                std::fs::read_to_string(manifest)
                    .is_ok_and(|text| text.contains(&format!("\"version\": \"{PLAYWRIGHT_CORE_VERSION}\"")))
            },
            install: |project| vec![npm_ci(&project.root.join("tests/e2e"))],
        },
        Tool {
            name: "CPython oracle venv (.venv: greenlet, gevent, eventlet)".into(),
            why: "real CPython to compare the playground's output with",
            present: |project| oracle_is_installed(project),
            install: |project| {
                let mut venv = command("python3", &["-m", "venv", ".venv"]);
                venv.current_dir(&project.root);
                let mut pip = command(
                    ".venv/bin/python",
                    &["-m", "pip", "install", "-r", ORACLE_REQUIREMENTS],
                );
                pip.current_dir(&project.root);
                vec![venv, pip]
            },
        },
    ]);
    tools
}

/// Checks each tool and installs the missing ones, saying what it does; stops at the first failed install.
pub fn ensure(project: &Project, tools: &[Tool]) -> Result<(), Failure> {
    for tool in tools {
        if (tool.present)(project) {
            println!("  ✓ {} (already installed)", tool.name);
            continue;
        }
        println!("  ⋯ installing {} ({}) …", tool.name, tool.why);
        let started = Instant::now();
        let log = project.log_path(&format!("install-{}", slug(&tool.name)));
        let _ = std::fs::remove_file(&log);
        for mut cmd in (tool.install)(project) {
            if let Err(failure) = shell::run_logged(&mut cmd, &log) {
                println!("  ✗ installing {} failed", tool.name);
                return Err(failure);
            }
        }
        if !(tool.present)(project) {
            println!("  ✗ {} still not found after installing", tool.name);
            return Err(Failure {
                command: format!("the check for {}", tool.name),
                log: Some(log.clone()),
                tail: shell::tail_of(&log),
            });
        }
        println!("  ✓ {} installed in {:.0} s", tool.name, started.elapsed().as_secs_f64());
    }
    Ok(())
}

/// The oracle's `name==version` pins, in file order.
pub fn oracle_pins(project: &Project) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(project.root.join(ORACLE_REQUIREMENTS)).unwrap_or_default();
    parse_pins(&text)
}

fn parse_pins(text: &str) -> Vec<(String, String)> {
    text.lines()
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter_map(|line| line.split_once("=="))
        .map(|(name, version)| (name.trim().to_string(), version.trim().to_string()))
        .collect()
}

fn oracle_is_installed(project: &Project) -> bool {
    let pins = oracle_pins(project);
    if pins.is_empty() {
        return false;
    }
    let names: Vec<&str> = pins.iter().map(|(name, _)| name.as_str()).collect();
    let script =
        format!("import importlib.metadata as m\nfor n in {names:?}: print(n + '==' + m.version(n))");
    let python = project.root.join(".venv/bin/python");
    shell::output_of(Command::new(python).args(["-c", &script])).is_some_and(|out| parse_pins(&out) == pins)
}

/// True when `program --version` runs and mentions `version`.
fn reports_version(program: &str, version: &str) -> bool {
    shell::output_of(Command::new(program).arg("--version")).is_some_and(|out| out.contains(version))
}

fn command(program: &str, args: &[&str]) -> Command {
    let mut cmd = Command::new(program);
    cmd.args(args);
    cmd
}

/// `npm ci` from the committed lockfile, so installs are reproducible.
fn npm_ci(dir: &Path) -> Command {
    let mut cmd = command("npm", &["ci", "--no-audit", "--no-fund"]);
    cmd.current_dir(dir);
    cmd
}

/// `apt-get ARGS`, never prompting (CI has no stdin), under `sudo` unless we are root.
fn apt_get(args: &[&str]) -> Command {
    let is_root = shell::output_of(Command::new("id").arg("-u")).is_some_and(|out| out.trim() == "0");
    let mut cmd = if is_root { command("env", &[]) } else { command("sudo", &["env"]) };
    cmd.args(["DEBIAN_FRONTEND=noninteractive", "apt-get"]).args(args);
    cmd
}

/// A file-name-safe version of a tool's name.
fn slug(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '.')
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    words.join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(path: &str) -> String {
        let root = Project::locate().root;
        std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn wasm_bindgen_pin_matches_cargo_toml_and_trunk_toml() {
        assert!(read("Cargo.toml").contains(&format!("wasm-bindgen = \"={WASM_BINDGEN_VERSION}\"")));
        assert!(read("Trunk.toml").contains(&format!("wasm_bindgen = \"{WASM_BINDGEN_VERSION}\"")));
    }

    #[test]
    fn wasm_opt_pin_matches_trunk_toml_and_package_json() {
        assert!(read("Trunk.toml").contains(&format!("wasm_opt = \"version_{WASM_OPT_MAJOR}\"")));
        assert!(read("package.json").contains(&format!("\"binaryen\": \"{WASM_OPT_MAJOR}.0.0\"")));
    }

    #[test]
    fn playwright_pin_matches_the_e2e_package_json() {
        let manifest = read("tests/e2e/package.json");
        assert!(manifest.contains(&format!("\"playwright-core\": \"{PLAYWRIGHT_CORE_VERSION}\"")));
    }

    #[test]
    fn oracle_pins_are_exact() {
        let pins = oracle_pins(&Project::locate());
        let names: Vec<&str> = pins.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["greenlet", "gevent", "eventlet"]);
        assert!(pins.iter().all(|(_, v)| v.split('.').all(|part| part.parse::<u32>().is_ok())));
    }

    #[test]
    fn parse_pins_skips_comments_and_unpinned_lines() {
        let text = "# the oracle\ngreenlet==3.5.6  # switch\nrequests\ngevent == 26.9.0\n";
        assert_eq!(
            parse_pins(text),
            [("greenlet".into(), "3.5.6".into()), ("gevent".into(), "26.9.0".into())]
        );
    }

    #[test]
    fn slugs_are_file_names() {
        assert_eq!(slug("wasm-opt 132 (npm binaryen)"), "wasm-opt-132-npm-binaryen");
        assert_eq!(slug("trunk 0.21.14"), "trunk-0.21.14");
    }
}
