//! `_ioplay`: the one native module under ioplay's Python libraries (`socket`, `select`, `selectors`,
//! `gevent`, …; the contract is `crate/py/modules/lib/_ioplay.md`). Each function builds exactly one
//! [`Call`], returns the "make a syscall" action, and turns the answer into a value — or into
//! `OSError(errno, strerror)` of the subclass CPython picks (`BlockingIOError`, `ConnectionRefusedError`…).
//!
//! `gethostbyname` is no syscall: it looks the name up in the table the world gave the process when it
//! started ([`set_hosts`], the world's `/etc/hosts`). The aio request ids are counted in the module.
//!
//! `sigaction` keeps the Python handlers in the module (by signal number) and gives the kernel the signal
//! number as the handler's name; when the kernel delivers it, [`run_signal_handler`] calls the handler.
//!
//! Not here yet: `aio_cancel` (the kernel has no cancel call).

use crate::py::value::{Obj, ObjId, Value};
use crate::py::vm::{Action, Args, SysCont, SysFn, SysFnPtr, Vm};
use crate::py::vm::{ContKind, ReturnTo};
use crate::sys::{Call, Errno, Ipv4Addr, PollFd, Ret, SigAction, SigEvent, SigHandler, SocketAddrV4};

type R = Result<Action, Value>;

/// How the answer of an `_ioplay` call becomes its Python result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Then {
    /// `None`.
    Nothing,
    /// The int the call returned (an fd, a count, flags).
    Int,
    /// The bytes read (`recv`, `read`).
    Bytes,
    /// `(bytes, (ip, port) or None)`.
    BytesFrom,
    /// `(fd, (ip, port))`.
    Accepted,
    /// `(ip, port)`.
    Addr,
    /// `(read_fd, write_fd)`.
    Pipe,
    /// `([r], [w], [x])`.
    Selected,
    /// `[(fd, revents)]` of the fds with events.
    Polled,
    /// `[(fd, events)]`.
    Epoll,
    /// A time as int nanoseconds.
    Nanos,
    /// `(old_seconds, old_interval)` as floats.
    Itimer,
    /// An aio request was started: its id (the call's kept data).
    RequestId,
    /// `sigaction`: the old disposition; the Python handler it named is the call's kept data.
    OldHandler,
}

/// One [`SysFn`] per [`Then`]: the VM calls it with the kernel's answer and the data the call kept.
macro_rules! answers {
    ($($then:ident => $name:ident;)*) => {
        $(
            fn $name(vm: &mut Vm, answer: Result<Ret, Errno>, data: Value) -> R {
                let ret = answer.map_err(|e| vm.os_error(e))?;
                complete(vm, Then::$then, ret, data)
            }
        )*

        /// The call, and how its answer becomes the result.
        fn syscall_keeping(call: Call, then: Then, data: Value) -> R {
            let f: SysFn = match then {
                $(Then::$then => $name,)*
            };
            Ok(Action::Syscall {
                call,
                then: SysCont::Native { f: SysFnPtr(f), data },
            })
        }
    };
}

answers! {
    Nothing => answer_nothing;
    Int => answer_int;
    Bytes => answer_bytes;
    BytesFrom => answer_bytes_from;
    Accepted => answer_accepted;
    Addr => answer_addr;
    Pipe => answer_pipe;
    Selected => answer_selected;
    Polled => answer_polled;
    Epoll => answer_epoll;
    Nanos => answer_nanos;
    Itimer => answer_itimer;
    RequestId => answer_request_id;
    OldHandler => answer_old_handler;
}

/// The module attribute holding the world's names: a tuple of `(name, ip)` pairs.
const HOSTS: &str = "_hosts";
/// The module attribute holding the Python signal handlers: a list indexed by signal number.
const SIGNAL_HANDLERS: &str = "_signal_handlers";
/// Signal numbers run from 1 to 64.
const NSIG: usize = 65;
/// The module attribute counting aio requests.
const AIO_LAST: &str = "_aio_last";

