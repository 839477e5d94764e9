//! The syscall contract between a program and a kernel (mio's habit: one module whose types are the
//! contract, with a simulated implementation and, on hosts, a native one).
//!
//! A program never calls a kernel directly. The VM's natives return an action "make this syscall"
//! ([`Call`]); whoever drives the VM (the simulated world, or the native backend) hands it to a kernel and
//! resumes the VM with the [`Outcome`]. A call that would block answers [`Outcome::WouldBlock`] with what it
//! waits on; the driver parks the caller and retries the call when that fires. That retry *is* blocking IO.
//!
//! The rules a driver keeps (the simulated kernel relies on them):
//! - After `WouldBlock`, retry **the same** `Call` (equal by value) until it answers `Ok` or `Err`. The
//!   kernel recognises the retry, so the trace shows one call; a read that found data may answer
//!   `WouldBlock(Until(t))` while it models the copy to user space (its data is already taken, so making
//!   a different call instead would lose it).
//! - After every answer, ask the kernel for a pending signal (`Kernel::take_signal`) and run its handler
//!   before anything else; for a `WouldBlock` answer run the handler, then retry.
//! - A blocked call's timeout is fixed when it is first entered (select/poll/epoll_wait/nanosleep).

pub mod consts;
#[cfg(all(feature = "native", not(target_arch = "wasm32")))]
pub mod native;
pub mod sim;

pub use std::net::{Ipv4Addr, SocketAddrV4};

/// A process id.
pub type Pid = u32;

/// A file descriptor, as Linux numbers them.
pub type Fd = i32;

/// Virtual time in nanoseconds since the world started.
pub type Nanos = u64;

/// What CLOCK_REALTIME reads when the virtual (or, natively, the elapsed) time is 0:
/// 2026-01-01T00:00:00Z, so `time.time()` and `time.ctime()` look like a date and a float difference of
/// two timestamps keeps CPython's digits (`5.000019073486328`, not `5.000019`). The same on every
/// backend, so their traces agree.
pub const REALTIME_EPOCH: Nanos = 1_767_225_600_000_000_000;

/// `clock_gettime(2)`'s answer at time `now` on the clock it names.
pub fn clock_reading(monotonic: bool, now: Nanos) -> Nanos {
    if monotonic {
        now
    } else {
        REALTIME_EPOCH + now
    }
}

/// Linux's errno values (x86-64 numbering), the ones the simulation can produce.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[repr(i32)]
pub enum Errno {
    EPERM = 1,
    ENOENT = 2,
    ESRCH = 3,
    EINTR = 4,
    EIO = 5,
    EBADF = 9,
    EAGAIN = 11,
    ENOMEM = 12,
    EACCES = 13,
    EFAULT = 14,
    EBUSY = 16,
    EEXIST = 17,
    EINVAL = 22,
    ENFILE = 23,
    EMFILE = 24,
    ENOTTY = 25,
    ESPIPE = 29,
    EPIPE = 32,
    ERANGE = 34,
    ENOSYS = 38,
    ENOTSOCK = 88,
    EDESTADDRREQ = 89,
    EMSGSIZE = 90,
    EPROTOTYPE = 91,
    ENOPROTOOPT = 92,
    EPROTONOSUPPORT = 93,
    ESOCKTNOSUPPORT = 94,
    EOPNOTSUPP = 95,
    EAFNOSUPPORT = 97,
    EADDRINUSE = 98,
    EADDRNOTAVAIL = 99,
    ENETUNREACH = 101,
    ECONNABORTED = 103,
    ECONNRESET = 104,
    ENOBUFS = 105,
    EISCONN = 106,
    ENOTCONN = 107,
    ETIMEDOUT = 110,
    ECONNREFUSED = 111,
    EHOSTUNREACH = 113,
    EALREADY = 114,
    EINPROGRESS = 115,
    ECANCELED = 125,
}

impl Errno {
    /// `EWOULDBLOCK` is the same number as `EAGAIN` on Linux.
    pub const EWOULDBLOCK: Errno = Errno::EAGAIN;

    pub fn code(self) -> i32 {
        self as i32
    }

