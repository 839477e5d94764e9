//! The lesson's libraries — `socket`, `select`, `selectors`, `gevent`, `eventlet`, `urllib.request`, … —
//! written in the Python subset on top of one native module, `_ioplay` (each function one syscall; the
//! contract is `_ioplay.md`, here as [`IOPLAY_CONTRACT`]). The VM imports them from [`find`]: a learner who
//! steps into `gevent.sleep` sees the hub greenlet call `epoll_wait`, as in the real library.
//!
//! The sources are proven on CPython 3.11 against the real libraries by `tests/pylib/compare.py`, which
//! runs programs through them over `tests/pylib/_ioplay.py` (the same contract on real syscalls).

/// One module of the library: its dotted name, its file under this directory, and its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    /// The dotted module name, as `import` names it (`gevent.hub`; `gevent` for `gevent/__init__.py`).
    pub module: &'static str,
    /// The file, relative to this directory.
    pub path: &'static str,
    /// True for a package's `__init__.py`: submodules are imported relative to it.
    pub is_package: bool,
    /// The Python source.
    pub text: &'static str,
}

macro_rules! source {
    ($module:literal, $path:literal, $package:literal) => {
        Source { module: $module, path: $path, is_package: $package, text: include_str!($path) }
    };
}

/// Every module, sorted by name (so [`find`] can binary-search).
pub const SOURCES: &[Source] = &[
    source!("aio", "aio.py", false),
    source!("collections", "std/collections.py", false),
    source!("copy", "std/copy.py", false),
    source!("dataclasses", "std/dataclasses.py", false),
    source!("datetime", "std/datetime.py", false),
    source!("enum", "enum.py", false),
    source!("errno", "errno.py", false),
    source!("eventlet", "eventlet/__init__.py", true),
    source!("eventlet.convenience", "eventlet/convenience.py", false),
    source!("eventlet.event", "eventlet/event.py", false),
    source!("eventlet.green", "eventlet/green/__init__.py", true),
    source!("eventlet.green.socket", "eventlet/green/socket.py", false),
    source!("eventlet.greenpool", "eventlet/greenpool.py", false),
    source!("eventlet.greenthread", "eventlet/greenthread.py", false),
    source!("eventlet.patcher", "eventlet/patcher.py", false),
    source!("eventlet.queue", "eventlet/queue.py", false),
    source!("eventlet.semaphore", "eventlet/semaphore.py", false),
    source!("eventlet.timeout", "eventlet/timeout.py", false),
    source!("fcntl", "fcntl.py", false),
    source!("functools", "std/functools.py", false),
    source!("gevent", "gevent/__init__.py", true),
    source!("gevent._abstract_linkable", "gevent/_abstract_linkable.py", false),
    source!("gevent.event", "gevent/event.py", false),
    source!("gevent.exceptions", "gevent/exceptions.py", false),
    source!("gevent.greenlet", "gevent/greenlet.py", false),
    source!("gevent.hub", "gevent/hub.py", false),
    source!("gevent.lock", "gevent/lock.py", false),
    source!("gevent.monkey", "gevent/monkey.py", false),
    source!("gevent.pool", "gevent/pool.py", false),
    source!("gevent.queue", "gevent/queue.py", false),
    source!("gevent.select", "gevent/select.py", false),
    source!("gevent.socket", "gevent/socket.py", false),
    source!("gevent.timeout", "gevent/timeout.py", false),
    source!("heapq", "std/heapq.py", false),
    source!("http", "http/__init__.py", true),
    source!("http.client", "http/client.py", false),
    source!("itertools", "std/itertools.py", false),
    source!("json", "std/json.py", false),
    source!("os", "os.py", false),
    source!("queue", "queue.py", false),
    source!("select", "select.py", false),
    source!("selectors", "selectors.py", false),
    source!("signal", "signal.py", false),
    source!("socket", "socket.py", false),
    source!("string", "std/string.py", false),
    source!("time", "std/time.py", false),
    source!("typing", "std/typing.py", false),
    source!("urllib", "urllib/__init__.py", true),
    source!("urllib.error", "urllib/error.py", false),
    source!("urllib.request", "urllib/request.py", false),
];

/// The contract between these libraries and the VM's native `_ioplay` module.
pub const IOPLAY_CONTRACT: &str = include_str!("_ioplay.md");

/// Modules the libraries may import besides each other: the VM provides them natively.
pub const NATIVE_IMPORTS: &[&str] = &["_ioplay", "_time", "greenlet", "sys"];

/// The source of module `name` (`"socket"`, `"gevent.hub"`), if the library has it.
pub fn find(name: &str) -> Option<&'static Source> {
    SOURCES.binary_search_by(|source| source.module.cmp(name)).ok().map(|index| &SOURCES[index])
}

#[cfg(test)]
mod tests;