/// Give the process the names it can resolve (called by the world when the process starts).
pub fn set_hosts(vm: &mut Vm, hosts: &[(String, Ipv4Addr)]) {
    let Ok(m) = vm.import("_ioplay") else { unreachable!("_ioplay is a native module and always imports") };
    let pairs = hosts
        .iter()
        .map(|(name, ip)| {
            let name = vm.new_str(name);
            let ip = vm.new_str(&ip.to_string());
            vm.new_tuple(vec![name, ip])
        })
        .collect();
    let table = vm.new_tuple(pairs);
    vm.module_set(m, HOSTS, table);
}

/// An attribute of the `_ioplay` module, if set.
fn module_attr(vm: &Vm, name: &str) -> Option<Value> {
    vm.loaded_module_attr("_ioplay", name)
}

pub fn module(vm: &mut Vm) -> ObjId {
    let m = vm.new_module("_ioplay");
    vm.def_native(m, "_ioplay.socket", socket);
    vm.def_native(m, "_ioplay.bind", bind);
    vm.def_native(m, "_ioplay.listen", listen);
    vm.def_native(m, "_ioplay.accept4", accept4);
    vm.def_native(m, "_ioplay.connect", connect);
    vm.def_native(m, "_ioplay.recv", recv);
    vm.def_native(m, "_ioplay.recvfrom", recvfrom);
    vm.def_native(m, "_ioplay.send", send);
    vm.def_native(m, "_ioplay.sendto", sendto);
    vm.def_native(m, "_ioplay.shutdown", shutdown);
    vm.def_native(m, "_ioplay.close", close);
    vm.def_native(m, "_ioplay.getsockname", getsockname);
    vm.def_native(m, "_ioplay.getpeername", getpeername);
    vm.def_native(m, "_ioplay.setsockopt", setsockopt);
    vm.def_native(m, "_ioplay.getsockopt", getsockopt);
    vm.def_native(m, "_ioplay.fcntl", fcntl);
    vm.def_native(m, "_ioplay.ioctl", ioctl);
    vm.def_native(m, "_ioplay.read", read);
    vm.def_native(m, "_ioplay.write", write);
    vm.def_native(m, "_ioplay.pipe2", pipe2);
    vm.def_native(m, "_ioplay.select", select);
    vm.def_native(m, "_ioplay.poll", poll);
    vm.def_native(m, "_ioplay.epoll_create1", epoll_create1);
    vm.def_native(m, "_ioplay.epoll_ctl", epoll_ctl);
    vm.def_native(m, "_ioplay.epoll_wait", epoll_wait);
    vm.def_native(m, "_ioplay.clock_gettime", clock_gettime);
    vm.def_native(m, "_ioplay.clock_nanosleep", clock_nanosleep);
    vm.def_native(m, "_ioplay.getpid", getpid);
    vm.def_native(m, "_ioplay.kill", kill);
    vm.def_native(m, "_ioplay.alarm", alarm);
    vm.def_native(m, "_ioplay.setitimer", setitimer);
    vm.def_native(m, "_ioplay.pause", pause);
    vm.def_native(m, "_ioplay.gethostbyname", gethostbyname);
    vm.def_native(m, "_ioplay.sigaction", sigaction);
    vm.def_native(m, "_ioplay.aio_read", aio_read);
    vm.def_native(m, "_ioplay.aio_error", aio_error);
    vm.def_native(m, "_ioplay.aio_return", aio_return);
    vm.def_native(m, "_ioplay.aio_suspend", aio_suspend);
    m
}

fn syscall(call: Call, then: Then) -> R {
    syscall_keeping(call, then, Value::None)
}

