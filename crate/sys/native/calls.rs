//! The syscall bodies: each makes the real call on the real fd behind the virtual one, and turns a
//! real EAGAIN on a blocking virtual fd into [`Step::Block`]. Documented by the man page they model.

use super::fdmap::{Entry, RealKind, Target};
use super::{os, InCall, NativeKernel, Step};
use crate::sys::consts::*;
use crate::sys::{Call, Errno, Fd, Nanos, Pid, Ret, SocketAddrV4, WaitOn};

/// A call's relative timeout, for the deadline fixed when it is entered.
pub fn timeout_of(call: &Call) -> Option<Nanos> {
    let ms = |t: i32| (t >= 0).then(|| t as Nanos * 1_000_000);
    match call {
        Call::Select { timeout, .. } | Call::AioSuspend { timeout, .. } => *timeout,
        Call::Poll { timeout_ms, .. } | Call::EpollWait { timeout_ms, .. } => ms(*timeout_ms),
        Call::Nanosleep { duration } => Some(*duration),
        _ => None,
    }
}

fn done(r: Result<Ret, Errno>) -> Step {
    Step::Done(r)
}

fn int(r: Result<(), Errno>) -> Step {
    Step::Done(r.map(|()| Ret::Int(0)))
}

impl NativeKernel {
    pub(super) fn dispatch(&mut self, pid: Pid, call: &Call, ic: &InCall) -> Step {
        use Call::*;
        match call {
            Write { fd, data } => self.sys_write(pid, *fd, data, ic.progress),
            Read { fd, count } => self.sys_read(pid, *fd, *count),
            ClockNanosleep { until } => self.sys_sleep(*until),
            Nanosleep { .. } => self.sys_sleep(ic.deadline.unwrap_or(self.now)),
            ClockGettime { monotonic } => {
                done(Ok(Ret::Time(crate::sys::clock_reading(*monotonic, self.now))))
            }
            Getpid => done(Ok(Ret::Int(pid as i64))),
            Socket { domain, ty, protocol } => done(self.sys_socket(pid, *domain, *ty, *protocol)),
            Bind { fd, addr } => self.on_socket(pid, *fd, |s| int(os::bind(s, addr))),
            Listen { fd, backlog } => self.on_socket(pid, *fd, |s| int(os::listen(s, *backlog))),
            Accept4 { fd, flags } => self.sys_accept4(pid, *fd, *flags),
            Connect { fd, addr } => self.sys_connect(pid, *fd, addr, ic.connecting),
            RecvFrom { fd, len, flags } => self.sys_recvfrom(pid, *fd, *len, *flags),
            SendTo { fd, data, flags, addr } => {
                self.sys_sendto(pid, *fd, data, *flags, addr.as_ref(), ic.progress)
            }
            Shutdown { fd, how } => self.on_socket(pid, *fd, |s| int(os::shutdown(s, *how))),
            Close { fd } => done(self.sys_close(pid, *fd)),
            GetSockName { fd } => self.on_socket(pid, *fd, |s| done(os::getsockname(s).map(Ret::Addr))),
            GetPeerName { fd } => self.on_socket(pid, *fd, |s| done(os::getpeername(s).map(Ret::Addr))),
            SetSockOpt { fd, level, name, value } => {
                self.on_socket(pid, *fd, |s| int(os::setsockopt(s, *level, *name, *value)))
            }
            GetSockOpt { fd, level, name } => self
                .on_socket(pid, *fd, |s| done(os::getsockopt(s, *level, *name).map(|v| Ret::Int(v as i64)))),
            Fcntl { fd, cmd, arg } => done(self.sys_fcntl(pid, *fd, *cmd, *arg)),
            Ioctl { fd, request, arg } => done(self.sys_ioctl(pid, *fd, *request, *arg)),
            Pipe2 { flags } => done(self.sys_pipe2(pid, *flags)),
            Select { nfds, read, write, except, .. } => {
                self.sys_select(pid, *nfds, [read, write, except], ic.deadline)
            }
            Poll { fds, .. } => self.sys_poll(pid, fds, ic.deadline),
            EpollCreate1 { flags } => done(self.sys_epoll_create1(pid, *flags)),
            EpollCtl { epfd, op, fd, events, data } => {
                self.sys_epoll_ctl(pid, *epfd, *op, *fd, *events, *data)
            }
            EpollWait { epfd, maxevents, .. } => self.sys_epoll_wait(pid, *epfd, *maxevents, ic.deadline),
            RtSigaction { sig, action } => done(self.sys_sigaction(pid, *sig, *action)),
            RtSigprocmask { how, set } => done(self.sys_sigprocmask(pid, *how, *set)),
            Kill { pid: target, sig } => done(self.sys_kill(pid, *target, *sig)),
            Alarm { seconds } => done(self.sys_alarm(pid, *seconds)),
            Setitimer { which, value, interval } => done(self.sys_setitimer(pid, *which, *value, *interval)),
            Pause => Step::Block(WaitOn::Signal),
            AioRead { cb, fd, nbytes, notify } => self.sys_aio_read(pid, *cb, *fd, *nbytes, *notify),
            AioWrite { cb, fd, data, notify } => self.sys_aio_write(pid, *cb, *fd, data, *notify),
            AioError { cb } => done(self.sys_aio_error(pid, *cb)),
            AioReturn { cb } => done(self.sys_aio_return(pid, *cb)),
            AioSuspend { cbs, .. } => self.sys_aio_suspend(pid, cbs, ic.deadline),
            IoUringSetup { entries } => done(self.sys_io_uring_setup(pid, *entries)),
            IoUringEnter { fd, submit, min_complete } => {
                self.sys_io_uring_enter(pid, *fd, submit, *min_complete, ic.submitted)
            }
            ExitGroup { .. } => done(Ok(Ret::Int(0))),
        }
    }

