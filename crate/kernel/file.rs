//! `read`/`write` on any fd, `close`, `pipe2`, `fcntl` and `ioctl`: the fd-level calls that do not care
//! what is behind the fd until they must.
//!
//! Deliberate difference from Linux: stdin is a pipe-like stream fed by the driver (no terminal: `TCGETS`
//! fails with ENOTTY, as the reference straces show for redirected stdio).

use super::objects::{ObjKind, Pipe, PIPE_CAPACITY};
use super::{Kernel, Step};
use crate::sys::consts::*;
use crate::sys::{Errno, Fd, Pid, Ret, WaitOn};

/// `TCGETS`, which isatty() asks.
pub const TCGETS: u64 = 0x5401;

impl Kernel {
    /// `read(2)`.
    pub(super) fn sys_read(&mut self, pid: Pid, fd: Fd, count: usize) -> Step {
        let e = match self.fd(pid, fd) {
            Ok(e) => e,
            Err(err) => return Step::Done(Err(err)),
        };
        if let ObjKind::Socket(_) = self.objs.get(e.obj).kind {
            // `sock_read_iter` answers a zero-length read with 0 before the protocol sees it.
            if count == 0 {
                return Step::Done(Ok(Ret::Bytes(Vec::new())));
            }
            return match self.sys_recvfrom(pid, fd, count, 0) {
                Step::Copy { ret: Ret::Recv { data, .. }, fd, bytes } => {
                    Step::Copy { ret: Ret::Bytes(data), fd, bytes }
                }
                Step::Done(Ok(Ret::Recv { data, .. })) => Step::Done(Ok(Ret::Bytes(data))),
                other => other,
            };
        }
        let taken: Result<Option<Vec<u8>>, Errno> = match &mut self.objs.get_mut(e.obj).kind {
            ObjKind::Stdin(s) if !s.data.is_empty() && count > 0 => {
                let n = count.min(s.data.len());
                Ok(Some(s.data.drain(..n).collect()))
            }
            ObjKind::Stdin(s) if s.eof || count == 0 => Ok(Some(Vec::new())),
            ObjKind::Stdin(_) => Ok(None),
            ObjKind::Pipe(_) if e.write_end => Err(Errno::EBADF),
            ObjKind::Pipe(p) if !p.buf.is_empty() && count > 0 => {
                let n = count.min(p.buf.len());
                Ok(Some(p.buf.drain(..n).collect()))
            }
            ObjKind::Pipe(p) if p.writers == 0 || count == 0 => Ok(Some(Vec::new())),
            ObjKind::Pipe(_) => Ok(None),
            ObjKind::Stdout(_) => Err(Errno::EBADF),
            ObjKind::Epoll(_) | ObjKind::Uring(_) | ObjKind::Socket(_) => Err(Errno::EINVAL),
        };
        match taken {
            Err(err) => Step::Done(Err(err)),
            Ok(Some(data)) if data.is_empty() => Step::Done(Ok(Ret::Bytes(data))),
            Ok(Some(data)) => {
                if matches!(self.objs.get(e.obj).kind, ObjKind::Pipe(_)) {
                    self.wake_obj(e.obj); // room for writers
                }
                let bytes = data.len();
                self.procs.get_mut(&pid).expect("alive").counters.bytes_to_user += bytes as u64;
                Step::Copy { ret: Ret::Bytes(data), fd, bytes }
            }
            Ok(None) if e.nonblock => Step::Done(Err(Errno::EAGAIN)),
            Ok(None) => Step::Block(WaitOn::Readable(fd)),
        }
    }