/// The Python result of a finished call (errors were already raised as `OSError`).
fn complete(vm: &mut Vm, then: Then, ret: Ret, data: Value) -> R {
    let value = match (then, ret) {
        (Then::Nothing, _) => Value::None,
        (Then::Int, Ret::Int(n)) => Value::Int(n),
        (Then::Bytes, Ret::Bytes(data) | Ret::Recv { data, .. }) => new_bytes(vm, data),
        (Then::BytesFrom, Ret::Recv { data, from }) => {
            let data = new_bytes(vm, data);
            let from = match from {
                Some(addr) => addr_value(vm, addr),
                None => Value::None,
            };
            vm.new_tuple(vec![data, from])
        }
        (Then::Accepted, Ret::Accepted { fd, peer }) => {
            let peer = addr_value(vm, peer);
            vm.new_tuple(vec![Value::Int(fd as i64), peer])
        }
        (Then::Addr, Ret::Addr(addr)) => addr_value(vm, addr),
        (Then::Pipe, Ret::Pipe { read, write }) => {
            vm.new_tuple(vec![Value::Int(read as i64), Value::Int(write as i64)])
        }
        (Then::Selected, Ret::Selected { read, write, except }) => {
            let lists = [read, write, except].map(|fds| {
                let items = fds.into_iter().map(|fd| Value::Int(fd as i64)).collect();
                vm.new_list(items)
            });
            vm.new_tuple(lists.to_vec())
        }
        (Then::Polled, Ret::Polled(fds)) => {
            let items = fds
                .into_iter()
                .filter(|p| p.revents != 0)
                .map(|p| vm.new_tuple(vec![Value::Int(p.fd as i64), Value::Int(p.revents as i64)]))
                .collect();
            vm.new_list(items)
        }
        (Then::Epoll, Ret::Epoll(events)) => {
            let items = events
                .into_iter()
                .map(|e| vm.new_tuple(vec![Value::Int(e.data as i64), Value::Int(e.events as i64)]))
                .collect();
            vm.new_list(items)
        }
        (Then::Nanos, Ret::Time(t)) => Value::Int(t as i64),
        (Then::RequestId, Ret::Int(_)) => data,
        (Then::OldHandler, Ret::SigAction(old)) => match old.handler {
            SigHandler::Default => Value::Int(0),
            SigHandler::Ignore => Value::Int(1),
            SigHandler::Handler(_) => data,
        },
        (Then::Itimer, Ret::Itimer { value, interval }) => {
            vm.new_tuple(vec![Value::Float(value as f64 / 1e9), Value::Float(interval as f64 / 1e9)])
        }
        (then, ret) => panic!("the kernel answered {ret:?} to a call expecting {then:?}"),
    };
    Ok(Action::Return(value))
}

fn new_bytes(vm: &mut Vm, data: Vec<u8>) -> Value {
    Value::Obj(vm.heap.alloc(Obj::Bytes(data)))
}

fn addr_value(vm: &mut Vm, addr: SocketAddrV4) -> Value {
    let ip = vm.new_str(&addr.ip().to_string());
    vm.new_tuple(vec![ip, Value::Int(addr.port() as i64)])
}

/// Positional argument `i`, or a `TypeError` naming the function.
fn arg(vm: &mut Vm, a: &Args, i: usize, func: &str) -> Result<Value, Value> {
    a.get(i).ok_or_else(|| vm.type_error(format!("{func}() missing required argument {}", i + 1)))
}

fn int(vm: &mut Vm, a: &Args, i: usize, func: &str) -> Result<i64, Value> {
    let v = arg(vm, a, i, func)?;
    // `small_int` also reads an int subclass's value (an `AddressFamily` member).
    if let Some(n) = vm.small_int(v) {
        return Ok(n);
    }
    let name = vm.type_name(v);
    Err(vm.type_error(format!("'{name}' object cannot be interpreted as an integer")))
}

fn int32(vm: &mut Vm, a: &Args, i: usize, func: &str) -> Result<i32, Value> {
    let n = int(vm, a, i, func)?;
    i32::try_from(n)
        .map_err(|_| vm.exc(crate::py::vm::ExcKind::OverflowError, "signed integer is greater than maximum"))
}

/// An optional timeout argument: `None` (or absent, or negative) blocks.
fn opt_int(vm: &mut Vm, a: &Args, i: usize, func: &str) -> Result<Option<i64>, Value> {
    match a.get(i) {
        None | Some(Value::None) => Ok(None),
        Some(_) => int(vm, a, i, func).map(|n| (n >= 0).then_some(n)),
    }
}

