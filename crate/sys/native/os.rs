//! Thin, safe wrappers over the libc calls the native backend makes. Each returns `Result<_, Errno>`
//! with the real errno translated to the contract's [`Errno`]; nothing here knows about virtual fds.

use crate::sys::{Errno, Ipv4Addr, SocketAddrV4};
use std::mem::{size_of, zeroed};

/// A real file descriptor of this OS process (as opposed to a program's virtual fd).
pub type RealFd = i32;

/// The errno of the last failed call, as the contract names it.
fn last_errno() -> Errno {
    let code = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
    errno_from_code(code)
}

/// Linux's errno number to [`Errno`]. A number the contract lacks becomes EIO: a program can observe it
/// as an OSError, never as a panic.
pub fn errno_from_code(code: i32) -> Errno {
    use Errno::*;
    const KNOWN: [Errno; 43] = [
        EPERM,
        ENOENT,
        ESRCH,
        EINTR,
        EIO,
        EBADF,
        EAGAIN,
        ENOMEM,
        EACCES,
        EFAULT,
        EBUSY,
        EEXIST,
        EINVAL,
        ENFILE,
        EMFILE,
        ENOTTY,
        ESPIPE,
        EPIPE,
        ERANGE,
        ENOSYS,
        ENOTSOCK,
        EDESTADDRREQ,
        EMSGSIZE,
        EPROTOTYPE,
        ENOPROTOOPT,
        EPROTONOSUPPORT,
        ESOCKTNOSUPPORT,
        EOPNOTSUPP,
        EAFNOSUPPORT,
        EADDRINUSE,
        EADDRNOTAVAIL,
        ENETUNREACH,
        ECONNABORTED,
        ECONNRESET,
        ENOBUFS,
        EISCONN,
        ENOTCONN,
        ETIMEDOUT,
        ECONNREFUSED,
        EHOSTUNREACH,
        EALREADY,
        EINPROGRESS,
        ECANCELED,
    ];
    KNOWN.into_iter().find(|e| e.code() == code).unwrap_or(EIO)
}

/// The largest buffer one read or receive allocates: a bigger request gets a short read, which streams
/// allow (a datagram is at most 64 KiB), instead of an allocation the size of the program's number.
const MAX_READ: usize = 1 << 20;

/// The most events one `epoll_wait` collects; more ready ones are reported by the next call.
const MAX_EVENTS: usize = 4096;

/// A libc return value: negative means failure with errno.
fn check(ret: libc::c_int) -> Result<i32, Errno> {
    if ret < 0 {
        Err(last_errno())
    } else {
        Ok(ret)
    }
}

fn check_size(ret: libc::ssize_t) -> Result<usize, Errno> {
    if ret < 0 {
        Err(last_errno())
    } else {
        Ok(ret as usize)
    }
}

fn to_sockaddr(addr: &SocketAddrV4) -> libc::sockaddr_in {
    // SAFETY: sockaddr_in is plain old data; all-zero is a valid value.
    let mut sa: libc::sockaddr_in = unsafe { zeroed() };
    sa.sin_family = libc::AF_INET as libc::sa_family_t;
    sa.sin_port = addr.port().to_be();
    sa.sin_addr.s_addr = u32::from(*addr.ip()).to_be();
    sa
}

fn from_sockaddr(sa: &libc::sockaddr_in) -> SocketAddrV4 {
    SocketAddrV4::new(Ipv4Addr::from(u32::from_be(sa.sin_addr.s_addr)), u16::from_be(sa.sin_port))
}

const SOCKADDR_IN_LEN: libc::socklen_t = size_of::<libc::sockaddr_in>() as libc::socklen_t;

/// `socket(2)`, always non-blocking and close-on-exec underneath.
pub fn socket(domain: i32, ty: i32, protocol: i32) -> Result<RealFd, Errno> {
    let ty = ty | libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC;
    // SAFETY: no pointers.
    check(unsafe { libc::socket(domain, ty, protocol) })
}

pub fn bind(fd: RealFd, addr: &SocketAddrV4) -> Result<(), Errno> {
    let sa = to_sockaddr(addr);
    // SAFETY: `sa` lives across the call and its length is given.
    check(unsafe { libc::bind(fd, (&sa as *const libc::sockaddr_in).cast(), SOCKADDR_IN_LEN) }).map(drop)
}

pub fn listen(fd: RealFd, backlog: i32) -> Result<(), Errno> {
    // SAFETY: no pointers.
    check(unsafe { libc::listen(fd, backlog) }).map(drop)
}

