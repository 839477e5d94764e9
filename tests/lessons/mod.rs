//! The lesson's built-in scenarios as timelines, and their pinned trace hashes: shared by the native tests
//! (`tests/world_run.rs`) and the browser tests (`tests/wasm.rs`), so one constant proves that native and
//! wasm give the same trace, byte for byte (design.md: "same input, same trace").

use ioplay::scenarios::{self, Overrides};
use ioplay::sim::python::Python;
use ioplay::sim::Timeline;

/// The built-in scenario `name` as a timeline, its Python programs loaded from the gallery.
pub fn timeline(name: &str) -> Timeline {
    let scenario = scenarios::builtin_scenario(name).expect("a built-in scenario");
    let world = scenario
        .build(&Overrides::default(), &mut |program| {
            let (file, source) = scenarios::builtin_source(program).expect("a gallery program");
            Ok(Python::load(source, &file, vec![file.clone()]))
        })
        .expect("the world builds");
    Timeline::new(world)
}

/// Each built-in scenario's trace hash when run to its end. A change to what a run shows changes these:
/// update them from the failing native test's message, and the browser test checks the same values.
pub const TRACE_HASHES: &[(&str, u64)] = &[
    ("01_yield_producer_consumer", 0xbf99e69718520c1b),
    ("02_greenlet_switch", 0x5112925660d43fab),
    ("03_gevent_sleep", 0xfc0d1e54644df914),
    ("04_gevent_monkey_urllib", 0x72c20f2bec25d923),
    ("05_selectors_echo_server", 0x2d2581581eb2ee8a),
    ("06_nonblocking", 0x3206025851f1cebd),
    ("07_select_chat", 0xa4a1b54b2a31a17d),
    ("07_select_chat_port8800", 0xfc03e0ac0fed00a6),
    ("07_select_chat_client_verbatim", 0x2748805f2c9a5ec0),
];