fn bytes(vm: &mut Vm, a: &Args, i: usize, func: &str) -> Result<Vec<u8>, Value> {
    let v = arg(vm, a, i, func)?;
    if let Value::Obj(id) = v {
        if let Obj::Bytes(b) | Obj::ByteArray(b) = vm.heap.get(id) {
            return Ok(b.clone());
        }
    }
    let name = vm.type_name(v);
    Err(vm.type_error(format!("a bytes-like object is required, not '{name}'")))
}

/// The items of a list or tuple.
fn items(vm: &mut Vm, v: Value, what: &str) -> Result<Vec<Value>, Value> {
    if let Value::Obj(id) = v {
        if let Obj::List(xs) | Obj::Tuple(xs) = vm.heap.get(id) {
            return Ok(xs.clone());
        }
    }
    let name = vm.type_name(v);
    Err(vm.type_error(format!("{what} must be a list or tuple, not {name}")))
}

fn fds(vm: &mut Vm, v: Value, what: &str) -> Result<Vec<i32>, Value> {
    items(vm, v, what)?
        .into_iter()
        .map(|x| match x {
            Value::Int(n) => Ok(n as i32),
            _ => Err(vm.type_error(format!("{what}: file descriptors must be integers"))),
        })
        .collect()
}

/// An `(ip, port)` tuple with a dotted-quad `ip`.
fn addr(vm: &mut Vm, a: &Args, i: usize, func: &str) -> Result<SocketAddrV4, Value> {
    let v = arg(vm, a, i, func)?;
    let parts = items(vm, v, "address")?;
    let (ip, port) = match parts.as_slice() {
        [Value::Obj(ip), Value::Int(port)] => (*ip, *port),
        _ => return Err(vm.type_error(format!("{func}(): AF_INET address must be a pair (host, port)"))),
    };
    let Obj::Str(text) = vm.heap.get(ip) else {
        return Err(vm.type_error(format!("{func}(): the host must be a str")));
    };
    let text = text.clone();
    let ip: Ipv4Addr = text
        .parse()
        .map_err(|_| vm.value_error(format!("{func}(): {text:?} is not a dotted-quad address")))?;
    let port = u16::try_from(port).map_err(|_| {
        vm.exc(crate::py::vm::ExcKind::OverflowError, format!("{func}(): port must be 0-65535."))
    })?;
    Ok(SocketAddrV4::new(ip, port))
}

fn socket(vm: &mut Vm, a: Args) -> R {
    let call = Call::Socket {
        domain: int32(vm, &a, 0, "socket")?,
        ty: int32(vm, &a, 1, "socket")?,
        protocol: int32(vm, &a, 2, "socket")?,
    };
    syscall(call, Then::Int)
}

fn bind(vm: &mut Vm, a: Args) -> R {
    let call = Call::Bind { fd: int32(vm, &a, 0, "bind")?, addr: addr(vm, &a, 1, "bind")? };
    syscall(call, Then::Nothing)
}

fn listen(vm: &mut Vm, a: Args) -> R {
    let call = Call::Listen { fd: int32(vm, &a, 0, "listen")?, backlog: int32(vm, &a, 1, "listen")? };
    syscall(call, Then::Nothing)
}

fn accept4(vm: &mut Vm, a: Args) -> R {
    let call = Call::Accept4 { fd: int32(vm, &a, 0, "accept4")?, flags: int32(vm, &a, 1, "accept4")? };
    syscall(call, Then::Accepted)
}

fn connect(vm: &mut Vm, a: Args) -> R {
    let call = Call::Connect { fd: int32(vm, &a, 0, "connect")?, addr: addr(vm, &a, 1, "connect")? };
    syscall(call, Then::Nothing)
}

