//! Scenario files: a world in TOML — hosts, links, the processes with their start times and scripted
//! stdin, and simulated web servers — and how one becomes a [`World`].
//!
//! ```toml
//! title_en = "A selectors echo server and a client"
//! until = 10              # seconds of virtual time (default 60)
//! [[host]]                # default: one host, localhost at 192.0.2.1 (and 127.0.0.1)
//! name = "localhost"
//! addr = "127.0.0.1"
//! [[process]]
//! program = "05_selectors_echo_server"   # a gallery id, or a path ending in .py
//! name = "server"                        # default: the program's name
//! start_ms = 0                           # default: 10 ms after the process before
//! stdin = "a line\n"                     # default: nothing
//! stdin_eof = true                       # default: stdin ends after it all (a pipe, not a terminal)
//! [[process.input]]                      # typed later: text arriving at a virtual time
//! at_ms = 3000
//! text = "an answer\n"
//! [[web]]                                # an HTTP/1.1 server for a host name
//! host = "itk.org"
//! port = 443
//! latency_ms = 900
//! body_size = 16384
//! ```
//!
//! Unknown keys are errors that name the key. A web server's host name that is not a host of the file
//! gets a host of its own, with an address from 203.0.113.0/24 (TEST-NET-3) unless `addr` says otherwise.

use super::web::WebServer;
use crate::kernel::{HostConfig, LinkConfig, WorldConfig};
use crate::net::LinkSpec;
use crate::sim::{ProcessSpec, Program, World};
use crate::sys::{Ipv4Addr, Nanos, SocketAddrV4};
use serde::Deserialize;

const MS: f64 = 1_000_000.0;
/// Default limit of a run, in seconds of virtual time.
pub const DEFAULT_UNTIL_SECONDS: f64 = 60.0;
/// The network address of the default host `localhost` (TEST-NET-1); 127.0.0.1 stays its loopback.
pub const DEFAULT_HOST_ADDR: Ipv4Addr = Ipv4Addr::new(192, 0, 2, 1);
/// Processes with no `start_ms` start this long after the one before.
pub const START_SPACING_MS: f64 = 10.0;