    /// Run `f` on the real socket behind `fd`: EBADF if not open, ENOTSOCK if not a socket.
    fn on_socket(&mut self, pid: Pid, fd: Fd, f: impl FnOnce(os::RealFd) -> Step) -> Step {
        match self.entry(pid, fd).map(|e| e.real()) {
            Ok(Some((real, RealKind::Tcp | RealKind::Udp))) => f(real),
            Ok(_) => Step::Done(Err(Errno::ENOTSOCK)),
            Err(e) => Step::Done(Err(e)),
        }
    }

    fn install(&mut self, pid: Pid, entry: Entry) -> Result<Fd, Errno> {
        let p = self.procs.get_mut(&pid).expect("the caller is alive");
        let result = p.fds.install(entry);
        if result.is_err() {
            if let Some((real, _)) = entry.real() {
                os::close(real);
            }
        }
        result
    }

    /// `clock_nanosleep(2)` / `nanosleep(2)`: until the real clock passes the deadline.
    fn sys_sleep(&mut self, until: Nanos) -> Step {
        if self.now >= until {
            Step::Done(Ok(Ret::Int(0)))
        } else {
            Step::Block(WaitOn::Until(until))
        }
    }

    /// `socket(2)`: IPv4 only, as the contract's addresses are. The real kernel judges the type and
    /// protocol; a type it accepts that the contract cannot carry (SOCK_RAW, SOCK_PACKET as root) is
    /// refused as the simulation refuses it.
    fn sys_socket(&mut self, pid: Pid, domain: i32, ty: i32, protocol: i32) -> Result<Ret, Errno> {
        if domain != AF_INET {
            return Err(Errno::EAFNOSUPPORT);
        }
        let real = os::socket(domain, ty & !(SOCK_NONBLOCK | SOCK_CLOEXEC), protocol)?;
        let kind = match ty & 0xf {
            SOCK_STREAM => RealKind::Tcp,
            SOCK_DGRAM => RealKind::Udp,
            _ => {
                os::close(real);
                return Err(Errno::ESOCKTNOSUPPORT);
            }
        };
        let mut entry = Entry::new(Target::Real { fd: real, kind }, ty & SOCK_NONBLOCK != 0);
        entry.cloexec = ty & SOCK_CLOEXEC != 0;
        self.install(pid, entry).map(|fd| Ret::Int(fd as i64))
    }

    /// `accept4(2)`.
    fn sys_accept4(&mut self, pid: Pid, fd: Fd, flags: i32) -> Step {
        if flags & !(SOCK_NONBLOCK | SOCK_CLOEXEC) != 0 {
            return Step::Done(Err(Errno::EINVAL));
        }
        let e = match self.entry(pid, fd) {
            Ok(e) => e,
            Err(e) => return Step::Done(Err(e)),
        };
        let Some((real, RealKind::Tcp | RealKind::Udp)) = e.real() else {
            return Step::Done(Err(Errno::ENOTSOCK));
        };
        match os::accept4(real) {
            Err(Errno::EAGAIN) if !e.nonblock => Step::Block(WaitOn::Readable(fd)),
            Err(err) => Step::Done(Err(err)),
            Ok((new, peer)) => {
                let target = Target::Real { fd: new, kind: RealKind::Tcp };
                let mut entry = Entry::new(target, flags & SOCK_NONBLOCK != 0);
                entry.cloexec = flags & SOCK_CLOEXEC != 0;
                Step::Done(self.install(pid, entry).map(|fd| Ret::Accepted { fd, peer }))
            }
        }
    }