fn recv_call(vm: &mut Vm, a: &Args, func: &str) -> Result<Call, Value> {
    let len = int(vm, a, 1, func)?;
    if len < 0 {
        return Err(vm.value_error(format!("negative buffersize in {func}")));
    }
    Ok(Call::RecvFrom { fd: int32(vm, a, 0, func)?, len: len as usize, flags: int32(vm, a, 2, func)? })
}

fn recv(vm: &mut Vm, a: Args) -> R {
    syscall(recv_call(vm, &a, "recv")?, Then::Bytes)
}

fn recvfrom(vm: &mut Vm, a: Args) -> R {
    syscall(recv_call(vm, &a, "recvfrom")?, Then::BytesFrom)
}

fn send(vm: &mut Vm, a: Args) -> R {
    let call = Call::SendTo {
        fd: int32(vm, &a, 0, "send")?,
        data: bytes(vm, &a, 1, "send")?,
        flags: int32(vm, &a, 2, "send")?,
        addr: None,
    };
    syscall(call, Then::Int)
}

fn sendto(vm: &mut Vm, a: Args) -> R {
    let call = Call::SendTo {
        fd: int32(vm, &a, 0, "sendto")?,
        data: bytes(vm, &a, 1, "sendto")?,
        flags: int32(vm, &a, 2, "sendto")?,
        addr: Some(addr(vm, &a, 3, "sendto")?),
    };
    syscall(call, Then::Int)
}

fn shutdown(vm: &mut Vm, a: Args) -> R {
    let call = Call::Shutdown { fd: int32(vm, &a, 0, "shutdown")?, how: int32(vm, &a, 1, "shutdown")? };
    syscall(call, Then::Nothing)
}

fn close(vm: &mut Vm, a: Args) -> R {
    syscall(Call::Close { fd: int32(vm, &a, 0, "close")? }, Then::Nothing)
}

fn getsockname(vm: &mut Vm, a: Args) -> R {
    syscall(Call::GetSockName { fd: int32(vm, &a, 0, "getsockname")? }, Then::Addr)
}

fn getpeername(vm: &mut Vm, a: Args) -> R {
    syscall(Call::GetPeerName { fd: int32(vm, &a, 0, "getpeername")? }, Then::Addr)
}

fn setsockopt(vm: &mut Vm, a: Args) -> R {
    let call = Call::SetSockOpt {
        fd: int32(vm, &a, 0, "setsockopt")?,
        level: int32(vm, &a, 1, "setsockopt")?,
        name: int32(vm, &a, 2, "setsockopt")?,
        value: int32(vm, &a, 3, "setsockopt")?,
    };
    syscall(call, Then::Nothing)
}

fn getsockopt(vm: &mut Vm, a: Args) -> R {
    let call = Call::GetSockOpt {
        fd: int32(vm, &a, 0, "getsockopt")?,
        level: int32(vm, &a, 1, "getsockopt")?,
        name: int32(vm, &a, 2, "getsockopt")?,
    };
    syscall(call, Then::Int)
}

fn fcntl(vm: &mut Vm, a: Args) -> R {
    let call = Call::Fcntl {
        fd: int32(vm, &a, 0, "fcntl")?,
        cmd: int32(vm, &a, 1, "fcntl")?,
        arg: int(vm, &a, 2, "fcntl")?,
    };
    syscall(call, Then::Int)
}

fn ioctl(vm: &mut Vm, a: Args) -> R {
    let call = Call::Ioctl {
        fd: int32(vm, &a, 0, "ioctl")?,
        request: int(vm, &a, 1, "ioctl")? as u64,
        arg: int32(vm, &a, 2, "ioctl")?,
    };
    syscall(call, Then::Int)
}

fn read(vm: &mut Vm, a: Args) -> R {
    let count = int(vm, &a, 1, "read")?;
    if count < 0 {
        return Err(vm.value_error("negative count"));
    }
    let call = Call::Read { fd: int32(vm, &a, 0, "read")?, count: count as usize };
    syscall(call, Then::Bytes)
}

fn write(vm: &mut Vm, a: Args) -> R {
    let call = Call::Write { fd: int32(vm, &a, 0, "write")?, data: bytes(vm, &a, 1, "write")? };
    syscall(call, Then::Int)
}

