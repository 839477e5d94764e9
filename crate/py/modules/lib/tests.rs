//! The library's own rules, checked on its sources: every file is embedded, imports stay inside the library
//! and the VM's native modules, the `_ioplay` calls are all in the contract and in the CPython shim, and
//! the sources keep to the subset.

use super::{find, Source, IOPLAY_CONTRACT, NATIVE_IMPORTS, SOURCES};
use std::path::{Path, PathBuf};

fn library_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("crate/py/modules/lib")
}

fn python_files(dir: &Path, prefix: &str, found: &mut Vec<String>) {
    let mut entries: Vec<_> =
        std::fs::read_dir(dir).expect("library dir").map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        if path.is_dir() {
            python_files(&path, &format!("{prefix}{name}/"), found);
        } else if name.ends_with(".py") {
            found.push(format!("{prefix}{name}"));
        }
    }
}

/// The source's lines of code: without comments, and without the lines of triple-quoted strings (prose).
fn code_lines(source: &Source) -> Vec<&'static str> {
    let mut lines = Vec::new();
    let mut in_string = false;
    for line in source.text.lines() {
        let quotes = line.matches("\"\"\"").count() + line.matches("'''").count();
        let was_in_string = in_string;
        if quotes % 2 == 1 {
            in_string = !in_string;
        }
        if was_in_string || quotes > 0 {
            continue;
        }
        let code = line.split('#').next().unwrap_or("");
        if !code.trim().is_empty() {
            lines.push(code);
        }
    }
    lines
}

/// Modules named by `import a.b` / `from a.b import c` statements.
fn imported_modules(source: &Source) -> Vec<String> {
    let mut modules = Vec::new();
    for line in code_lines(source) {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("import ") {
            for item in rest.split(',') {
                modules.push(item.split_whitespace().next().unwrap_or("").to_string());
            }
        } else if let Some(rest) = line.strip_prefix("from ") {
            modules.push(rest.split_whitespace().next().unwrap_or("").to_string());
        }
    }
    modules
}

/// Names called as `_ioplay.name(`.
fn ioplay_calls(text: &str) -> Vec<String> {
    let mut calls = Vec::new();
    for (index, _) in text.match_indices("_ioplay.") {
        let rest = &text[index + "_ioplay.".len()..];
        let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        if rest[name.len()..].starts_with('(') && !calls.contains(&name) {
            calls.push(name);
        }
    }
    calls.sort();
    calls
}

#[test]
fn every_python_file_of_the_directory_is_embedded_once() {
    let mut on_disk = Vec::new();
    python_files(&library_dir(), "", &mut on_disk);
    let mut embedded: Vec<String> = SOURCES.iter().map(|s| s.path.to_string()).collect();
    embedded.sort();
    assert_eq!(on_disk, embedded);
    for source in SOURCES {
        // `std/` holds top-level modules (CPython's own, rewritten), not a package.
        let path = source.path.strip_prefix("std/").unwrap_or(source.path);
        let expected = path.trim_end_matches(".py").trim_end_matches("/__init__").replace('/', ".");
        assert_eq!(source.module, expected, "{}", source.path);
        assert_eq!(source.is_package, source.path.ends_with("__init__.py"), "{}", source.path);
    }
}

#[test]
fn sources_are_sorted_so_find_can_binary_search() {
    for pair in SOURCES.windows(2) {
        assert!(pair[0].module < pair[1].module, "{} before {}", pair[0].module, pair[1].module);
    }
    assert!(find("gevent").unwrap().is_package);
    assert!(find("gevent.hub").unwrap().text.contains("_ioplay.epoll_wait(self.epfd, MAX_EVENTS"));
    assert_eq!(find("socket").unwrap().path, "socket.py");
    assert_eq!(find("asyncio"), None);
}

#[test]
fn imports_stay_inside_the_library_and_the_native_modules() {
    for source in SOURCES {
        for module in imported_modules(source) {
            let known = find(&module).is_some() || NATIVE_IMPORTS.contains(&module.as_str());
            assert!(known, "{} imports {module}, which is neither ours nor native", source.path);
        }
    }
}

#[test]
fn every_ioplay_call_is_in_the_contract_and_in_the_cpython_shim() {
    let shim_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pylib/_ioplay.py");
    let shim = std::fs::read_to_string(shim_path).expect("tests/pylib/_ioplay.py");
    let mut used = Vec::new();
    for source in SOURCES {
        for name in ioplay_calls(source.text) {
            if !used.contains(&name) {
                used.push(name);
            }
        }
    }
    assert!(used.len() > 25, "the libraries use {} _ioplay calls", used.len());
    for name in used {
        assert!(IOPLAY_CONTRACT.contains(&format!("`{name}(")), "_ioplay.{name} is not in _ioplay.md");
        assert!(shim.contains(&format!("\ndef {name}(")), "_ioplay.{name} is not in the CPython shim");
    }
}

#[test]
fn sources_keep_to_the_python_subset() {
    let forbidden = [
        "async def",
        "await ",
        ":=",
        "__slots__",
        "__getattr__",
        "__getattribute__",
        "__del__",
        "metaclass",
        "weakref",
        "threading",
        "exec(",
        "eval(",
    ];
    for source in SOURCES {
        for line in code_lines(source) {
            for construct in forbidden {
                assert!(!line.contains(construct), "{}: `{construct}` in {line:?}", source.path);
            }
            assert!(!line.trim_start().starts_with("match "), "{}: match statement", source.path);
        }
    }
}