    /// The symbolic name strace prints, e.g. `EAGAIN`.
    pub fn name(self) -> &'static str {
        use Errno::*;
        match self {
            EPERM => "EPERM",
            ENOENT => "ENOENT",
            ESRCH => "ESRCH",
            EINTR => "EINTR",
            EIO => "EIO",
            EBADF => "EBADF",
            EAGAIN => "EAGAIN",
            ENOMEM => "ENOMEM",
            EACCES => "EACCES",
            EFAULT => "EFAULT",
            EEXIST => "EEXIST",
            EINVAL => "EINVAL",
            ENFILE => "ENFILE",
            EMFILE => "EMFILE",
            ENOTTY => "ENOTTY",
            ESPIPE => "ESPIPE",
            EPIPE => "EPIPE",
            ERANGE => "ERANGE",
            ENOSYS => "ENOSYS",
            EBUSY => "EBUSY",
            ESOCKTNOSUPPORT => "ESOCKTNOSUPPORT",
            ENOTSOCK => "ENOTSOCK",
            EDESTADDRREQ => "EDESTADDRREQ",
            EMSGSIZE => "EMSGSIZE",
            EPROTOTYPE => "EPROTOTYPE",
            ENOPROTOOPT => "ENOPROTOOPT",
            EPROTONOSUPPORT => "EPROTONOSUPPORT",
            EOPNOTSUPP => "EOPNOTSUPP",
            EAFNOSUPPORT => "EAFNOSUPPORT",
            EADDRINUSE => "EADDRINUSE",
            EADDRNOTAVAIL => "EADDRNOTAVAIL",
            ENETUNREACH => "ENETUNREACH",
            ECONNABORTED => "ECONNABORTED",
            ECONNRESET => "ECONNRESET",
            ENOBUFS => "ENOBUFS",
            EISCONN => "EISCONN",
            ENOTCONN => "ENOTCONN",
            ETIMEDOUT => "ETIMEDOUT",
            ECONNREFUSED => "ECONNREFUSED",
            EHOSTUNREACH => "EHOSTUNREACH",
            EALREADY => "EALREADY",
            EINPROGRESS => "EINPROGRESS",
            ECANCELED => "ECANCELED",
        }
    }

    /// glibc's `strerror` text, which CPython puts in `OSError.strerror`
    /// (e.g. `[Errno 11] Resource temporarily unavailable`).
    pub fn strerror(self) -> &'static str {
        use Errno::*;
        match self {
            EPERM => "Operation not permitted",
            ENOENT => "No such file or directory",
            ESRCH => "No such process",
            EINTR => "Interrupted system call",
            EIO => "Input/output error",
            EBADF => "Bad file descriptor",
            EAGAIN => "Resource temporarily unavailable",
            ENOMEM => "Cannot allocate memory",
            EACCES => "Permission denied",
            EFAULT => "Bad address",
            EEXIST => "File exists",
            EINVAL => "Invalid argument",
            ENFILE => "Too many open files in system",
            EMFILE => "Too many open files",
            ENOTTY => "Inappropriate ioctl for device",
            ESPIPE => "Illegal seek",
            EPIPE => "Broken pipe",
            ERANGE => "Numerical result out of range",
            ENOSYS => "Function not implemented",
            EBUSY => "Device or resource busy",
            ESOCKTNOSUPPORT => "Socket type not supported",
            ENOTSOCK => "Socket operation on non-socket",
            EDESTADDRREQ => "Destination address required",
            EMSGSIZE => "Message too long",
            EPROTOTYPE => "Protocol wrong type for socket",
            ENOPROTOOPT => "Protocol not available",
            EPROTONOSUPPORT => "Protocol not supported",
            EOPNOTSUPP => "Operation not supported",
            EAFNOSUPPORT => "Address family not supported by protocol",
            EADDRINUSE => "Address already in use",
            EADDRNOTAVAIL => "Cannot assign requested address",
            ENETUNREACH => "Network is unreachable",
            ECONNABORTED => "Software caused connection abort",
            ECONNRESET => "Connection reset by peer",
            ENOBUFS => "No buffer space available",
            EISCONN => "Transport endpoint is already connected",
            ENOTCONN => "Transport endpoint is not connected",
            ETIMEDOUT => "Connection timed out",
            ECONNREFUSED => "Connection refused",
            EHOSTUNREACH => "No route to host",
            EALREADY => "Operation already in progress",
            EINPROGRESS => "Operation now in progress",
            ECANCELED => "Operation canceled",
        }
    }
}