    /// `write(2)`.
    pub(super) fn sys_write(&mut self, pid: Pid, fd: Fd, data: &[u8]) -> Step {
        let e = match self.fd(pid, fd) {
            Ok(e) => e,
            Err(err) => return Step::Done(Err(err)),
        };
        if let ObjKind::Socket(_) = self.objs.get(e.obj).kind {
            return self.sys_sendto(pid, fd, data, 0, None);
        }
        let done = self.procs[&pid].in_call.as_ref().map(|c| c.progress).unwrap_or(0);
        let result = match &mut self.objs.get_mut(e.obj).kind {
            ObjKind::Stdout(out) => {
                out.extend_from_slice(data);
                Ok(data.len())
            }
            ObjKind::Pipe(_) if !e.write_end => Err(Errno::EBADF),
            // `pipe_write` returns 0 for 0 bytes before it looks for readers: no EPIPE, no SIGPIPE.
            ObjKind::Pipe(_) if data.is_empty() => Ok(0),
            ObjKind::Pipe(p) if p.readers == 0 => Err(Errno::EPIPE),
            ObjKind::Pipe(p) => {
                let n = PIPE_CAPACITY.saturating_sub(p.buf.len()).min(data.len() - done);
                p.buf.extend(&data[done..done + n]);
                Ok(n)
            }
            ObjKind::Stdin(_) => Err(Errno::EBADF),
            ObjKind::Epoll(_) | ObjKind::Uring(_) | ObjKind::Socket(_) => Err(Errno::EINVAL),
        };
        match result {
            Err(Errno::EPIPE) => {
                self.raise_signal_from(pid, SIGPIPE, super::signal::SigCode::User(pid));
                Step::Done(Err(Errno::EPIPE))
            }
            Err(err) => Step::Done(Err(err)),
            Ok(n) => {
                self.procs.get_mut(&pid).expect("alive").counters.bytes_from_user += n as u64;
                if n > 0 && matches!(self.objs.get(e.obj).kind, ObjKind::Pipe(_)) {
                    self.wake_obj(e.obj);
                }
                let total = done + n;
                if total == data.len() || (e.nonblock && total > 0) {
                    Step::Done(Ok(Ret::Int(total as i64)))
                } else if e.nonblock {
                    Step::Done(Err(Errno::EAGAIN))
                } else {
                    if let Some(c) = self.procs.get_mut(&pid).expect("alive").in_call.as_mut() {
                        c.progress = total;
                    }
                    Step::Block(WaitOn::Writable(fd))
                }
            }
        }
    }

    /// `close(2)`: the object goes when its last fd does (a socket then sends FIN, or RST over unread
    /// data); epoll interests in the fd vanish with it.
    pub(super) fn close_fd(&mut self, pid: Pid, fd: Fd) -> Result<(), Errno> {
        let p = self.procs.get_mut(&pid).ok_or(Errno::ESRCH)?;
        let e = p.fds.remove(fd).ok_or(Errno::EBADF)?;
        let id = e.obj;
        let obj = self.objs.get_mut(id);
        obj.refs -= 1;
        if let ObjKind::Pipe(pipe) = &mut obj.kind {
            if e.write_end {
                pipe.writers -= 1;
            } else {
                pipe.readers -= 1;
            }
        }
        let watchers: Vec<(usize, Fd)> = obj.watchers.iter().copied().filter(|(_, f)| *f == fd).collect();
        for (ep, wfd) in watchers {
            self.epoll_forget(ep, wfd, id);
        }
        if self.objs.get(id).refs > 0 {
            return Ok(());
        }
        match &self.objs.get(id).kind {
            ObjKind::Socket(_) => self.socket_release(id),
            ObjKind::Pipe(_) => {
                self.wake_obj(id); // the other end sees EOF or EPIPE
                if let ObjKind::Pipe(p) = &self.objs.get(id).kind {
                    if p.readers == 0 && p.writers == 0 {
                        self.objs.remove(id);
                    }
                }
            }
            ObjKind::Epoll(ep) => {
                let targets: Vec<(Fd, usize)> = ep.interests.iter().map(|(f, i)| (*f, i.obj)).collect();
                for (f, target) in targets {
                    if let Some(o) = self.objs.try_get_mut(target) {
                        o.watchers.retain(|w| *w != (id, f));
                    }
                }
                self.objs.remove(id);
            }
            ObjKind::Uring(_) => {
                self.objs.remove(id);
            }
            // The stdio streams stay: their contents are the process's record.
            ObjKind::Stdin(_) | ObjKind::Stdout(_) => {}
        }
        Ok(())
    }