    /// `connect(2)`: a blocking socket waits for the handshake, then connects again for the result.
    fn sys_connect(&mut self, pid: Pid, fd: Fd, addr: &SocketAddrV4, connecting: bool) -> Step {
        let e = match self.entry(pid, fd) {
            Ok(e) => e,
            Err(e) => return Step::Done(Err(e)),
        };
        let Some((real, RealKind::Tcp | RealKind::Udp)) = e.real() else {
            return Step::Done(Err(Errno::ENOTSOCK));
        };
        if connecting {
            if self.revents(pid, &[(fd, POLLOUT)])[0] == 0 {
                return Step::Block(WaitOn::Writable(fd));
            }
            // Connecting again finishes the job as a blocking connect would: it reports the handshake's
            // error, or moves the socket to connected (so a later connect says EISCONN, as Linux's).
            return match os::connect(real, addr) {
                Ok(()) | Err(Errno::EISCONN) => Step::Done(Ok(Ret::Int(0))),
                Err(err) => Step::Done(Err(err)),
            };
        }
        match os::connect(real, addr) {
            Ok(()) => Step::Done(Ok(Ret::Int(0))),
            Err(Errno::EINPROGRESS) if !e.nonblock => {
                if let Some(ic) = self.procs.get_mut(&pid).and_then(|p| p.in_call.as_mut()) {
                    ic.connecting = true;
                }
                // Over loopback the real kernel finished the handshake inside that connect: look now,
                // so the call returns without blocking, as a blocking connect does on Linux.
                self.sys_connect(pid, fd, addr, true)
            }
            Err(err) => Step::Done(Err(err)),
        }
    }

    /// `recvfrom(2)`; `read(2)` on a socket is the same with no address.
    fn sys_recvfrom(&mut self, pid: Pid, fd: Fd, len: usize, flags: i32) -> Step {
        let e = match self.entry(pid, fd) {
            Ok(e) => e,
            Err(e) => return Step::Done(Err(e)),
        };
        let Some((real, kind @ (RealKind::Tcp | RealKind::Udp))) = e.real() else {
            return Step::Done(Err(Errno::ENOTSOCK));
        };
        match os::recvfrom(real, len, flags) {
            // The real fd is non-blocking: where Linux's blocking UDP read of a socket shut for reading
            // returns 0 (`__skb_wait_for_more_packets`), the real call says EAGAIN and poll says RDHUP.
            Err(Errno::EAGAIN)
                if kind == RealKind::Udp
                    && !e.nonblock
                    && flags & MSG_DONTWAIT == 0
                    && self.revents(pid, &[(fd, POLLRDHUP)])[0] & POLLRDHUP != 0 =>
            {
                Step::Done(Ok(Ret::Recv { data: Vec::new(), from: None }))
            }
            Err(Errno::EAGAIN) if !e.nonblock && flags & MSG_DONTWAIT == 0 => {
                Step::Block(WaitOn::Readable(fd))
            }
            Err(err) => Step::Done(Err(err)),
            Ok((data, from)) => {
                let from = if kind == RealKind::Udp { from } else { None };
                Step::Done(Ok(Ret::Recv { data, from }))
            }
        }
    }

    /// `sendto(2)`: a blocking stream send returns once every byte is in the kernel, as Linux's does.
    fn sys_sendto(
        &mut self,
        pid: Pid,
        fd: Fd,
        data: &[u8],
        flags: i32,
        addr: Option<&SocketAddrV4>,
        progress: usize,
    ) -> Step {
        let e = match self.entry(pid, fd) {
            Ok(e) => e,
            Err(e) => return Step::Done(Err(e)),
        };
        let Some((real, kind @ (RealKind::Tcp | RealKind::Udp))) = e.real() else {
            return Step::Done(Err(Errno::ENOTSOCK));
        };
        // A datagram goes whole or not at all, so for UDP "all in" is one send, or a wait for room.
        let blocking = !e.nonblock && flags & MSG_DONTWAIT == 0;
        let send = |rest: &[u8]| os::sendto(real, rest, flags, addr);
        let result = self.send_all(pid, fd, data, progress, blocking, send);
        self.pipe_signal(pid, kind, &result, flags & MSG_NOSIGNAL != 0);
        result
    }