/// What a blocked call waits for. The scheduler parks the caller until it fires, then retries the call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WaitOn {
    /// Data, a connection, EOF or an error on the fd.
    Readable(Fd),
    /// Room in the send buffer, or a finished connect.
    Writable(Fd),
    /// Any of several fds becomes ready (select/poll/epoll), or the deadline passes, or a signal arrives.
    Any { readable: Vec<Fd>, writable: Vec<Fd>, deadline: Option<Nanos> },
    /// Virtual time reaches the deadline (sleep), unless a signal interrupts it.
    Until(Nanos),
    /// A signal is delivered (`pause`, `sigsuspend`).
    Signal,
}

/// The answer to a syscall.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome<T> {
    Ok(T),
    Err(Errno),
    WouldBlock(WaitOn),
}

/// A syscall a program makes, with Linux's name and arguments (buffers are passed by value: the
/// simulation has no user memory). The first five variants are the ones the VM needs on its own (print,
/// input, time) and keep their shapes. Flags and constants are Linux's numbers, in [`consts`].
///
/// Deviations from Linux made at this boundary:
/// - output arguments (buffers, addresses, fd sets, events) come back in [`Ret`] instead of user memory;
/// - `select`'s fd sets are lists of fds (an empty list is a NULL set) and its timeout is relative, as
///   Linux's; a retried blocking call keeps the deadline computed when it was first entered;
/// - `aio_*` are the POSIX functions as if the kernel implemented them (glibc uses a helper thread):
///   UNP figure 6.5's picture, the kernel doing both phases; `cb` names the caller's `aiocb`;
/// - io_uring's rings are passed by value: `io_uring_enter` takes the submissions and returns the
///   completions that are ready.
#[derive(Clone, Debug, PartialEq)]
pub enum Call {
    /// `write(2)`: `print` ends here, on fd 1.
    Write { fd: Fd, data: Vec<u8> },
    /// `read(2)`: `input` reads fd 0.
    Read { fd: Fd, count: usize },
    /// `clock_nanosleep(2)` on CLOCK_MONOTONIC with TIMER_ABSTIME, as CPython's `time.sleep` calls it.
    ClockNanosleep { until: Nanos },
    /// `clock_gettime(2)`; `monotonic` false means CLOCK_REALTIME.
    ClockGettime { monotonic: bool },
    /// `getpid(2)`.
    Getpid,
    /// `nanosleep(2)`: a relative sleep.
    Nanosleep { duration: Nanos },
    /// `socket(2)`: `ty` may carry `SOCK_NONBLOCK` and `SOCK_CLOEXEC`.
    Socket { domain: i32, ty: i32, protocol: i32 },
    /// `bind(2)`.
    Bind { fd: Fd, addr: SocketAddrV4 },
    /// `listen(2)`.
    Listen { fd: Fd, backlog: i32 },
    /// `accept4(2)`: `flags` may carry `SOCK_NONBLOCK` and `SOCK_CLOEXEC`.
    Accept4 { fd: Fd, flags: i32 },
    /// `connect(2)`.
    Connect { fd: Fd, addr: SocketAddrV4 },
    /// `recvfrom(2)` (CPython's `recv` is `recvfrom` with NULL address, as strace shows).
    RecvFrom { fd: Fd, len: usize, flags: i32 },
    /// `sendto(2)` (`send` is `sendto` with no address).
    SendTo { fd: Fd, data: Vec<u8>, flags: i32, addr: Option<SocketAddrV4> },
    /// `shutdown(2)`: `how` is `SHUT_RD`, `SHUT_WR` or `SHUT_RDWR`.
    Shutdown { fd: Fd, how: i32 },
    /// `close(2)`.
    Close { fd: Fd },
    /// `getsockname(2)`.
    GetSockName { fd: Fd },
    /// `getpeername(2)`.
    GetPeerName { fd: Fd },
    /// `setsockopt(2)` with an int option value.
    SetSockOpt { fd: Fd, level: i32, name: i32, value: i32 },
    /// `getsockopt(2)` of an int option.
    GetSockOpt { fd: Fd, level: i32, name: i32 },
    /// `fcntl(2)`: `F_GETFL`/`F_SETFL` (`O_NONBLOCK`, `O_ASYNC`), `F_GETFD`/`F_SETFD`, `F_SETOWN`/`F_GETOWN`,
    /// `F_SETSIG`/`F_GETSIG`.
    Fcntl { fd: Fd, cmd: i32, arg: i64 },
    /// `ioctl(2)`: `FIONBIO`, `FIOASYNC` (arg is the int pointed to), `FIONREAD`.
    Ioctl { fd: Fd, request: u64, arg: i32 },
    /// `pipe2(2)`.
    Pipe2 { flags: i32 },
    /// `select(2)`: fds listed per set; `timeout` None blocks forever.
    Select { nfds: i32, read: Vec<Fd>, write: Vec<Fd>, except: Vec<Fd>, timeout: Option<Nanos> },
    /// `poll(2)`: `timeout_ms` negative blocks forever.
    Poll { fds: Vec<PollFd>, timeout_ms: i32 },
    /// `epoll_create1(2)`.
    EpollCreate1 { flags: i32 },
    /// `epoll_ctl(2)`: `events` and `data` are the `struct epoll_event` (ignored for `EPOLL_CTL_DEL`).
    EpollCtl { epfd: Fd, op: i32, fd: Fd, events: u32, data: u64 },
    /// `epoll_wait(2)`: `timeout_ms` negative blocks forever.
    EpollWait { epfd: Fd, maxevents: i32, timeout_ms: i32 },
    /// `rt_sigaction(2)`: `action` None only queries.
    RtSigaction { sig: i32, action: Option<SigAction> },
    /// `rt_sigprocmask(2)`: `how` is `SIG_BLOCK`, `SIG_UNBLOCK` or `SIG_SETMASK`; `set` None only queries.
    RtSigprocmask { how: i32, set: Option<u64> },
    /// `kill(2)`.
    Kill { pid: Pid, sig: i32 },
    /// `alarm(2)`.
    Alarm { seconds: u32 },
    /// `setitimer(2)` for `ITIMER_REAL` (SIGALRM): `value` 0 disarms.
    Setitimer { which: i32, value: Nanos, interval: Nanos },
    /// `pause(2)`.
    Pause,
    /// `aio_read(3)`: start reading up to `nbytes` from `fd`; completion is signalled per `notify`.
    AioRead { cb: u64, fd: Fd, nbytes: usize, notify: SigEvent },
    /// `aio_write(3)`.
    AioWrite { cb: u64, fd: Fd, data: Vec<u8>, notify: SigEvent },
    /// `aio_error(3)`: 0 when done, `EINPROGRESS` while running, else the error — as a value.
    AioError { cb: u64 },
    /// `aio_return(3)`: the final result, once.
    AioReturn { cb: u64 },
    /// `aio_suspend(3)`: wait until one of `cbs` is done or the relative timeout passes.
    AioSuspend { cbs: Vec<u64>, timeout: Option<Nanos> },
    /// `io_uring_setup(2)`.
    IoUringSetup { entries: u32 },
    /// `io_uring_enter(2)`: submit `submit`, wait until `min_complete` completions are ready.
    IoUringEnter { fd: Fd, submit: Vec<Sqe>, min_complete: u32 },
    /// `exit_group(2)`: the process ends; its fds are closed.
    ExitGroup { status: i32 },
}