pub fn connect(fd: RealFd, addr: &SocketAddrV4) -> Result<(), Errno> {
    let sa = to_sockaddr(addr);
    // SAFETY: `sa` lives across the call and its length is given.
    check(unsafe { libc::connect(fd, (&sa as *const libc::sockaddr_in).cast(), SOCKADDR_IN_LEN) }).map(drop)
}

/// `accept4(2)`: the new socket is non-blocking underneath whatever the program asked.
pub fn accept4(fd: RealFd) -> Result<(RealFd, SocketAddrV4), Errno> {
    // SAFETY: sockaddr_in is plain old data.
    let mut sa: libc::sockaddr_in = unsafe { zeroed() };
    let mut len = SOCKADDR_IN_LEN;
    let flags = libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC;
    // SAFETY: `sa` and `len` are valid for writing and `len` holds the buffer's size.
    let new =
        check(unsafe { libc::accept4(fd, (&mut sa as *mut libc::sockaddr_in).cast(), &mut len, flags) })?;
    Ok((new, from_sockaddr(&sa)))
}

/// `recvfrom(2)` of up to `len` bytes, with the sender's address when there is one.
pub fn recvfrom(fd: RealFd, len: usize, flags: i32) -> Result<(Vec<u8>, Option<SocketAddrV4>), Errno> {
    let len = len.min(MAX_READ);
    let mut buf = vec![0u8; len];
    // SAFETY: sockaddr_in is plain old data.
    let mut sa: libc::sockaddr_in = unsafe { zeroed() };
    let mut alen = SOCKADDR_IN_LEN;
    // SAFETY: `buf` has `len` writable bytes; `sa`/`alen` describe a valid address buffer.
    let n = check_size(unsafe {
        libc::recvfrom(
            fd,
            buf.as_mut_ptr().cast(),
            len,
            flags,
            (&mut sa as *mut libc::sockaddr_in).cast(),
            &mut alen,
        )
    })?;
    buf.truncate(n);
    let from = (alen >= SOCKADDR_IN_LEN && sa.sin_family == libc::AF_INET as libc::sa_family_t)
        .then(|| from_sockaddr(&sa));
    Ok((buf, from))
}

/// `sendto(2)`, always with MSG_NOSIGNAL: a broken pipe must not signal this OS process (the backend
/// raises a virtual SIGPIPE for the program instead).
pub fn sendto(fd: RealFd, data: &[u8], flags: i32, addr: Option<&SocketAddrV4>) -> Result<usize, Errno> {
    let flags = flags | libc::MSG_NOSIGNAL;
    let sa = addr.map(to_sockaddr);
    let (ptr, len) = match &sa {
        Some(sa) => ((sa as *const libc::sockaddr_in).cast(), SOCKADDR_IN_LEN),
        None => (std::ptr::null(), 0),
    };
    // SAFETY: `data` is readable for its length; the address pointer is null or points at `sa`.
    check_size(unsafe { libc::sendto(fd, data.as_ptr().cast(), data.len(), flags, ptr, len) })
}

pub fn read(fd: RealFd, count: usize) -> Result<Vec<u8>, Errno> {
    let count = count.min(MAX_READ);
    let mut buf = vec![0u8; count];
    // SAFETY: `buf` has `count` writable bytes.
    let n = check_size(unsafe { libc::read(fd, buf.as_mut_ptr().cast(), count) })?;
    buf.truncate(n);
    Ok(buf)
}

pub fn write(fd: RealFd, data: &[u8]) -> Result<usize, Errno> {
    // SAFETY: `data` is readable for its length.
    check_size(unsafe { libc::write(fd, data.as_ptr().cast(), data.len()) })
}

pub fn shutdown(fd: RealFd, how: i32) -> Result<(), Errno> {
    // SAFETY: no pointers.
    check(unsafe { libc::shutdown(fd, how) }).map(drop)
}

pub fn close(fd: RealFd) {
    // SAFETY: the backend owns `fd` and forgets it after this call. close's own error is not
    // reported to programs (Linux frees the fd even when close fails).
    unsafe { libc::close(fd) };
}

fn name_of(
    fd: RealFd,
    f: unsafe extern "C" fn(i32, *mut libc::sockaddr, *mut libc::socklen_t) -> i32,
) -> Result<SocketAddrV4, Errno> {
    // SAFETY: sockaddr_in is plain old data.
    let mut sa: libc::sockaddr_in = unsafe { zeroed() };
    let mut len = SOCKADDR_IN_LEN;
    // SAFETY: `sa`/`len` describe a valid address buffer.
    check(unsafe { f(fd, (&mut sa as *mut libc::sockaddr_in).cast(), &mut len) })?;
    Ok(from_sockaddr(&sa))
}

pub fn getsockname(fd: RealFd) -> Result<SocketAddrV4, Errno> {
    name_of(fd, libc::getsockname)
}