    /// Hand `data[progress..]` to `send` until all is in (blocking) or once (non-blocking); a blocking
    /// caller that filled the buffer waits for room and keeps its progress in the call.
    fn send_all(
        &mut self,
        pid: Pid,
        fd: Fd,
        data: &[u8],
        mut progress: usize,
        blocking: bool,
        send: impl Fn(&[u8]) -> Result<usize, Errno>,
    ) -> Step {
        loop {
            match send(&data[progress..]) {
                Ok(n) => {
                    progress += n;
                    if !blocking || progress >= data.len() {
                        return Step::Done(Ok(Ret::Int(progress as i64)));
                    }
                }
                Err(Errno::EAGAIN) if blocking => {
                    if let Some(ic) = self.procs.get_mut(&pid).and_then(|p| p.in_call.as_mut()) {
                        ic.progress = progress;
                    }
                    return Step::Block(WaitOn::Writable(fd));
                }
                // Linux reports what was sent before the error, and the error on the next call.
                Err(_) if progress > 0 => return Step::Done(Ok(Ret::Int(progress as i64))),
                Err(err) => return Step::Done(Err(err)),
            }
        }
    }

    /// EPIPE comes with SIGPIPE unless the caller said MSG_NOSIGNAL (the real one is suppressed) — from
    /// TCP (`sk_stream_error`) and pipes; UDP's EPIPE (a send after SHUT_WR) raises none.
    fn pipe_signal(&mut self, pid: Pid, kind: RealKind, step: &Step, nosignal: bool) {
        let signals = matches!(kind, RealKind::Tcp | RealKind::PipeWrite);
        if signals && matches!(step, Step::Done(Err(Errno::EPIPE))) && !nosignal {
            self.raise_signal_from(pid, SIGPIPE, crate::kernel::SigCode::User(pid));
        }
    }

    /// `write(2)`: stdout and stderr are recorded; sockets and pipes get the real write.
    pub(super) fn sys_write(&mut self, pid: Pid, fd: Fd, data: &[u8], progress: usize) -> Step {
        let e = match self.entry(pid, fd) {
            Ok(e) => e,
            Err(e) => return Step::Done(Err(e)),
        };
        let (real, kind) = match e.target {
            Target::Output(n) => {
                let p = self.procs.get_mut(&pid).expect("alive");
                let sink = if n == 1 { &mut p.stdout } else { &mut p.stderr };
                sink.extend_from_slice(data);
                return Step::Done(Ok(Ret::Int(data.len() as i64)));
            }
            Target::Real { fd, kind } => (fd, kind),
        };
        let result = match kind {
            RealKind::Tcp | RealKind::Udp => {
                let send = |rest: &[u8]| os::sendto(real, rest, 0, None);
                self.send_all(pid, fd, data, progress, !e.nonblock, send)
            }
            RealKind::PipeWrite => {
                self.send_all(pid, fd, data, progress, !e.nonblock, |rest| os::write(real, rest))
            }
            // The real kernel answers (EBADF on a read end, EINVAL on epoll and io_uring).
            RealKind::PipeRead | RealKind::Epoll | RealKind::Uring => {
                Step::Done(os::write(real, data).map(|n| Ret::Int(n as i64)))
            }
        };
        self.pipe_signal(pid, kind, &result, false);
        result
    }

    /// `read(2)`: stdin and pipes, sockets (as `recvfrom` without an address).
    fn sys_read(&mut self, pid: Pid, fd: Fd, count: usize) -> Step {
        let e = match self.entry(pid, fd) {
            Ok(e) => e,
            Err(e) => return Step::Done(Err(e)),
        };
        let Some((real, kind)) = e.real() else {
            return Step::Done(Err(Errno::EBADF)); // stdout and stderr are write-only
        };
        if matches!(kind, RealKind::Tcp | RealKind::Udp) {
            // A socket's read is its recvfrom without an address (the real `read(2)` would be too, but
            // the blocking corners live in `sys_recvfrom`); a zero-length read is 0 (`sock_read_iter`).
            if count == 0 {
                return Step::Done(Ok(Ret::Bytes(Vec::new())));
            }
            return match self.sys_recvfrom(pid, fd, count, 0) {
                Step::Done(Ok(Ret::Recv { data, .. })) => Step::Done(Ok(Ret::Bytes(data))),
                other => other,
            };
        }
        let result = match kind {
            RealKind::PipeRead => os::read(real, count),
            RealKind::Tcp | RealKind::Udp => unreachable!("sockets are read above"),
            // The real kernel answers (EBADF on a write end, EINVAL on epoll and io_uring).
            RealKind::PipeWrite | RealKind::Epoll | RealKind::Uring => os::read(real, count),
        };
        match result {
            Err(Errno::EAGAIN) if !e.nonblock => Step::Block(WaitOn::Readable(fd)),
            other => Step::Done(other.map(Ret::Bytes)),
        }
    }