fn pipe2(vm: &mut Vm, a: Args) -> R {
    let flags = match a.get(0) {
        None => 0,
        Some(_) => int32(vm, &a, 0, "pipe2")?,
    };
    syscall(Call::Pipe2 { flags }, Then::Pipe)
}

fn select(vm: &mut Vm, a: Args) -> R {
    let sets = [0, 1, 2]
        .map(|i| arg(vm, &a, i, "select").and_then(|v| fds(vm, v, "select")))
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?;
    let nfds = sets.iter().flatten().max().map_or(0, |fd| fd + 1);
    let [read, write, except]: [Vec<i32>; 3] = sets.try_into().expect("three sets");
    let timeout = opt_int(vm, &a, 3, "select")?.map(|ns| ns as u64);
    let call = Call::Select { nfds, read, write, except, timeout };
    syscall(call, Then::Selected)
}

fn timeout_ms(vm: &mut Vm, a: &Args, i: usize, func: &str) -> Result<i32, Value> {
    Ok(opt_int(vm, a, i, func)?.map_or(-1, |ms| ms.min(i32::MAX as i64) as i32))
}

fn poll(vm: &mut Vm, a: Args) -> R {
    let list = arg(vm, &a, 0, "poll")?;
    let mut fds = Vec::new();
    for pair in items(vm, list, "poll")? {
        match items(vm, pair, "poll")?.as_slice() {
            [Value::Int(fd), Value::Int(events)] => {
                fds.push(PollFd { fd: *fd as i32, events: *events as i16, revents: 0 })
            }
            _ => return Err(vm.type_error("poll(): expected (fd, events) pairs")),
        }
    }
    let timeout_ms = timeout_ms(vm, &a, 1, "poll")?;
    syscall(Call::Poll { fds, timeout_ms }, Then::Polled)
}

fn epoll_create1(vm: &mut Vm, a: Args) -> R {
    let flags = match a.get(0) {
        None => 0,
        Some(_) => int32(vm, &a, 0, "epoll_create1")?,
    };
    syscall(Call::EpollCreate1 { flags }, Then::Int)
}

fn epoll_ctl(vm: &mut Vm, a: Args) -> R {
    let fd = int32(vm, &a, 2, "epoll_ctl")?;
    let events = match a.get(3) {
        None => 0,
        Some(_) => int(vm, &a, 3, "epoll_ctl")? as u32,
    };
    let call = Call::EpollCtl {
        epfd: int32(vm, &a, 0, "epoll_ctl")?,
        op: int32(vm, &a, 1, "epoll_ctl")?,
        fd,
        events,
        // The event's data is the fd, so epoll_wait can answer `[(fd, events)]`.
        data: fd as u64,
    };
    syscall(call, Then::Nothing)
}

fn epoll_wait(vm: &mut Vm, a: Args) -> R {
    let call = Call::EpollWait {
        epfd: int32(vm, &a, 0, "epoll_wait")?,
        maxevents: int32(vm, &a, 1, "epoll_wait")?,
        timeout_ms: timeout_ms(vm, &a, 2, "epoll_wait")?,
    };
    syscall(call, Then::Epoll)
}

fn clock_gettime(vm: &mut Vm, a: Args) -> R {
    let clock = int(vm, &a, 0, "clock_gettime")?;
    syscall(Call::ClockGettime { monotonic: clock != 0 }, Then::Nanos)
}

fn clock_nanosleep(vm: &mut Vm, a: Args) -> R {
    let until = int(vm, &a, 0, "clock_nanosleep")?.max(0) as u64;
    syscall(Call::ClockNanosleep { until }, Then::Nothing)
}

fn getpid(_vm: &mut Vm, _a: Args) -> R {
    syscall(Call::Getpid, Then::Int)
}

fn kill(vm: &mut Vm, a: Args) -> R {
    let call = Call::Kill { pid: int(vm, &a, 0, "kill")? as u32, sig: int32(vm, &a, 1, "kill")? };
    syscall(call, Then::Nothing)
}

