//! `io_uring_setup(2)` and `io_uring_enter(2)` for programs, on real rings (`uring.rs`): the program's
//! virtual fds are translated in each SQE, an accepted socket joins the program's fd table, and a RECV's
//! bytes come back in its CQE (the contract has no user memory).

use super::fdmap::{Entry, RealKind, Target};
use super::uring::{self, Held, InFlight, RawSqe, Ring};
use super::{NativeKernel, Step};
use crate::sys::consts::*;
use crate::sys::{Cqe, Errno, Fd, Pid, Ret, Sqe, UringOp, WaitOn};
use crate::trace::Kind;

/// The largest RECV buffer one request holds (as a read's, see `os.rs`).
const MAX_RECV: usize = 1 << 20;

/// A program's ring: the real one, and completions reaped but not yet handed to the program.
#[derive(Debug)]
pub struct ProgramRing {
    ring: Ring,
    done: Vec<Cqe>,
}

impl ProgramRing {
    /// (requests in the real ring, completions waiting for the program).
    pub fn counts(&self) -> (usize, usize) {
        (self.ring.in_flight.len(), self.done.len())
    }
}

impl NativeKernel {
    /// `io_uring_setup(2)`: a real ring, installed close-on-exec as Linux does.
    pub(super) fn sys_io_uring_setup(&mut self, pid: Pid, entries: u32) -> Result<Ret, Errno> {
        if entries == 0 || entries > 32768 {
            return Err(Errno::EINVAL);
        }
        let ring = Ring::setup(entries)?;
        let real = ring.fd;
        let mut entry = Entry::new(Target::Real { fd: real, kind: RealKind::Uring }, false);
        entry.cloexec = true;
        let p = self.procs.get_mut(&pid).expect("alive");
        let fd = p.fds.install(entry)?; // on EMFILE the ring drops here, closing its fd
        self.rings.insert(real, ProgramRing { ring, done: Vec::new() });
        Ok(Ret::Int(fd as i64))
    }

    /// `io_uring_enter(2)`: submit once (a retried call does not resubmit), then wait until
    /// `min_complete` completions are there.
    pub(super) fn sys_io_uring_enter(
        &mut self,
        pid: Pid,
        fd: Fd,
        submit: &[Sqe],
        min_complete: u32,
        submitted: bool,
    ) -> Step {
        let real = match self.entry(pid, fd).map(|e| e.real()) {
            Ok(Some((real, RealKind::Uring))) => real,
            Ok(_) => return Step::Done(Err(Errno::EOPNOTSUPP)),
            Err(e) => return Step::Done(Err(e)),
        };
        if !submitted {
            if let Some(ic) = self.procs.get_mut(&pid).and_then(|p| p.in_call.as_mut()) {
                ic.submitted = true;
            }
            let mut requests = Vec::new();
            let mut refused = Vec::new();
            for sqe in submit {
                match self.raw_sqe(pid, sqe) {
                    Ok(r) => requests.push(r),
                    Err(e) => {
                        refused.push(Cqe { user_data: sqe.user_data, res: -e.code(), data: Vec::new() })
                    }
                }
            }
            let ring = self.rings.get_mut(&real).expect("a ring fd has its ring");
            if let Err(e) = ring.ring.submit(requests) {
                return Step::Done(Err(e));
            }
            ring.done.extend(refused);
        }
        self.uring_reap(pid, real);
        let ring = self.rings.get_mut(&real).expect("a ring fd has its ring");
        if ring.done.len() >= min_complete as usize {
            let completions = std::mem::take(&mut ring.done);
            return Step::Done(Ok(Ret::Uring { submitted: submit.len() as u32, completions }));
        }
        Step::Block(WaitOn::Readable(fd))
    }

    /// One program SQE as a real one, with what it must keep alive.
    fn raw_sqe(&self, pid: Pid, sqe: &Sqe) -> Result<(RawSqe, InFlight), Errno> {
        let real_of = |fd: Fd| match self.entry(pid, fd)?.real() {
            Some((real, _)) => Ok(real),
            None => Err(Errno::EBADF), // stdout and stderr are records, not files
        };
        let mut raw = RawSqe::default();
        let held = match &sqe.op {
            UringOp::Recv { fd, len } => {
                let buf = vec![0u8; (*len).min(MAX_RECV)].into_boxed_slice();
                raw.opcode = uring::IORING_OP_RECV;
                raw.fd = real_of(*fd)?;
                raw.addr = buf.as_ptr() as u64;
                raw.len = buf.len() as u32;
                Held::Buffer(buf)
            }
            UringOp::Send { fd, data } => {
                let bytes = data.clone().into_boxed_slice();
                raw.opcode = uring::IORING_OP_SEND;
                raw.fd = real_of(*fd)?;
                raw.addr = bytes.as_ptr() as u64;
                raw.len = bytes.len() as u32;
                raw.op_flags = MSG_NOSIGNAL as u32;
                Held::Bytes(bytes)
            }
            UringOp::Accept { fd } => {
                raw.opcode = uring::IORING_OP_ACCEPT;
                raw.fd = real_of(*fd)?;
                raw.op_flags = (SOCK_NONBLOCK | SOCK_CLOEXEC) as u32;
                Held::Nothing
            }
            UringOp::PollAdd { fd, events } => {
                raw.opcode = uring::IORING_OP_POLL_ADD;
                raw.fd = real_of(*fd)?;
                raw.op_flags = *events as u16 as u32;
                Held::Nothing
            }
            UringOp::Timeout { after } => {
                let ts = uring::timespec(*after);
                raw.opcode = uring::IORING_OP_TIMEOUT;
                raw.fd = -1;
                raw.addr = ts.as_ptr() as u64;
                raw.len = 1;
                Held::Timespec(ts)
            }
        };
        let in_flight = InFlight { user_data: sqe.user_data, opcode: raw.opcode, held };
        Ok((raw, in_flight))
    }

    /// Move the real ring's completions to the program's queue, in the program's terms.
    fn uring_reap(&mut self, pid: Pid, real: super::os::RealFd) {
        let reaped = self.rings.get_mut(&real).map(|r| r.ring.reap()).unwrap_or_default();
        for (req, res) in reaped {
            let mut data = Vec::new();
            let res = match (req.opcode, req.held) {
                (uring::IORING_OP_RECV, Held::Buffer(buf)) if res > 0 => {
                    data = buf[..res as usize].to_vec();
                    res
                }
                (uring::IORING_OP_ACCEPT, _) if res >= 0 => {
                    let target = Target::Real { fd: res, kind: RealKind::Tcp };
                    let p = self.procs.get_mut(&pid).expect("alive");
                    match p.fds.install(Entry::new(target, false)) {
                        Ok(fd) => fd,
                        Err(e) => {
                            super::os::close(res);
                            -e.code()
                        }
                    }
                }
                _ => res,
            };
            self.emit(pid, Kind::AsyncDone { what: "io_uring cqe".into(), res: res as i64 });
            if let Some(ring) = self.rings.get_mut(&real) {
                ring.done.push(Cqe { user_data: req.user_data, res, data });
            }
        }
    }
}