pub fn getpeername(fd: RealFd) -> Result<SocketAddrV4, Errno> {
    name_of(fd, libc::getpeername)
}

pub fn setsockopt(fd: RealFd, level: i32, name: i32, value: i32) -> Result<(), Errno> {
    let len = size_of::<i32>() as libc::socklen_t;
    // SAFETY: `value` is an int that lives across the call.
    check(unsafe { libc::setsockopt(fd, level, name, (&value as *const i32).cast(), len) }).map(drop)
}

pub fn getsockopt(fd: RealFd, level: i32, name: i32) -> Result<i32, Errno> {
    let mut value: i32 = 0;
    let mut len = size_of::<i32>() as libc::socklen_t;
    // SAFETY: `value`/`len` describe a writable int.
    check(unsafe { libc::getsockopt(fd, level, name, (&mut value as *mut i32).cast(), &mut len) })?;
    Ok(value)
}

/// `FIONREAD`: bytes waiting to be read.
pub fn fionread(fd: RealFd) -> Result<i32, Errno> {
    let mut n: libc::c_int = 0;
    // SAFETY: FIONREAD writes one int to the pointer.
    check(unsafe { libc::ioctl(fd, libc::FIONREAD, &mut n) })?;
    Ok(n)
}

/// An ioctl that answers one int (`SIOCOUTQ`).
pub fn ioctl_int(fd: RealFd, request: u64) -> Result<i32, Errno> {
    let mut n: libc::c_int = 0;
    // SAFETY: the request writes one int to the pointer.
    check(unsafe { libc::ioctl(fd, request as _, &mut n) })?;
    Ok(n)
}

/// The first 32 bytes of `struct tcp_info` (state, then the counters up to `tcpi_sacked`).
pub fn tcp_info(fd: RealFd) -> Result<[u8; 32], Errno> {
    let mut info = [0u8; 232];
    let mut len = info.len() as libc::socklen_t;
    // SAFETY: `info`/`len` describe a writable buffer; the kernel writes at most `len` bytes.
    check(unsafe {
        libc::getsockopt(fd, libc::IPPROTO_TCP, libc::TCP_INFO, info.as_mut_ptr().cast(), &mut len)
    })?;
    let mut head = [0u8; 32];
    head.copy_from_slice(&info[..32]);
    Ok(head)
}

/// `pipe2(2)`, non-blocking underneath: (read end, write end).
pub fn pipe() -> Result<(RealFd, RealFd), Errno> {
    let mut fds = [0i32; 2];
    // SAFETY: `fds` has room for the two fds.
    check(unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_NONBLOCK | libc::O_CLOEXEC) })?;
    Ok((fds[0], fds[1]))
}

pub fn epoll_create() -> Result<RealFd, Errno> {
    // SAFETY: no pointers.
    check(unsafe { libc::epoll_create1(libc::EPOLL_CLOEXEC) })
}

pub fn epoll_ctl(epfd: RealFd, op: i32, fd: RealFd, events: u32, data: u64) -> Result<(), Errno> {
    let mut ev = libc::epoll_event { events, u64: data };
    // SAFETY: `ev` lives across the call.
    check(unsafe { libc::epoll_ctl(epfd, op, fd, &mut ev) }).map(drop)
}

/// `epoll_wait(2)` that never blocks: the events ready now, as (events, data).
pub fn epoll_wait_now(epfd: RealFd, maxevents: usize) -> Result<Vec<(u32, u64)>, Errno> {
    let maxevents = maxevents.clamp(1, MAX_EVENTS);
    let mut evs = vec![libc::epoll_event { events: 0, u64: 0 }; maxevents];
    // SAFETY: `evs` has room for `maxevents` events.
    let n = check(unsafe { libc::epoll_wait(epfd, evs.as_mut_ptr(), maxevents as i32, 0) })?;
    Ok(evs[..n as usize].iter().map(|e| (e.events, e.u64)).collect())
}

/// `poll(2)` on real fds: `(fd, events)` in, `revents` out in the same order. `timeout_ms` 0 only
/// looks; the driver's between-steps wait passes a real timeout. EINTR counts as "nothing ready".
pub fn poll(fds: &[(RealFd, i16)], timeout_ms: i32) -> Vec<i16> {
    let mut pfds: Vec<libc::pollfd> =
        fds.iter().map(|&(fd, events)| libc::pollfd { fd, events, revents: 0 }).collect();
    // SAFETY: `pfds` holds `len` pollfds.
    let n = unsafe { libc::poll(pfds.as_mut_ptr(), pfds.len() as libc::nfds_t, timeout_ms) };
    if n < 0 {
        return vec![0; fds.len()];
    }
    pfds.iter().map(|p| p.revents).collect()
}