fn alarm(vm: &mut Vm, a: Args) -> R {
    let seconds = int(vm, &a, 0, "alarm")?.clamp(0, u32::MAX as i64) as u32;
    syscall(Call::Alarm { seconds }, Then::Int)
}

fn seconds(vm: &mut Vm, a: &Args, i: usize) -> Result<u64, Value> {
    let v = a.get(i).unwrap_or(Value::Int(0));
    match vm.as_f64(v) {
        Some(s) if s >= 0.0 => Ok((s * 1e9).round() as u64),
        _ => Err(vm.type_error("setitimer(): seconds must be a non-negative number")),
    }
}

fn setitimer(vm: &mut Vm, a: Args) -> R {
    let call = Call::Setitimer {
        which: int32(vm, &a, 0, "setitimer")?,
        value: seconds(vm, &a, 1)?,
        interval: seconds(vm, &a, 2)?,
    };
    syscall(call, Then::Itimer)
}

fn pause(_vm: &mut Vm, _a: Args) -> R {
    syscall(Call::Pause, Then::Nothing)
}

fn gethostbyname(vm: &mut Vm, a: Args) -> R {
    let name = match arg(vm, &a, 0, "gethostbyname")? {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Str(s) => s.to_string(),
            _ => String::new(),
        },
        _ => String::new(),
    };
    if name.parse::<Ipv4Addr>().is_ok() {
        return Ok(Action::Return(vm.new_str(&name)));
    }
    let table = module_attr(vm, HOSTS).unwrap_or(Value::None);
    let pairs = items(vm, table, "hosts").unwrap_or_default();
    for pair in pairs {
        let Value::Obj(id) = pair else { continue };
        let Obj::Tuple(kv) = vm.heap.get(id) else { continue };
        let [Value::Obj(k), ip] = kv.as_slice() else {
            continue;
        };
        if matches!(vm.heap.get(*k), Obj::Str(s) if **s == *name) {
            return Ok(Action::Return(*ip));
        }
    }
    // getaddrinfo's EAI_NONAME, as CPython's socket.gaierror carries it.
    let msg = vm.new_str("Name or service not known");
    let cls = vm.exc_class(crate::py::vm::ExcKind::OSError);
    let exc = vm.new_exc_from(cls, vec![Value::Int(-2), msg]);
    vm.set_os_error_attrs(exc);
    Err(exc)
}

fn aio_read(vm: &mut Vm, a: Args) -> R {
    let fd = int32(vm, &a, 0, "aio_read")?;
    let nbytes = int(vm, &a, 1, "aio_read")?.max(0) as usize;
    let signo = match a.get(2) {
        None | Some(Value::None) => 0,
        Some(_) => int32(vm, &a, 2, "aio_read")?,
    };
    let id = match module_attr(vm, AIO_LAST) {
        Some(Value::Int(n)) => n as u64 + 1,
        _ => 1,
    };
    let m = *vm.modules.get("_ioplay").expect("aio_read is called from the imported module");
    vm.module_set(m, AIO_LAST, Value::Int(id as i64));
    let notify = if signo > 0 { SigEvent::Signal(signo) } else { SigEvent::None };
    let call = Call::AioRead { cb: id, fd, nbytes, notify };
    syscall_keeping(call, Then::RequestId, Value::Int(id as i64))
}

fn request(vm: &mut Vm, a: &Args, func: &str) -> Result<u64, Value> {
    Ok(int(vm, a, 0, func)?.max(0) as u64)
}

fn aio_error(vm: &mut Vm, a: Args) -> R {
    let cb = request(vm, &a, "aio_error")?;
    syscall(Call::AioError { cb }, Then::Int)
}

fn aio_return(vm: &mut Vm, a: Args) -> R {
    let cb = request(vm, &a, "aio_return")?;
    syscall(Call::AioReturn { cb }, Then::Bytes)
}