impl Call {
    /// The syscall's Linux name, as strace prints it.
    pub fn name(&self) -> &'static str {
        match self {
            Call::Write { .. } => "write",
            Call::Read { .. } => "read",
            Call::ClockNanosleep { .. } => "clock_nanosleep",
            Call::ClockGettime { .. } => "clock_gettime",
            Call::Getpid => "getpid",
            Call::Nanosleep { .. } => "nanosleep",
            Call::Socket { .. } => "socket",
            Call::Bind { .. } => "bind",
            Call::Listen { .. } => "listen",
            Call::Accept4 { .. } => "accept4",
            Call::Connect { .. } => "connect",
            Call::RecvFrom { .. } => "recvfrom",
            Call::SendTo { .. } => "sendto",
            Call::Shutdown { .. } => "shutdown",
            Call::Close { .. } => "close",
            Call::GetSockName { .. } => "getsockname",
            Call::GetPeerName { .. } => "getpeername",
            Call::SetSockOpt { .. } => "setsockopt",
            Call::GetSockOpt { .. } => "getsockopt",
            Call::Fcntl { .. } => "fcntl",
            Call::Ioctl { .. } => "ioctl",
            Call::Pipe2 { .. } => "pipe2",
            Call::Select { .. } => "select",
            Call::Poll { .. } => "poll",
            Call::EpollCreate1 { .. } => "epoll_create1",
            Call::EpollCtl { .. } => "epoll_ctl",
            Call::EpollWait { .. } => "epoll_wait",
            Call::RtSigaction { .. } => "rt_sigaction",
            Call::RtSigprocmask { .. } => "rt_sigprocmask",
            Call::Kill { .. } => "kill",
            Call::Alarm { .. } => "alarm",
            Call::Setitimer { .. } => "setitimer",
            Call::Pause => "pause",
            Call::AioRead { .. } => "aio_read",
            Call::AioWrite { .. } => "aio_write",
            Call::AioError { .. } => "aio_error",
            Call::AioReturn { .. } => "aio_return",
            Call::AioSuspend { .. } => "aio_suspend",
            Call::IoUringSetup { .. } => "io_uring_setup",
            Call::IoUringEnter { .. } => "io_uring_enter",
            Call::ExitGroup { .. } => "exit_group",
        }
    }
}

