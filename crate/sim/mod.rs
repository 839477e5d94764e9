//! The world: hosts, processes, the scheduler and the virtual clock.
//!
//! - [`program`]: the [`Program`] trait a process's program implements (the Python VM, a Rust service).
//! - [`python`]: the Python VM as a [`Program`].
//! - [`world`]: the [`World`] that steps programs against the simulated kernel, and why a run ends.
//! - [`solo`]: one process without a kernel (the VM's own driver, for its tests).
//! - [`timeline`]: a world with its trace, checkpoints and `seek(n)` in both directions.

pub mod program;
pub mod python;
pub mod solo;
pub mod timeline;
pub mod world;

pub use crate::trace::trace_hash;
pub use program::{ProcessEnv, Program, Run};
pub use timeline::Timeline;
pub use world::{Ending, Output, ProcState, ProcessSpec, Tick, Waiting, World};

#[cfg(test)]
pub(crate) mod script;
#[cfg(test)]
mod tests;
