//! The gallery: the lesson's programs and the worlds they run in.
//!
//! [`PROGRAMS`] lists every code block of the lesson, in the lesson's order, embedded unchanged
//! (`programs/` is a copy of `shared/seed/programs/`). [`CLIENTS`] are the programs ioplay adds so the
//! lesson's servers have someone to talk to (`clients/`). [`SCENARIOS`] are the built-in worlds
//! (`builtin/*.toml`, in the format of [`scenario`]), one or more per lesson program; [`web`] is the
//! simulated web server they can name.

pub mod scenario;
pub mod web;

pub use scenario::{Loader, Overrides, Scenario, ScenarioError};

/// One program of the gallery: its source as the lesson wrote it, and its title in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Program {
    /// Stable identifier: the file name without `.py`; used in URLs and by the UI's tests.
    pub id: &'static str,
    pub title_zh: &'static str,
    pub title_en: &'static str,
    pub source: &'static str,
}

impl Program {
    /// The file name the lesson's program is known by, e.g. `02_greenlet_switch.py`.
    pub fn file_name(&self) -> String {
        format!("{}.py", self.id)
    }
}

/// Embeds `programs/<id>.py` as a [`Program`], so an id can never drift from its file.
macro_rules! program {
    ($id:literal, $zh:literal, $en:literal) => {
        Program {
            id: $id,
            title_zh: $zh,
            title_en: $en,
            source: include_str!(concat!("programs/", $id, ".py")),
        }
    };
}

/// The lesson's programs, in the order the lesson teaches them.
pub const PROGRAMS: &[Program] = &[
    program!(
        "01_yield_producer_consumer",
        "yield 实现协程：生产者与消费者",
        "Coroutines with yield: producer and consumer"
    ),
    program!("02_greenlet_switch", "greenlet 手动切换", "Switching greenlets by hand"),
    program!("03_gevent_sleep", "gevent：spawn、joinall 与 sleep", "gevent: spawn, joinall and sleep"),
    program!(
        "04_gevent_monkey_urllib",
        "gevent 猴子补丁：并发抓取网页",
        "gevent monkey patching: fetching pages concurrently"
    ),
    program!("05_selectors_echo_server", "selectors 回显服务器（epoll）", "A selectors echo server (epoll)"),
    program!(
        "06_nonblocking_server",
        "非阻塞 IO：服务端轮询 accept",
        "Non-blocking IO: a server polling accept"
    ),
    program!("06_nonblocking_client", "非阻塞 IO：客户端", "Non-blocking IO: the client"),
    program!("07_select_chat_server", "select 聊天服务器（带 input）", "A select chat server (with input)"),
    program!("07_select_chat_client", "select 聊天客户端", "The select chat client"),
    program!(
        "07_select_chat_client.verbatim",
        "select 聊天客户端（课文原样，含多余的 '''）",
        "The select chat client, verbatim (with the stray ''')"
    ),
];

/// The gallery program with this id, if there is one.
pub fn program(id: &str) -> Option<&'static Program> {
    PROGRAMS.iter().find(|p| p.id == id)
}

/// A client program ioplay ships for a lesson server: its path as scenarios name it, and its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Client {
    pub path: &'static str,
    pub source: &'static str,
}

macro_rules! client {
    ($file:literal) => {
        Client { path: concat!("clients/", $file), source: include_str!(concat!("clients/", $file)) }
    };
}

/// The clients the built-in scenarios run next to the lesson's servers.
pub const CLIENTS: &[Client] = &[client!("05_echo_client.py"), client!("07_select_chat_client_8800.py")];

/// A built-in scenario: its name (`ioplay run --scenario NAME`) and its TOML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Builtin {
    pub name: &'static str,
    pub toml: &'static str,
}

macro_rules! builtin {
    ($name:literal) => {
        Builtin { name: $name, toml: include_str!(concat!("builtin/", $name, ".toml")) }
    };
}

/// The built-in scenarios, in the lesson's order.
pub const SCENARIOS: &[Builtin] = &[
    builtin!("01_yield_producer_consumer"),
    builtin!("02_greenlet_switch"),
    builtin!("03_gevent_sleep"),
    builtin!("04_gevent_monkey_urllib"),
    builtin!("05_selectors_echo_server"),
    builtin!("06_nonblocking"),
    builtin!("07_select_chat"),
    builtin!("07_select_chat_port8800"),
    builtin!("07_select_chat_client_verbatim"),
];

/// The built-in scenario with this name, parsed.
pub fn builtin_scenario(name: &str) -> Option<Scenario> {
    let builtin = SCENARIOS.iter().find(|b| b.name == name)?;
    Some(Scenario::from_toml(builtin.toml).expect("built-in scenarios parse (tested)"))
}

/// A program a built-in scenario names — a gallery id or a `clients/…` path — as the file name its
/// tracebacks show and its source.
pub fn builtin_source(program: &str) -> Option<(String, &'static str)> {
    if let Some(p) = self::program(program) {
        return Some((p.file_name(), p.source));
    }
    CLIENTS.iter().find(|c| c.path == program).map(|c| (c.path.to_string(), c.source))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use std::path::Path;

    #[test]
    fn every_file_in_programs_is_in_the_gallery_once() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("crate/scenarios/programs");
        let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
            .expect("crate/scenarios/programs is readable")
            .map(|entry| entry.expect("a directory entry").file_name().to_string_lossy().into_owned())
            .collect();
        let listed: Vec<String> = PROGRAMS.iter().map(Program::file_name).collect();
        let listed_set: BTreeSet<String> = listed.iter().cloned().collect();
        assert_eq!(listed.len(), listed_set.len(), "an id is listed twice");
        assert_eq!(on_disk, listed_set);
    }

    #[test]
    fn titles_are_filled_in_both_languages() {
        for p in PROGRAMS {
            assert!(!p.title_zh.trim().is_empty() && !p.title_en.trim().is_empty(), "{}", p.id);
            assert!(p.title_zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{} zh", p.id);
        }
    }

    #[test]
    fn every_builtin_scenario_parses_and_names_programs_that_exist() {
        for b in SCENARIOS {
            let scenario = Scenario::from_toml(b.toml).unwrap_or_else(|e| panic!("{}: {e}", b.name));
            assert!(!scenario.title_en.is_empty() && !scenario.title_zh.is_empty(), "{}", b.name);
            for p in &scenario.processes {
                assert!(builtin_source(&p.program).is_some(), "{}: {}", b.name, p.program);
            }
        }
    }

    #[test]
    fn every_lesson_program_is_in_a_builtin_scenario() {
        for p in PROGRAMS {
            let used = SCENARIOS.iter().any(|b| {
                builtin_scenario(b.name).expect("parses").processes.iter().any(|e| e.program == p.id)
            });
            assert!(used, "{} is in no scenario", p.id);
        }
    }

    #[test]
    fn every_client_file_is_listed() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("crate/scenarios/clients");
        let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
            .expect("crate/scenarios/clients is readable")
            .map(|e| format!("clients/{}", e.expect("an entry").file_name().to_string_lossy()))
            .collect();
        let listed: BTreeSet<String> = CLIENTS.iter().map(|c| c.path.to_string()).collect();
        assert_eq!(on_disk, listed);
    }

    #[test]
    fn lookup_by_id() {
        assert_eq!(program("02_greenlet_switch").map(|p| p.title_en), Some("Switching greenlets by hand"));
        assert_eq!(program("nope"), None);
    }
}