/// A scenario as its TOML file says it.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    #[serde(default)]
    pub title_en: String,
    #[serde(default)]
    pub title_zh: String,
    /// The world's PRNG seed (ephemeral ports, sequence numbers, loss).
    pub seed: Option<u64>,
    /// Seconds of virtual time after which the run stops.
    pub until: Option<f64>,
    /// One-way latency between two hosts no `link` names, in ms (default 10).
    pub latency_ms: Option<f64>,
    #[serde(default, rename = "host")]
    pub hosts: Vec<HostEntry>,
    #[serde(default, rename = "link")]
    pub links: Vec<LinkEntry>,
    #[serde(default, rename = "process")]
    pub processes: Vec<ProcessEntry>,
    #[serde(default, rename = "web")]
    pub web: Vec<WebEntry>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HostEntry {
    pub name: String,
    pub addr: Ipv4Addr,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkEntry {
    pub a: String,
    pub b: String,
    pub latency_ms: f64,
    #[serde(default)]
    pub loss: f64,
    pub bandwidth_bps: Option<u64>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcessEntry {
    /// A gallery id (`06_nonblocking_server`) or a path ending in `.py`.
    pub program: String,
    pub name: Option<String>,
    pub host: Option<String>,
    pub start_ms: Option<f64>,
    pub stdin: Option<String>,
    pub stdin_eof: Option<bool>,
    /// Lines typed later (an operator at the keyboard), each at its virtual time after the start.
    #[serde(default, rename = "input")]
    pub inputs: Vec<InputEntry>,
}

/// Text that arrives on a process's stdin at a virtual time (ms after the world starts).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputEntry {
    pub at_ms: f64,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebEntry {
    pub host: String,
    #[serde(default = "default_web_port")]
    pub port: u16,
    pub addr: Option<Ipv4Addr>,
    #[serde(default)]
    pub latency_ms: f64,
    pub body_size: usize,
}

fn default_web_port() -> u16 {
    80
}

/// Turns a process's `program` (a gallery id or a path) into a runnable program, or says why not.
pub type Loader<'a> = dyn FnMut(&str) -> Result<Box<dyn Program>, ScenarioError> + 'a;

/// Why a scenario could not become a world: one line, naming the problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError(pub String);

impl std::fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ScenarioError {}

/// Options the command line lays over a scenario.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overrides {
    pub seed: Option<u64>,
    pub until_seconds: Option<f64>,
    /// The i-th text replaces the i-th process's stdin.
    pub stdin: Vec<String>,
}

impl Scenario {
    /// Parse a scenario file's text; errors name the key or the line.
    pub fn from_toml(text: &str) -> Result<Scenario, ScenarioError> {
        let scenario: Scenario = toml::from_str(text).map_err(|e| {
            let message = e.message().to_string();
            match e.span().map(|s| text[..s.start].matches('\n').count() + 1) {
                Some(line) => ScenarioError(format!("line {line}: {message}")),
                None => ScenarioError(message),
            }
        })?;
        if scenario.processes.is_empty() {
            return Err(ScenarioError("the scenario names no [[process]]".into()));
        }
        Ok(scenario)
    }

    /// A scenario that runs these programs on localhost, 10 ms apart (`ioplay run A.py B.py`).
    pub fn of_programs(programs: &[String]) -> Scenario {
        Scenario {
            processes: programs
                .iter()
                .map(|p| ProcessEntry { program: p.clone(), ..ProcessEntry::default() })
                .collect(),
            ..Scenario::default()
        }
    }

    /// The kernel's view of the world: hosts (web servers' hosts added), links, DNS and seed.
    pub fn world_config(&self, seed: Option<u64>) -> Result<WorldConfig, ScenarioError> {
        let mut cfg = WorldConfig::single_host();
        // 127.0.0.1 is every host's loopback: the default host needs a network address too, or no other
        // host could answer it.
        cfg.hosts[0].addr = DEFAULT_HOST_ADDR;
        if !self.hosts.is_empty() {
            cfg.hosts =
                self.hosts.iter().map(|h| HostConfig { name: h.name.clone(), addr: h.addr }).collect();
        }
        for (i, web) in self.web.iter().enumerate() {
            if cfg.hosts.iter().any(|h| h.name == web.host) {
                continue;
            }
            let addr = web.addr.unwrap_or(Ipv4Addr::new(203, 0, 113, 10 + i as u8));
            cfg.hosts.push(HostConfig { name: web.host.clone(), addr });
        }
        let mut names = std::collections::BTreeSet::new();
        for h in &cfg.hosts {
            if !names.insert(h.name.as_str()) {
                return Err(ScenarioError(format!("host {:?} is named twice", h.name)));
            }
        }
        for link in &self.links {
            for end in [&link.a, &link.b] {
                if !names.contains(end.as_str()) {
                    return Err(ScenarioError(format!("link: no host is named {end:?}")));
                }
            }
            if !(0.0..=1.0).contains(&link.loss) {
                return Err(ScenarioError(format!("link {}–{}: loss must be in [0, 1]", link.a, link.b)));
            }
            cfg.links.push(LinkConfig {
                a: link.a.clone(),
                b: link.b.clone(),
                spec: LinkSpec {
                    latency: ms(link.latency_ms)?,
                    bandwidth_bps: link.bandwidth_bps,
                    loss: link.loss,
                },
            });
        }
        if let Some(latency) = self.latency_ms {
            cfg.default_link.latency = ms(latency)?;
        }
        if let Some(seed) = seed.or(self.seed) {
            cfg.seed = seed;
        }
        Ok(cfg)
    }

    /// Build the world: the web servers first (started at 0, as services), then the processes in order.
    /// `load` turns a process's `program` into a runnable program (or says why it cannot).
    pub fn build(&self, overrides: &Overrides, load: &mut Loader<'_>) -> Result<World, ScenarioError> {
        let cfg = self.world_config(overrides.seed)?;
        let until = overrides.until_seconds.or(self.until).unwrap_or(DEFAULT_UNTIL_SECONDS);
        if !(until >= 0.0 && until.is_finite()) {
            return Err(ScenarioError(format!("until must be a number of seconds ≥ 0, not {until}")));
        }
        let host_names: Vec<String> = cfg.hosts.iter().map(|h| h.name.clone()).collect();
        let first_host = host_names[0].clone();
        let addr_of = |name: &str| cfg.hosts.iter().find(|h| h.name == name).map(|h| h.addr);
        let mut world_specs = Vec::new();
        for web in &self.web {
            let addr = addr_of(&web.host).expect("every web host was added to the config");
            world_specs.push(ProcessSpec {
                name: format!("web:{}:{}", web.host, web.port),
                host: web.host.clone(),
                start: 0,
                stdin: Vec::new(),
                timed_stdin: Vec::new(),
                stdin_eof: true,
                daemon: true,
                program: Box::new(WebServer::new(
                    &web.host,
                    SocketAddrV4::new(addr, web.port),
                    ms(web.latency_ms)?,
                    web.body_size,
                )),
            });
        }
        let mut start = None::<Nanos>;
        let mut used = std::collections::BTreeMap::<String, u32>::new();
        for (i, entry) in self.processes.iter().enumerate() {
            let host = entry.host.clone().unwrap_or_else(|| first_host.clone());
            if !host_names.contains(&host) {
                return Err(ScenarioError(format!("process {:?}: no host is named {host:?}", entry.program)));
            }
            let at = match (entry.start_ms, start) {
                (Some(t), _) => ms(t)?,
                (None, None) => 0,
                (None, Some(before)) => before + ms(START_SPACING_MS)?,
            };
            start = Some(at);
            let stdin = overrides.stdin.get(i).or(entry.stdin.as_ref());
            let program = load(&entry.program)?;
            let base = entry.name.clone().unwrap_or_else(|| program_stem(&entry.program));
            let seen = used.entry(base.clone()).or_default();
            *seen += 1;
            let name = if *seen == 1 { base } else { format!("{base}-{seen}") };
            world_specs.push(ProcessSpec {
                name,
                host,
                start: at,
                stdin: stdin.map(|s| s.as_bytes().to_vec()).unwrap_or_default(),
                timed_stdin: timed_stdin(entry)?,
                stdin_eof: entry.stdin_eof.unwrap_or(true),
                daemon: false,
                program,
            });
        }
        let mut world = World::new(cfg, (until * 1e9) as Nanos);
        for spec in world_specs {
            world.add_process(spec);
        }
        Ok(world)
    }
}

/// A process's `[[process.input]]` entries, in time order.
fn timed_stdin(entry: &ProcessEntry) -> Result<Vec<(Nanos, Vec<u8>)>, ScenarioError> {
    let mut inputs = entry
        .inputs
        .iter()
        .map(|i| Ok((ms(i.at_ms)?, i.text.as_bytes().to_vec())))
        .collect::<Result<Vec<_>, ScenarioError>>()?;
    inputs.sort_by_key(|(at, _)| *at);
    Ok(inputs)
}

/// A program's short name: `dir/06_nonblocking_server.py` → `06_nonblocking_server`.
pub fn program_stem(program: &str) -> String {
    let file = program.rsplit(['/', '\\']).next().unwrap_or(program);
    file.strip_suffix(".py").unwrap_or(file).to_string()
}

/// Milliseconds (as a file writes them) to virtual nanoseconds.
fn ms(value: f64) -> Result<Nanos, ScenarioError> {
    if value.is_finite() && value >= 0.0 {
        Ok((value * MS).round() as Nanos)
    } else {
        Err(ScenarioError(format!("a time must be a number of milliseconds ≥ 0, not {value}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::script::{Do, Script};
    use crate::sim::{Ending, ProcState};
    use crate::sys::consts::{AF_INET, SOCK_STREAM};
    use crate::sys::Call;

    fn quiet(_: &str) -> Result<Box<dyn Program>, ScenarioError> {
        Ok(Script::new(vec![Do::Exit(0)]))
    }

    #[test]
    fn an_unknown_key_is_named() {
        let err = Scenario::from_toml("[[process]]\nprogram = \"a.py\"\nstdn = \"x\"\n").unwrap_err();
        assert!(err.0.contains("unknown field `stdn`"), "{err}");
        assert!(err.0.starts_with("line 3:"), "{err}");
        let err = Scenario::from_toml("tilte_en = \"x\"\n[[process]]\nprogram = \"a.py\"\n").unwrap_err();
        assert!(err.0.contains("`tilte_en`"), "{err}");
    }

    #[test]
    fn a_scenario_needs_a_process() {
        let err = Scenario::from_toml("title_en = \"nothing\"\n").unwrap_err();
        assert!(err.0.contains("[[process]]"), "{err}");
    }

    #[test]
    fn processes_start_10_ms_apart_unless_told_and_repeated_names_are_numbered() {
        let scenario = Scenario::from_toml(
            "[[process]]\nprogram = \"a.py\"\n[[process]]\nprogram = \"dir/a.py\"\n\
             [[process]]\nprogram = \"b\"\nstart_ms = 500\n[[process]]\nprogram = \"c\"\n",
        )
        .unwrap();
        let world = scenario.build(&Overrides::default(), &mut quiet).unwrap();
        let got: Vec<(String, u64)> =
            world.processes().iter().map(|p| (p.spec.name.clone(), p.spec.start)).collect();
        let ms = 1_000_000;
        assert_eq!(
            got,
            vec![("a".into(), 0), ("a-2".into(), 10 * ms), ("b".into(), 500 * ms), ("c".into(), 510 * ms)]
        );
    }

    #[test]
    fn a_process_on_an_unknown_host_is_an_error() {
        let scenario = Scenario::from_toml("[[process]]\nprogram = \"a.py\"\nhost = \"mars\"\n").unwrap();
        let err = scenario.build(&Overrides::default(), &mut quiet).unwrap_err();
        assert!(err.0.contains("\"mars\""), "{err}");
    }

    #[test]
    fn a_loader_error_is_passed_on() {
        let scenario = Scenario::of_programs(&["missing.py".into()]);
        let err = scenario
            .build(&Overrides::default(), &mut |p| Err(ScenarioError(format!("can't open file '{p}'"))))
            .unwrap_err();
        assert_eq!(err.0, "can't open file 'missing.py'");
    }

    #[test]
    fn web_hosts_get_addresses_and_resolve() {
        let scenario = Scenario::from_toml(
            "[[web]]\nhost = \"itk.org\"\nport = 443\nbody_size = 10\n\
             [[web]]\nhost = \"zhihu.com\"\naddr = \"198.51.100.7\"\nbody_size = 10\n\
             [[process]]\nprogram = \"a.py\"\n",
        )
        .unwrap();
        let world = scenario.build(&Overrides::default(), &mut quiet).unwrap();
        assert_eq!(world.kernel().resolve("itk.org"), Some(Ipv4Addr::new(203, 0, 113, 10)));
        assert_eq!(world.kernel().resolve("zhihu.com"), Some(Ipv4Addr::new(198, 51, 100, 7)));
        let names: Vec<&str> = world.processes().iter().map(|p| p.spec.name.as_str()).collect();
        assert_eq!(names, ["web:itk.org:443", "web:zhihu.com:80", "a"]);
    }

    #[test]
    fn overrides_replace_seed_until_and_stdin() {
        let scenario =
            Scenario::from_toml("seed = 5\nuntil = 3\n[[process]]\nprogram = \"a.py\"\nstdin = \"old\"\n")
                .unwrap();
        let overrides = Overrides { seed: Some(9), until_seconds: Some(0.5), stdin: vec!["new".into()] };
        let world = scenario.build(&overrides, &mut quiet).unwrap();
        assert_eq!(world.kernel().config().seed, 9);
        assert_eq!(world.processes()[0].spec.stdin, b"new");
        let mut world = world;
        let sleeper = Script::new(vec![Do::Call(Call::ClockNanosleep { until: 2_000_000_000 })]);
        world.add_process(ProcessSpec::new("sleeper", sleeper));
        assert_eq!(world.run(), Ending::Until(500_000_000));
    }

    /// A client that fetches `/` from `addr` with a minimal request and prints the response.
    fn http_client(addr: SocketAddrV4) -> Box<Script> {
        Script::new(vec![
            Do::Call(Call::Socket { domain: AF_INET, ty: SOCK_STREAM, protocol: 0 }),
            Do::Call(Call::Connect { fd: 3, addr }),
            Do::Call(Call::SendTo {
                fd: 3,
                data: b"GET / HTTP/1.1\r\nHost: itk.org\r\n\r\n".to_vec(),
                flags: 0,
                addr: None,
            }),
            Do::Call(Call::RecvFrom { fd: 3, len: 65536, flags: 0 }),
            Do::EchoLast,
            Do::Call(Call::Close { fd: 3 }),
        ])
    }

    #[test]
    fn the_web_server_answers_after_its_latency_with_its_body_size() {
        let scenario = Scenario::from_toml(
            "latency_ms = 5\n[[web]]\nhost = \"itk.org\"\nport = 443\nlatency_ms = 700\nbody_size = 300\n\
             [[process]]\nprogram = \"client\"\n",
        )
        .unwrap();
        let addr = SocketAddrV4::new(Ipv4Addr::new(203, 0, 113, 10), 443);
        let mut world = scenario.build(&Overrides::default(), &mut |_| Ok(http_client(addr))).unwrap();
        let ending = world.run();
        let trace = crate::trace::strace(&world.drain_events(), true);
        assert_eq!(ending, Ending::AllExited, "{trace}");
        assert!(world.now() >= 700_000_000, "{}", world.now());
        let client = world.processes()[1].pid.unwrap();
        let got = world.kernel().stdout(client).to_vec();
        let expected = super::super::web::response("itk.org", 300);
        assert_eq!(got, expected);
        assert!(String::from_utf8_lossy(&got).contains("Content-Length: 300\r\n"));
        // The server served and went back to accept4: a service, still there.
        assert!(matches!(world.processes()[0].state, ProcState::Blocked { .. }));
    }
}
