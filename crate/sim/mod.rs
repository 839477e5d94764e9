//! The world: hosts, processes, the scheduler and the virtual clock.

pub mod solo;
