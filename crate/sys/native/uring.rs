//! A real io_uring per program ring, through the raw syscalls (no crate): `io_uring_setup`, the three
//! mmapped regions, SQEs written by hand, `io_uring_enter` to submit without waiting, and completions
//! reaped from the CQ ring. The contract passes rings by value (`Call::IoUringEnter` carries the SQEs,
//! `Ret::Uring` the CQEs), so the backend owns the buffers a request needs until it completes.
//!
//! Memory rule: a request's buffer (RECV's destination, SEND's bytes, TIMEOUT's timespec) lives in
//! `in_flight` until its completion is reaped. A ring closed with requests in flight leaks their buffers
//! on purpose: the real kernel may still write into them after the close.

use super::os::{self, RealFd};
use crate::sys::{Errno, Nanos};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU32, Ordering};

const IORING_OFF_SQ_RING: libc::off_t = 0;
const IORING_OFF_CQ_RING: libc::off_t = 0x800_0000;
const IORING_OFF_SQES: libc::off_t = 0x1000_0000;

pub const IORING_OP_POLL_ADD: u8 = 6;
pub const IORING_OP_TIMEOUT: u8 = 11;
pub const IORING_OP_ACCEPT: u8 = 13;
pub const IORING_OP_SEND: u8 = 26;
pub const IORING_OP_RECV: u8 = 27;

/// `struct io_sqring_offsets`.
#[repr(C)]
#[derive(Debug, Default, Clone, Copy)]
struct SqOffsets {
    head: u32,
    tail: u32,
    ring_mask: u32,
    ring_entries: u32,
    flags: u32,
    dropped: u32,
    array: u32,
    resv1: u32,
    user_addr: u64,
}

/// `struct io_cqring_offsets`.
#[repr(C)]
#[derive(Debug, Default, Clone, Copy)]
struct CqOffsets {
    head: u32,
    tail: u32,
    ring_mask: u32,
    ring_entries: u32,
    overflow: u32,
    cqes: u32,
    flags: u32,
    resv1: u32,
    user_addr: u64,
}

/// `struct io_uring_params`.
#[repr(C)]
#[derive(Default)]
struct Params {
    sq_entries: u32,
    cq_entries: u32,
    flags: u32,
    sq_thread_cpu: u32,
    sq_thread_idle: u32,
    features: u32,
    wq_fd: u32,
    resv: [u32; 3],
    sq_off: SqOffsets,
    cq_off: CqOffsets,
}

/// `struct io_uring_sqe`, the fields the five opcodes use.
#[repr(C)]
#[derive(Default, Clone, Copy)]
pub struct RawSqe {
    pub opcode: u8,
    pub flags: u8,
    pub ioprio: u16,
    pub fd: i32,
    pub off: u64,
    pub addr: u64,
    pub len: u32,
    /// msg_flags, accept_flags, poll32_events or timeout_flags.
    pub op_flags: u32,
    pub user_data: u64,
    pub buf_index: u16,
    pub personality: u16,
    pub splice_fd_in: i32,
    pub addr3: u64,
    pub pad: u64,
}

/// `struct io_uring_cqe`.
#[repr(C)]
#[derive(Clone, Copy)]
struct RawCqe {
    user_data: u64,
    res: i32,
    flags: u32,
}

/// What a request keeps alive until it completes.
#[derive(Debug)]
pub enum Held {
    Nothing,
    /// RECV's destination.
    Buffer(Box<[u8]>),
    /// SEND's bytes (the kernel reads them; nothing here does).
    #[allow(dead_code)]
    Bytes(Box<[u8]>),
    /// TIMEOUT's `struct __kernel_timespec` (likewise).
    #[allow(dead_code)]
    Timespec(Box<[i64; 2]>),
}

/// A request in the real ring: the program's `user_data`, its opcode, what it holds.
#[derive(Debug)]
pub struct InFlight {
    pub user_data: u64,
    pub opcode: u8,
    pub held: Held,
}

/// One mmapped region.
#[derive(Debug)]
struct Map {
    ptr: *mut u8,
    len: usize,
}

impl Map {
    fn new(fd: RealFd, len: usize, offset: libc::off_t) -> Result<Map, Errno> {
        // SAFETY: a fresh shared mapping of the ring fd at the offset the kernel defines.
        let ptr = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_SHARED | libc::MAP_POPULATE,
                fd,
                offset,
            )
        };
        if ptr == libc::MAP_FAILED {
            return Err(os::errno_from_code(std::io::Error::last_os_error().raw_os_error().unwrap_or(0)));
        }
        Ok(Map { ptr: ptr.cast(), len })
    }

    /// The u32 at `offset`, as the kernel shares it.
    fn atomic(&self, offset: u32) -> &AtomicU32 {
        debug_assert!(offset as usize + 4 <= self.len);
        // SAFETY: the kernel's offsets are inside the mapping and 4-aligned; the ring words are shared
        // with the kernel, which is what atomics are for.
        unsafe { &*(self.ptr.add(offset as usize) as *const AtomicU32) }
    }
}

impl Drop for Map {
    fn drop(&mut self) {
        // SAFETY: the mapping was made by `Map::new` with this length and is not used after.
        unsafe { libc::munmap(self.ptr.cast(), self.len) };
    }
}

/// A real ring.
#[derive(Debug)]
pub struct Ring {
    pub fd: RealFd,
    sq: Map,
    cq: Map,
    sqes: Map,
    sq_off: SqOffsets,
    cq_off: CqOffsets,
    pub entries: u32,
    next_tag: u64,
    pub in_flight: BTreeMap<u64, InFlight>,
}

