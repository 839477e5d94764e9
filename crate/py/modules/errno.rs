//! The `errno` module: the errno numbers the simulation can produce, by name, and `errorcode`.

use crate::py::value::{Obj, ObjId, Value};
use crate::py::vm::Vm;
use crate::sys::Errno;

const ALL: &[Errno] = &[
    Errno::EPERM,
    Errno::ENOENT,
    Errno::ESRCH,
    Errno::EINTR,
    Errno::EIO,
    Errno::EBADF,
    Errno::EAGAIN,
    Errno::ENOMEM,
    Errno::EACCES,
    Errno::EFAULT,
    Errno::EEXIST,
    Errno::EINVAL,
    Errno::ENFILE,
    Errno::EMFILE,
    Errno::ENOTTY,
    Errno::ESPIPE,
    Errno::EPIPE,
    Errno::ERANGE,
    Errno::ENOSYS,
    Errno::ENOTSOCK,
    Errno::EDESTADDRREQ,
    Errno::EMSGSIZE,
    Errno::EPROTOTYPE,
    Errno::ENOPROTOOPT,
    Errno::EPROTONOSUPPORT,
    Errno::EOPNOTSUPP,
    Errno::EAFNOSUPPORT,
    Errno::EADDRINUSE,
    Errno::EADDRNOTAVAIL,
    Errno::ENETUNREACH,
    Errno::ECONNABORTED,
    Errno::ECONNRESET,
    Errno::ENOBUFS,
    Errno::EISCONN,
    Errno::ENOTCONN,
    Errno::ETIMEDOUT,
    Errno::ECONNREFUSED,
    Errno::EHOSTUNREACH,
    Errno::EALREADY,
    Errno::EINPROGRESS,
    Errno::ECANCELED,
];

pub fn module(vm: &mut Vm) -> ObjId {
    let m = vm.new_module("errno");
    let codes = vm.heap.alloc(Obj::Dict(Default::default()));
    for &e in ALL {
        vm.set_attr_raw(m, e.name(), Value::Int(e.code() as i64));
        let name = vm.new_str(e.name());
        let _ = vm.dict_set(codes, Value::Int(e.code() as i64), name);
    }
    vm.set_attr_raw(m, "EWOULDBLOCK", Value::Int(Errno::EWOULDBLOCK.code() as i64));
    vm.set_attr_raw(m, "errorcode", Value::Obj(codes));
    m
}
