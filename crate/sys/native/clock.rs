//! The one place the backend reads a clock: real monotonic time, as nanoseconds since the backend
//! started, so native traces carry the same kind of `Nanos` as the simulation's virtual time.

use crate::sys::Nanos;
use std::time::Instant;

#[derive(Debug)]
pub struct Clock {
    start: Instant,
}

impl Clock {
    // The native backend exists to meet real time (design.md: only sys/native converts it).
    #[allow(clippy::disallowed_methods)]
    pub fn start() -> Clock {
        Clock { start: Instant::now() }
    }

    /// Nanoseconds since [`Clock::start`].
    #[allow(clippy::disallowed_methods)]
    pub fn elapsed(&self) -> Nanos {
        Instant::now().duration_since(self.start).as_nanos().min(u64::MAX as u128) as Nanos
    }
}