// The raw pointers are to this ring's own mappings; the ring moves between threads only with its owner.
unsafe impl Send for Ring {}

impl Ring {
    /// `io_uring_setup(2)` and the three mappings.
    pub fn setup(entries: u32) -> Result<Ring, Errno> {
        let mut params = Params::default();
        // SAFETY: `params` is a valid io_uring_params the kernel fills in.
        let fd =
            unsafe { libc::syscall(libc::SYS_io_uring_setup, entries, &mut params as *mut Params) } as i32;
        if fd < 0 {
            return Err(os::errno_from_code(std::io::Error::last_os_error().raw_os_error().unwrap_or(0)));
        }
        let maps = (|| {
            let sq_len = params.sq_off.array as usize + params.sq_entries as usize * 4;
            let cq_len = params.cq_off.cqes as usize + params.cq_entries as usize * size_of::<RawCqe>();
            let sqes_len = params.sq_entries as usize * size_of::<RawSqe>();
            Ok::<_, Errno>((
                Map::new(fd, sq_len, IORING_OFF_SQ_RING)?,
                Map::new(fd, cq_len, IORING_OFF_CQ_RING)?,
                Map::new(fd, sqes_len, IORING_OFF_SQES)?,
            ))
        })();
        match maps {
            Ok((sq, cq, sqes)) => Ok(Ring {
                fd,
                sq,
                cq,
                sqes,
                sq_off: params.sq_off,
                cq_off: params.cq_off,
                entries: params.sq_entries,
                next_tag: 1,
                in_flight: BTreeMap::new(),
            }),
            Err(e) => {
                os::close(fd);
                Err(e)
            }
        }
    }

    /// Put requests in the SQ ring and submit them with `io_uring_enter(2)`, not waiting. Each request is
    /// tagged with the backend's own `user_data` so its buffer can be found again.
    pub fn submit(&mut self, requests: Vec<(RawSqe, InFlight)>) -> Result<(), Errno> {
        let mask = self.sq.atomic(self.sq_off.ring_mask).load(Ordering::Relaxed);
        let head = self.sq.atomic(self.sq_off.head).load(Ordering::Acquire);
        let mut tail = self.sq.atomic(self.sq_off.tail).load(Ordering::Relaxed);
        if tail.wrapping_sub(head) as usize + requests.len() > self.entries as usize {
            return Err(Errno::EBUSY);
        }
        let count = requests.len() as u32;
        for (mut sqe, held) in requests {
            let index = tail & mask;
            sqe.user_data = self.next_tag;
            self.in_flight.insert(self.next_tag, held);
            self.next_tag += 1;
            // SAFETY: `index` is within the SQE array (masked) and the slot is free (head/tail checked).
            unsafe {
                let slot = (self.sqes.ptr as *mut RawSqe).add(index as usize);
                slot.write(sqe);
                let array = self.sq.ptr.add(self.sq_off.array as usize) as *mut u32;
                array.add(index as usize).write(index);
            }
            tail = tail.wrapping_add(1);
        }
        self.sq.atomic(self.sq_off.tail).store(tail, Ordering::Release);
        // SAFETY: no pointers but the null sigset.
        let ret = unsafe {
            libc::syscall(
                libc::SYS_io_uring_enter,
                self.fd,
                count,
                0u32,
                0u32,
                std::ptr::null::<u8>(),
                0usize,
            )
        };
        if ret < 0 {
            return Err(os::errno_from_code(std::io::Error::last_os_error().raw_os_error().unwrap_or(0)));
        }
        Ok(())
    }

    /// Take every completion the CQ ring holds: (the request, its result).
    pub fn reap(&mut self) -> Vec<(InFlight, i32)> {
        let mask = self.cq.atomic(self.cq_off.ring_mask).load(Ordering::Relaxed);
        let mut head = self.cq.atomic(self.cq_off.head).load(Ordering::Relaxed);
        let tail = self.cq.atomic(self.cq_off.tail).load(Ordering::Acquire);
        let mut out = Vec::new();
        while head != tail {
            // SAFETY: `head & mask` indexes the CQE array inside the mapping; the kernel wrote it before
            // publishing `tail` (acquire above).
            let cqe = unsafe {
                let cqes = self.cq.ptr.add(self.cq_off.cqes as usize) as *const RawCqe;
                cqes.add((head & mask) as usize).read()
            };
            head = head.wrapping_add(1);
            if let Some(req) = self.in_flight.remove(&cqe.user_data) {
                out.push((req, cqe.res));
            }
        }
        self.cq.atomic(self.cq_off.head).store(head, Ordering::Release);
        out
    }
}

impl Drop for Ring {
    fn drop(&mut self) {
        // A socket an ACCEPT put in this process's fd table, never handed to the program: close it.
        for (req, res) in self.reap() {
            if req.opcode == IORING_OP_ACCEPT && res >= 0 {
                os::close(res);
            }
        }
        // Requests still in flight may be written by the kernel after the close: leak what they hold.
        for (_, req) in std::mem::take(&mut self.in_flight) {
            std::mem::forget(req);
        }
        os::close(self.fd);
    }
}

/// A TIMEOUT's `struct __kernel_timespec`.
pub fn timespec(after: Nanos) -> Box<[i64; 2]> {
    Box::new([(after / 1_000_000_000) as i64, (after % 1_000_000_000) as i64])
}

use std::mem::size_of;
