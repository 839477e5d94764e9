//! 10,000 client connections to one epoll server complete; a select-based server cannot use fd 1024.

mod kernel_support;

use ioplay::kernel::Kernel;
use ioplay::kernel::WorldConfig;
use ioplay::sys::{Call, Errno};
use kernel_support::c10k;

#[test]
fn ten_thousand_connections_to_one_epoll_server() {
    let n = 10_000;
    let (s, c, h) = c10k::run(n);
    assert!(h.done(s) && h.done(c), "both finished");
    let server = h.k.counters(s);
    let client = h.k.counters(c);
    assert_eq!(server.bytes_from_user, 5 * n as u64, "every hello echoed once");
    assert_eq!(client.bytes_to_user, 5 * n as u64);
    // epoll's cost is the ready fds: the server was told about each connection about three times
    // (accept, data, EOF), not about all of them at every wait.
    assert!(server.epoll_ready_hits < 4 * n as u64, "{server:?}");
    assert_eq!(server.fds_scanned, 0);
}

#[test]
fn select_cannot_watch_fd_1024() {
    let mut k = Kernel::new(WorldConfig::single_host());
    let p = k.spawn("localhost", "select-server", 0).unwrap();
    k.set_nofile_limit(p, 2048);
    let mut last = 0;
    for _ in 3..=1024 {
        let r = k.syscall(p, &Call::Socket { domain: 2, ty: 1, protocol: 0 }, 0);
        if let ioplay::sys::Outcome::Ok(ioplay::sys::Ret::Int(fd)) = r {
            last = fd as i32;
        }
    }
    assert_eq!(last, 1024, "the process holds fd 1024 (its limit was raised)");
    let sel =
        Call::Select { nfds: last + 1, read: vec![last], write: vec![], except: vec![], timeout: Some(0) };
    assert_eq!(k.syscall(p, &sel, 0), ioplay::sys::Outcome::Err(Errno::EINVAL));
    let ok = Call::Select { nfds: 1024, read: vec![1023], write: vec![], except: vec![], timeout: Some(0) };
    assert!(
        matches!(k.syscall(p, &ok, 0), ioplay::sys::Outcome::Ok(_)),
        "fd 1023 is the last select can name"
    );
}