    /// `pipe2(2)`.
    pub(super) fn sys_pipe2(&mut self, pid: Pid, flags: i32) -> Result<Ret, Errno> {
        if flags & !(O_NONBLOCK as i32 | O_CLOEXEC) != 0 {
            return Err(Errno::EINVAL);
        }
        let (nonblock, cloexec) = (flags & O_NONBLOCK as i32 != 0, flags & O_CLOEXEC != 0);
        let id = self.objs.insert(ObjKind::Pipe(Pipe { buf: Default::default(), readers: 1, writers: 1 }));
        let p = self.procs.get_mut(&pid).ok_or(Errno::ESRCH)?;
        let read = match p.fds.install(id, nonblock, cloexec) {
            Ok(fd) => fd,
            Err(e) => {
                self.objs.remove(id);
                return Err(e);
            }
        };
        let write = match p.fds.install(id, nonblock, cloexec) {
            Ok(fd) => fd,
            Err(e) => {
                p.fds.remove(read);
                self.objs.remove(id);
                return Err(e);
            }
        };
        p.fds.get_mut(write).expect("just installed").write_end = true;
        self.objs.get_mut(id).refs = 2;
        Ok(Ret::Pipe { read, write })
    }

    /// `fcntl(2)`.
    pub(super) fn sys_fcntl(&mut self, pid: Pid, fd: Fd, cmd: i32, arg: i64) -> Result<Ret, Errno> {
        let e = self.fd(pid, fd)?;
        let obj = self.objs.get(e.obj);
        let v = match cmd {
            F_GETFD => e.cloexec as i64,
            F_SETFD => {
                self.fd_entry_mut(pid, fd).cloexec = arg & FD_CLOEXEC != 0;
                0
            }
            F_GETFL => {
                let access = match &obj.kind {
                    ObjKind::Stdin(_) => O_RDONLY,
                    ObjKind::Stdout(_) => O_WRONLY,
                    ObjKind::Pipe(_) if e.write_end => O_WRONLY,
                    ObjKind::Pipe(_) => O_RDONLY,
                    _ => O_RDWR,
                };
                access | if e.nonblock { O_NONBLOCK } else { 0 } | if obj.async_enabled { O_ASYNC } else { 0 }
            }
            F_SETFL => {
                self.fd_entry_mut(pid, fd).nonblock = arg & O_NONBLOCK != 0;
                self.objs.get_mut(e.obj).async_enabled = arg & O_ASYNC != 0;
                0
            }
            F_SETOWN => {
                let owner = arg.unsigned_abs() as Pid;
                if owner != 0 && !self.procs.contains_key(&owner) {
                    return Err(Errno::ESRCH);
                }
                self.objs.get_mut(e.obj).async_owner = (owner != 0).then_some(owner);
                0
            }
            F_GETOWN => obj.async_owner.unwrap_or(0) as i64,
            F_SETSIG => {
                if !(0..=SIGRTMAX as i64).contains(&arg) {
                    return Err(Errno::EINVAL);
                }
                self.objs.get_mut(e.obj).sigio = arg as i32;
                0
            }
            F_GETSIG => obj.sigio as i64,
            _ => return Err(Errno::EINVAL),
        };
        Ok(Ret::Int(v))
    }

    /// `ioctl(2)`.
    pub(super) fn sys_ioctl(&mut self, pid: Pid, fd: Fd, request: u64, arg: i32) -> Result<Ret, Errno> {
        let e = self.fd(pid, fd)?;
        match request {
            FIONBIO => {
                self.fd_entry_mut(pid, fd).nonblock = arg != 0;
                Ok(Ret::Int(0))
            }
            FIOASYNC => {
                self.objs.get_mut(e.obj).async_enabled = arg != 0;
                Ok(Ret::Int(0))
            }
            FIONREAD => {
                let n = match &self.objs.get(e.obj).kind {
                    ObjKind::Socket(s) => match s.proto {
                        super::socket::Proto::Tcp => s.rx.len(),
                        super::socket::Proto::Udp => s.dgrams.front().map(|d| d.1.len()).unwrap_or(0),
                    },
                    ObjKind::Pipe(p) => p.buf.len(),
                    ObjKind::Stdin(s) => s.data.len(),
                    _ => return Err(Errno::ENOTTY),
                };
                Ok(Ret::Int(n as i64))
            }
            _ => Err(Errno::ENOTTY),
        }
    }

    fn fd_entry_mut(&mut self, pid: Pid, fd: Fd) -> &mut super::FdEntry {
        self.procs.get_mut(&pid).and_then(|p| p.fds.get_mut(fd)).expect("checked by the caller")
    }
}