/// One `struct pollfd`: `revents` is filled in the answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PollFd {
    pub fd: Fd,
    pub events: i16,
    pub revents: i16,
}

/// One `struct epoll_event` as `epoll_wait` reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EpollEvent {
    pub events: u32,
    pub data: u64,
}

/// A signal's disposition (`sa_handler`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SigHandler {
    Default,
    Ignore,
    /// A user handler; the number names it for the caller (CPython's C trampoline, say).
    Handler(u64),
}

/// `struct sigaction`, the parts the simulation honours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SigAction {
    pub handler: SigHandler,
    /// `SA_RESTART` and friends.
    pub flags: i32,
    /// Signals blocked while the handler runs.
    pub mask: u64,
}

impl Default for SigAction {
    fn default() -> Self {
        SigAction { handler: SigHandler::Default, flags: 0, mask: 0 }
    }
}

/// `struct sigevent` for aio: `SIGEV_NONE`, or `SIGEV_SIGNAL` with the signal to raise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SigEvent {
    None,
    Signal(i32),
}

/// An io_uring submission queue entry (the opcodes the simulation knows).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sqe {
    pub op: UringOp,
    pub user_data: u64,
}

/// io_uring opcodes: `IORING_OP_RECV`, `SEND`, `ACCEPT`, `POLL_ADD`, `TIMEOUT`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UringOp {
    Recv { fd: Fd, len: usize },
    Send { fd: Fd, data: Vec<u8> },
    Accept { fd: Fd },
    PollAdd { fd: Fd, events: i16 },
    Timeout { after: Nanos },
}

/// An io_uring completion queue entry: `res` is a count, an fd, poll bits, or `-errno`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cqe {
    pub user_data: u64,
    pub res: i32,
    /// The bytes a RECV read (the simulation has no user buffer to put them in).
    pub data: Vec<u8>,
}

/// A syscall's successful result.
#[derive(Clone, Debug, PartialEq)]
pub enum Ret {
    /// A count, an fd, a pid, flags, or 0.
    Int(i64),
    /// Bytes read.
    Bytes(Vec<u8>),
    /// A time in nanoseconds.
    Time(Nanos),
    /// `recvfrom`: the bytes and, for datagrams, who sent them.
    Recv { data: Vec<u8>, from: Option<SocketAddrV4> },
    /// `accept4`: the new fd and the peer's address.
    Accepted { fd: Fd, peer: SocketAddrV4 },
    /// `getsockname`/`getpeername`.
    Addr(SocketAddrV4),
    /// `pipe2`: the read end and the write end.
    Pipe { read: Fd, write: Fd },
    /// `select`: the ready fds per set (the return value is their total).
    Selected { read: Vec<Fd>, write: Vec<Fd>, except: Vec<Fd> },
    /// `poll`: every pollfd with `revents` filled (the return value counts the non-zero ones).
    Polled(Vec<PollFd>),
    /// `epoll_wait`: the events reported.
    Epoll(Vec<EpollEvent>),
    /// `rt_sigaction`: the old action.
    SigAction(SigAction),
    /// `rt_sigprocmask`: the old mask.
    SigMask(u64),
    /// `setitimer`: the old value and interval.
    Itimer { value: Nanos, interval: Nanos },
    /// `io_uring_enter`: how many were submitted, and the completions now reaped.
    Uring { submitted: u32, completions: Vec<Cqe> },
}

/// Anything that answers syscalls: the simulated kernel, later the native one.
pub trait Syscalls {
    /// Make `call` for `pid` at virtual time `now`. Never blocks: a call that would block answers
    /// [`Outcome::WouldBlock`], and the caller retries the same call once the wait is over.
    fn syscall(&mut self, pid: Pid, call: &Call, now: Nanos) -> Outcome<Ret>;
}