fn aio_suspend(vm: &mut Vm, a: Args) -> R {
    let list = arg(vm, &a, 0, "aio_suspend")?;
    let cbs = fds(vm, list, "aio_suspend")?.into_iter().map(|id| id as u64).collect();
    let timeout = opt_int(vm, &a, 1, "aio_suspend")?.map(|ns| ns as u64);
    syscall(Call::AioSuspend { cbs, timeout }, Then::Nothing)
}

/// The list of Python handlers by signal number, made on first use.
fn signal_handlers(vm: &mut Vm) -> ObjId {
    if let Some(Value::Obj(list)) = module_attr(vm, SIGNAL_HANDLERS) {
        return list;
    }
    let list = vm.new_list(vec![Value::None; NSIG]);
    let m = *vm.modules.get("_ioplay").expect("sigaction is called from the imported module");
    vm.module_set(m, SIGNAL_HANDLERS, list);
    match list {
        Value::Obj(id) => id,
        _ => unreachable!("new_list makes an object"),
    }
}

fn sigaction(vm: &mut Vm, a: Args) -> R {
    let sig = int32(vm, &a, 0, "sigaction")?;
    let handler = arg(vm, &a, 1, "sigaction")?;
    if !(1..NSIG as i32).contains(&sig) {
        return Err(vm.value_error("signal number out of range"));
    }
    let disposition = match handler {
        Value::Int(0) | Value::Bool(false) => SigHandler::Default,
        Value::Int(1) | Value::Bool(true) => SigHandler::Ignore,
        // The kernel names a Python handler by its signal number; the callable stays in the module.
        _ => SigHandler::Handler(sig as u64),
    };
    let table = signal_handlers(vm);
    let stored = if matches!(disposition, SigHandler::Handler(_)) { handler } else { Value::None };
    let old = match vm.heap.get_mut(table) {
        Obj::List(items) => std::mem::replace(&mut items[sig as usize], stored),
        _ => unreachable!("the handler table is a list"),
    };
    let call = Call::RtSigaction {
        sig,
        action: Some(SigAction {
            handler: disposition,
            // CPython installs its handlers without SA_RESTART: a blocked call fails with EINTR.
            flags: 0,
            mask: 0,
        }),
    };
    syscall_keeping(call, Then::OldHandler, old)
}

/// The handler of `sig`, as `sigaction` stored it.
fn handler_of(vm: &mut Vm, sig: i32) -> Value {
    let table = signal_handlers(vm);
    let handler = match vm.heap.get(table) {
        Obj::List(items) => items.get(sig as usize).copied().unwrap_or(Value::None),
        _ => Value::None,
    };
    if handler == Value::None {
        unreachable!("signal {sig} delivered to a Python handler that sigaction never stored")
    }
    handler
}

/// A handled signal made the pending syscall fail with EINTR: run the handler, then make the call again
/// (`retry`), or for `pause` return None — CPython's PEP 475 behaviour, so programs see no
/// InterruptedError unless the handler raises.
pub fn run_signal_handler_then(vm: &mut Vm, sig: i32, retry: Option<Call>) {
    let handler = handler_of(vm, sig);
    let pending = vm.pending.take().expect("an interrupted syscall is pending");
    let act = Action::CallThen {
        func: handler,
        args: Args::new(&[Value::Int(sig as i64), Value::None]),
        cont: ContKind::AfterSignalHandler { retry, kind: pending.kind },
    };
    if let Err(exc) = vm.perform(act, pending.ret) {
        vm.unwind(exc);
    }
}

/// The kernel delivered `sig` to a Python handler: call `handler(signum, None)` on top of the running
/// frame, before its next instruction (CPython runs handlers between bytecodes). An exception it raises
/// propagates into the interrupted code, as in CPython.
pub fn run_signal_handler(vm: &mut Vm, sig: i32) {
    let handler = handler_of(vm, sig);
    let args = Args::new(&[Value::Int(sig as i64), Value::None]);
    if let Err(exc) = vm.call_value(handler, args, ReturnTo::Discard) {
        vm.unwind(exc);
    }
}
