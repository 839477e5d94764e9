//! Where the project is, where logs go, and the environment every child process gets.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

pub struct Project {
    /// The workspace root (the folder holding `Trunk.toml`).
    pub root: PathBuf,
}

impl Project {
    /// The workspace this xtask belongs to: cargo tells a running package its manifest directory.
    pub fn locate() -> Project {
        let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
        let root = manifest_dir.parent().map(Path::to_path_buf).unwrap_or(manifest_dir);
        Project { root }
    }

    /// `target/xtask/<name>.log`: every quiet command's full output.
    pub fn log_path(&self, name: &str) -> PathBuf {
        self.root.join("target/xtask").join(format!("{name}.log"))
    }

    /// The environment for everything the xtask starts. Set once, before any child runs.
    ///
    /// - the project-local npm tools (wasm-opt) and cargo's install folder (trunk, wasm-bindgen) on PATH,
    ///   ahead of the system's, so Debian's old wasm-opt is never picked up;
    /// - Trunk's update check off (its host is unreachable here);
    /// - the wasm test runner pointed at Debian's chromedriver.
    pub fn set_child_environment(&self) {
        let mut dirs = vec![self.root.join("node_modules/.bin")];
        if let Some(cargo_bin) = cargo_bin_dir() {
            dirs.push(cargo_bin);
        }
        let old = std::env::var_os("PATH").unwrap_or_default();
        dirs.extend(std::env::split_paths(&old));
        let path: OsString = std::env::join_paths(dirs).expect("PATH entries never contain ':'");
        std::env::set_var("PATH", path);
        std::env::set_var("TRUNK_SKIP_VERSION_CHECK", "true");
        std::env::set_var("CHROMEDRIVER", crate::tools::CHROMEDRIVER);
    }

    /// The CPython oracle (the venv's python), exported to tests as `IOPLAY_PYTHON`.
    pub fn oracle_python(&self) -> PathBuf {
        self.root.join(".venv/bin/python")
    }
}

/// `$CARGO_HOME/bin`, where `cargo install` puts binaries.
fn cargo_bin_dir() -> Option<PathBuf> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))?;
    Some(home.join("bin"))
}
