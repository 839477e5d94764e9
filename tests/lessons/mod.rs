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
    ("01_yield_producer_consumer", 0x47ce5f7a54fc9026),
    ("02_greenlet_switch", 0x18305e484f8546e2),
    ("03_gevent_sleep", 0x30c2c4e20cca8942),
    ("04_gevent_monkey_urllib", 0x16e962df0c727feb),
    ("05_selectors_echo_server", 0x3c9f8ed77ad18185),
    ("06_nonblocking", 0x938bfb1039b23d21),
    ("07_select_chat", 0x14760f18ea59e041),
    ("07_select_chat_port8800", 0x3ecc625aedb1f9a0),
    ("07_select_chat_client_verbatim", 0x2748805f2c9a5ec0),
];
