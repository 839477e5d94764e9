//! The syscall contract between a program and a kernel (mio's habit: one module whose types are the
//! contract, with a simulated implementation and, on hosts, a native one).
//!
//! A program never calls a kernel directly. The VM's natives return an action "make this syscall"
//! ([`Call`]); whoever drives the VM (the simulated world, or the native backend) hands it to a kernel and
//! resumes the VM with the [`Outcome`]. A call that would block answers [`Outcome::WouldBlock`] with what it
//! waits on; the driver parks the caller and retries the call when that fires. That retry *is* blocking IO.

/// A file descriptor, as Linux numbers them.
pub type Fd = i32;

/// Virtual time in nanoseconds since the world started.
pub type Nanos = u64;

/// Linux's errno values (x86-64 numbering), the ones the simulation can produce.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
    Any {
        readable: Vec<Fd>,
        writable: Vec<Fd>,
        deadline: Option<Nanos>,
    },
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
/// simulation has no user memory). The kernel work owns this list and extends it; the first variants are
/// the ones the VM needs on its own (print, input, time).
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
}

/// A syscall's successful result.
#[derive(Clone, Debug, PartialEq)]
pub enum Ret {
    /// A count, an fd, a pid, or 0.
    Int(i64),
    /// Bytes read.
    Bytes(Vec<u8>),
    /// A time in nanoseconds.
    Time(Nanos),
}
