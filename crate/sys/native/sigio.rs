//! Real SIGIO: O_ASYNC on the real socket, with the real kernel's signal steered to a real-time signal
//! (F_SETSIG) aimed at the driving thread (F_SETOWN_EX, F_OWNER_TID), blocked there and read from a
//! `signalfd`. Each siginfo names the real fd (`ssi_fd`), so the backend raises the program's signal in
//! the virtual process that owns that fd — the real kernel decides when, as it would for the program.
//!
//! Thread rule: the signal goes to the thread that first enabled O_ASYNC and is blocked only there, so
//! the backend must be driven from that thread (a world runs on one thread). A real-time signal never
//! reaches another thread's default action: the kernel sends it to that thread alone, and it stays
//! blocked there after the backend is gone (only the signalfd is closed).

use super::os::{self, RealFd};
use crate::sys::Errno;
use std::mem::{size_of, zeroed};

/// `fcntl` commands and the owner kind the libc crate does not name for this target.
const F_SETOWN_EX: libc::c_int = 15;
const F_OWNER_TID: libc::c_int = 0;
const F_SETSIG: libc::c_int = crate::sys::consts::F_SETSIG;

/// `struct f_owner_ex`.
#[repr(C)]
struct FOwnerEx {
    kind: libc::c_int,
    pid: libc::pid_t,
}

/// One signal the real kernel sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signalled {
    /// Input or room on this real fd.
    Fd(RealFd),
    /// The real-time queue overflowed: some O_ASYNC fds had events, which ones is lost.
    Overflow,
}

/// The signalfd that collects the real kernel's SIGIO for every O_ASYNC fd of the backend.
#[derive(Debug)]
pub struct SigioSource {
    signalfd: RealFd,
    signo: libc::c_int,
    thread: libc::pid_t,
}

impl SigioSource {
    /// Block the chosen real-time signal in this thread and open a non-blocking signalfd for it.
    pub fn new() -> Result<SigioSource, Errno> {
        // Far from SIGRTMIN, which applications and glibc reach for first.
        let signo = libc::SIGRTMAX() - 3;
        // SAFETY: sigset_t is plain data initialised by sigemptyset; the calls only read and write it.
        let signalfd = unsafe {
            let mut set: libc::sigset_t = zeroed();
            libc::sigemptyset(&mut set);
            libc::sigaddset(&mut set, signo);
            // When the real-time queue overflows, Linux sends plain SIGIO instead: catch it here too, or
            // its default action would end this whole OS process.
            libc::sigaddset(&mut set, libc::SIGIO);
            if libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()) != 0 {
                return Err(Errno::EINVAL);
            }
            libc::signalfd(-1, &set, libc::SFD_NONBLOCK | libc::SFD_CLOEXEC)
        };
        if signalfd < 0 {
            return Err(os::errno_from_code(std::io::Error::last_os_error().raw_os_error().unwrap_or(0)));
        }
        // SAFETY: no arguments.
        let thread = unsafe { libc::gettid() };
        Ok(SigioSource { signalfd, signo, thread })
    }

    /// Turn the real fd's O_ASYNC on or off; on, its SIGIO comes to this source's signalfd.
    pub fn set_async(&self, fd: RealFd, on: bool) -> Result<(), Errno> {
        let owner = FOwnerEx { kind: F_OWNER_TID, pid: self.thread };
        // SAFETY: `owner` lives across the call; the other calls take integers.
        let failed = unsafe {
            on && (libc::fcntl(fd, F_SETOWN_EX, &owner as *const FOwnerEx) < 0
                || libc::fcntl(fd, F_SETSIG, self.signo) < 0)
                || {
                    let flags = libc::fcntl(fd, libc::F_GETFL);
                    let flags = if on { flags | libc::O_ASYNC } else { flags & !libc::O_ASYNC };
                    flags < 0 || libc::fcntl(fd, libc::F_SETFL, flags) < 0
                }
        };
        if failed {
            return Err(os::errno_from_code(std::io::Error::last_os_error().raw_os_error().unwrap_or(0)));
        }
        Ok(())
    }

    /// What the kernel signalled since the last call, in arrival order.
    pub fn drain(&self) -> Vec<Signalled> {
        let mut out = Vec::new();
        loop {
            // SAFETY: signalfd_siginfo is plain data.
            let mut info: libc::signalfd_siginfo = unsafe { zeroed() };
            let want = size_of::<libc::signalfd_siginfo>();
            // SAFETY: `info` has room for `want` bytes.
            let n =
                unsafe { libc::read(self.signalfd, (&mut info as *mut libc::signalfd_siginfo).cast(), want) };
            if n != want as isize {
                return out;
            }
            out.push(if info.ssi_signo as libc::c_int == self.signo {
                Signalled::Fd(info.ssi_fd)
            } else {
                Signalled::Overflow
            });
        }
    }
}

impl Drop for SigioSource {
    fn drop(&mut self) {
        os::close(self.signalfd);
    }
}