    /// `close(2)`.
    fn sys_close(&mut self, pid: Pid, fd: Fd) -> Result<Ret, Errno> {
        let p = self.procs.get_mut(&pid).expect("alive");
        let entry = p.fds.remove(fd).ok_or(Errno::EBADF)?;
        if let Some((real, kind)) = entry.real() {
            self.close_real(real, kind);
        }
        Ok(Ret::Int(0))
    }

    /// `fcntl(2)`: the flags are the program's (virtual); the real fd stays non-blocking.
    fn sys_fcntl(&mut self, pid: Pid, fd: Fd, cmd: i32, arg: i64) -> Result<Ret, Errno> {
        let e = self.entry(pid, fd)?;
        let entry = self.procs.get_mut(&pid).and_then(|p| p.fds.get_mut(fd)).expect("checked above");
        let value = match cmd {
            F_GETFL => {
                let access = match e.target {
                    Target::Output(_) | Target::Real { kind: RealKind::PipeWrite, .. } => O_WRONLY,
                    Target::Real { kind: RealKind::PipeRead, .. } => O_RDONLY,
                    Target::Real { .. } => O_RDWR,
                };
                access | if e.nonblock { O_NONBLOCK } else { 0 } | if e.async_io { O_ASYNC } else { 0 }
            }
            F_SETFL => {
                entry.nonblock = arg & O_NONBLOCK != 0;
                self.set_async(pid, fd, arg & O_ASYNC != 0)?;
                0
            }
            F_GETFD => i64::from(e.cloexec) * FD_CLOEXEC,
            F_SETFD => {
                entry.cloexec = arg & FD_CLOEXEC != 0;
                0
            }
            F_SETOWN => {
                entry.owner = arg as i32;
                0
            }
            F_GETOWN => e.owner as i64,
            F_SETSIG => {
                if !(0..=SIGRTMAX as i64).contains(&arg) {
                    return Err(Errno::EINVAL);
                }
                entry.sig = arg as i32;
                0
            }
            F_GETSIG => e.sig as i64,
            _ => return Err(Errno::EINVAL),
        };
        Ok(Ret::Int(value))
    }

    /// `ioctl(2)`: FIONBIO and FIOASYNC set the virtual flags; FIONREAD asks the real kernel.
    fn sys_ioctl(&mut self, pid: Pid, fd: Fd, request: u64, arg: i32) -> Result<Ret, Errno> {
        let e = self.entry(pid, fd)?;
        let entry = self.procs.get_mut(&pid).and_then(|p| p.fds.get_mut(fd)).expect("checked above");
        match request {
            FIONBIO => entry.nonblock = arg != 0,
            FIOASYNC => self.set_async(pid, fd, arg != 0)?,
            FIONREAD => {
                let (real, _) = e.real().ok_or(Errno::ENOTTY)?;
                return os::fionread(real).map(|n| Ret::Int(n as i64));
            }
            _ => return Err(Errno::ENOTTY),
        }
        Ok(Ret::Int(0))
    }

    /// `pipe2(2)`.
    fn sys_pipe2(&mut self, pid: Pid, flags: i32) -> Result<Ret, Errno> {
        if flags & !(O_NONBLOCK as i32 | O_CLOEXEC) != 0 {
            return Err(Errno::EINVAL);
        }
        let (r, w) = os::pipe()?;
        let nonblock = flags & O_NONBLOCK as i32 != 0;
        let end = |fd, kind| {
            let mut e = Entry::new(Target::Real { fd, kind }, nonblock);
            e.cloexec = flags & O_CLOEXEC != 0;
            e
        };
        let read = match self.install(pid, end(r, RealKind::PipeRead)) {
            Ok(fd) => fd,
            Err(err) => {
                os::close(w);
                return Err(err);
            }
        };
        match self.install(pid, end(w, RealKind::PipeWrite)) {
            Ok(write) => Ok(Ret::Pipe { read, write }),
            Err(err) => {
                let _ = self.sys_close(pid, read);
                Err(err)
            }
        }
    }

    /// `epoll_create1(2)`: a real epoll instance.
    fn sys_epoll_create1(&mut self, pid: Pid, flags: i32) -> Result<Ret, Errno> {
        if flags & !EPOLL_CLOEXEC != 0 {
            return Err(Errno::EINVAL);
        }
        let real = os::epoll_create()?;
        let mut entry = Entry::new(Target::Real { fd: real, kind: RealKind::Epoll }, false);
        entry.cloexec = flags & EPOLL_CLOEXEC != 0;
        self.install(pid, entry).map(|fd| Ret::Int(fd as i64))
    }
}
