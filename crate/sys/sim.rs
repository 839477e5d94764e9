//! The simulated backend of the syscall contract: [`crate::kernel::Kernel`] answers [`super::Syscalls`]
//! (the impl lives beside the kernel); this module names it for the driver, as `native` will name the real one.

pub use crate::kernel::Kernel as SimKernel;
