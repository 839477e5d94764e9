//! Sockets as the BSD layer sees them (`socket`, `bind`, `listen`, `accept4`, `connect`, `recvfrom`,
//! `sendto`, `shutdown`, `getsockname`, `getpeername`, `setsockopt`, `getsockopt`) and the port tables.
//! TCP's wire behaviour is in `tcp.rs`, UDP's in `udp.rs`.
//!
//! Errno choices were checked against Linux 6.x with CPython 3.11 on this machine (e.g. `send` on a
//! never-connected TCP socket is EPIPE, `listen` on UDP is EOPNOTSUPP, a second non-blocking `connect`
//! after a refusal reports ECONNREFUSED and the third starts over with EINPROGRESS).
//!
//! Deliberate differences from Linux: no privileged ports (binding below 1024 is allowed); the receive
//! window is the free receive buffer (Linux advertises about half); no Nagle, delayed ACKs or congestion
//! control; every data segment is ACKed at once; no buffer autotuning: a TCP socket keeps its 16 KiB send
//! and 128 KiB receive buffers (on this machine a loopback connection's `SO_SNDBUF` grew to 3.9 MB while a
//! non-blocking `send` took 3.9 MB before EAGAIN; the simulation takes 16 KiB a call).

use super::objects::{ObjId, ObjKind};
use super::{Kernel, Step};
use crate::net::{is_loopback, Prng};
use crate::sys::consts::*;
use crate::sys::{Errno, Fd, Ipv4Addr, Pid, Ret, SocketAddrV4, WaitOn};
use std::collections::{BTreeMap, BTreeSet, VecDeque};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Proto {
    Tcp,
    Udp,
}

/// RFC 793's states.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TcpState {
    Closed,
    Listen,
    SynSent,
    SynRcvd,
    Established,
    FinWait1,
    FinWait2,
    CloseWait,
    Closing,
    LastAck,
    TimeWait,
}

/// The BSD socket's own state (Linux's `sock->state`), which `connect` consults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SockState {
    Unconnected,
    Connecting,
    Connected,
    /// `shutdown` of a connect that had already failed: `connect` and `listen` are EINVAL from then on.
    Disconnecting,
}

/// Linux's defaults, as `getsockopt` reports them on this machine.
pub const TCP_SNDBUF: usize = 16384;
pub const TCP_RCVBUF: usize = 131072;
pub const UDP_BUF: usize = 212992;
/// `net.core.{r,w}mem_max`: `setsockopt` clamps to it before doubling.
pub const MEM_MAX: usize = 212992;
/// `net.core.somaxconn`.
pub const SOMAXCONN: usize = 4096;
/// Loopback's MSS (MTU 65536) and Ethernet's (MTU 1500).
pub const MSS_LOOPBACK: usize = 65483;
pub const MSS_ETHERNET: usize = 1460;
/// The largest UDP payload over IPv4.
pub const UDP_MAX_PAYLOAD: usize = 65507;

/// What a receive found: `Some((bytes, sender))` (empty bytes at EOF), `None` when the caller must wait.
pub type Received = Result<Option<(Vec<u8>, Option<SocketAddrV4>)>, Errno>;

/// One socket, TCP or UDP.
#[derive(Clone, Debug)]
pub struct Socket {
    pub proto: Proto,
    pub host: usize,
    pub local: Option<SocketAddrV4>,
    pub remote: Option<SocketAddrV4>,
    /// `bind` named the port (Linux's `SOCK_BINDPORT_LOCK`): the socket keeps it when its connection
    /// ends or it stops listening. Otherwise the port goes back to the pool then (`inet_put_port`).
    pub port_locked: bool,
    /// `bind` named the address (`SOCK_BINDADDR_LOCK`): a disconnect does not reset it to 0.0.0.0.
    pub addr_locked: bool,
    /// The name `getsockname` still shows after the port went back to the pool (Linux keeps
    /// `inet_sport` and the source address when it clears `inet_num`).
    pub released: Option<SocketAddrV4>,
    pub reuseaddr: bool,
    pub nodelay: bool,
    pub rcvbuf: usize,
    pub sndbuf: usize,
    /// The pending error `SO_ERROR` reports and the next call returns (`sk_err`).
    pub error: Option<Errno>,
    pub state: TcpState,
    pub sock_state: SockState,
    pub was_connected: bool,
    // Listening.
    pub backlog: usize,
    pub accept_q: VecDeque<ObjId>,
    pub syn_q: usize,
    /// For a half-open child: its listener.
    pub listener: Option<ObjId>,
    // Receiving.
    pub rx: VecDeque<u8>,
    pub rx_fin: bool,
    pub irs: u32,
    pub rcv_nxt: u64,
    // Sending: `tx` holds the bytes from `snd_una` on, sent or not.
    pub tx: VecDeque<u8>,
    pub iss: u32,
    pub snd_una: u64,
    pub snd_nxt: u64,
    pub peer_wnd: u64,
    pub fin_queued: bool,
    pub fin_sent: bool,
    pub shut_rd: bool,
    pub shut_wr: bool,
    /// Closed by the program, still finishing its FIN exchange.
    pub orphan: bool,
    pub mss: usize,
    /// Bumped when a timer of this socket should be forgotten.
    pub gen: u64,
    /// The SYN-retransmission or TIME_WAIT timer, cancelled when it no longer applies.
    pub timer: Option<super::TimerKey>,
    pub syn_tries: u32,
    // UDP.
    pub dgrams: VecDeque<(SocketAddrV4, Vec<u8>)>,
    pub dgram_bytes: usize,
}

impl Socket {
    pub fn new(proto: Proto, host: usize) -> Socket {
        let buf = match proto {
            Proto::Tcp => (TCP_RCVBUF, TCP_SNDBUF),
            Proto::Udp => (UDP_BUF, UDP_BUF),
        };
        Socket {
            proto,
            host,
            local: None,
            remote: None,
            port_locked: false,
            addr_locked: false,
            released: None,
            reuseaddr: false,
            nodelay: false,
            rcvbuf: buf.0,
            sndbuf: buf.1,
            error: None,
            state: TcpState::Closed,
            sock_state: SockState::Unconnected,
            was_connected: false,
            backlog: 0,
            accept_q: VecDeque::new(),
            syn_q: 0,
            listener: None,
            rx: VecDeque::new(),
            rx_fin: false,
            irs: 0,
            rcv_nxt: 0,
            tx: VecDeque::new(),
            iss: 0,
            snd_una: 0,
            snd_nxt: 0,
            peer_wnd: 0,
            fin_queued: false,
            fin_sent: false,
            shut_rd: false,
            shut_wr: false,
            orphan: false,
            mss: MSS_LOOPBACK,
            gen: 0,
            timer: None,
            syn_tries: 0,
            dgrams: VecDeque::new(),
            dgram_bytes: 0,
        }
    }

    /// The receive window to advertise.
    pub fn window(&self) -> u64 {
        self.rcvbuf.saturating_sub(self.rx.len()) as u64
    }

    /// Free room in the send buffer.
    pub fn send_space(&self) -> usize {
        self.sndbuf.saturating_sub(self.tx.len())
    }

    pub fn can_send_data(&self) -> bool {
        matches!(self.state, TcpState::Established | TcpState::CloseWait) && !self.shut_wr
    }
}

/// The port and connection tables of all hosts.
#[derive(Clone, Debug)]
pub struct Tables {
    /// Every TCP socket holding a port: (host, port) → sockets.
    pub tcp_ports: BTreeMap<(usize, u16), BTreeSet<ObjId>>,
    pub udp_ports: BTreeMap<(usize, u16), BTreeSet<ObjId>>,
    /// Listening sockets by (host, port), so a SYN finds its listener without looking at connections.
    pub listeners: BTreeMap<(usize, u16), BTreeSet<ObjId>>,
    /// Established-or-connecting TCP sockets by (host, local, remote).
    pub conns: BTreeMap<(usize, SocketAddrV4, SocketAddrV4), ObjId>,
    /// The next ephemeral port to try, per host (seeded start, as Linux randomises it).
    next_port: Vec<u16>,
}

/// `net.ipv4.ip_local_port_range`.
const EPHEMERAL: (u16, u16) = (32768, 60999);

impl Tables {
    pub fn new(hosts: usize, rng: &mut Prng) -> Tables {
        let span = (EPHEMERAL.1 - EPHEMERAL.0) as u64;
        Tables {
            tcp_ports: BTreeMap::new(),
            udp_ports: BTreeMap::new(),
            listeners: BTreeMap::new(),
            conns: BTreeMap::new(),
            next_port: (0..hosts).map(|_| EPHEMERAL.0 + (rng.next_u64() % span) as u16).collect(),
        }
    }

    fn ports(&self, proto: Proto) -> &BTreeMap<(usize, u16), BTreeSet<ObjId>> {
        match proto {
            Proto::Tcp => &self.tcp_ports,
            Proto::Udp => &self.udp_ports,
        }
    }

    pub fn ports_mut(&mut self, proto: Proto) -> &mut BTreeMap<(usize, u16), BTreeSet<ObjId>> {
        match proto {
            Proto::Tcp => &mut self.tcp_ports,
            Proto::Udp => &mut self.udp_ports,
        }
    }

    pub fn unbind(&mut self, proto: Proto, host: usize, port: u16, id: ObjId) {
        let ports = self.ports_mut(proto);
        if let Some(v) = ports.get_mut(&(host, port)) {
            v.remove(&id);
            if v.is_empty() {
                ports.remove(&(host, port));
            }
        }
    }
}

fn overlaps(a: Ipv4Addr, b: Ipv4Addr) -> bool {
    a.is_unspecified() || b.is_unspecified() || a == b
}

impl Kernel {
    /// The socket behind an fd: EBADF if no fd, ENOTSOCK if not a socket.
    pub(super) fn sock_of(&self, pid: Pid, fd: Fd) -> Result<(ObjId, bool), Errno> {
        let e = self.fd(pid, fd)?;
        match self.objs.socket(e.obj) {
            Some(_) => Ok((e.obj, e.nonblock)),
            None => Err(Errno::ENOTSOCK),
        }
    }

    pub(super) fn sock(&self, id: ObjId) -> &Socket {
        self.objs.socket(id).expect("a socket object")
    }

    pub(super) fn sock_mut(&mut self, id: ObjId) -> &mut Socket {
        self.objs.socket_mut(id).expect("a socket object")
    }

    /// Put a new object at the lowest free fd of `pid`, counting the reference.
    pub(super) fn install(
        &mut self,
        pid: Pid,
        obj: ObjId,
        nonblock: bool,
        cloexec: bool,
    ) -> Result<Fd, Errno> {
        let p = self.procs.get_mut(&pid).ok_or(Errno::ESRCH)?;
        let fd = p.fds.install(obj, nonblock, cloexec)?;
        self.objs.get_mut(obj).refs += 1;
        Ok(fd)
    }

    /// Raise a process's `RLIMIT_NOFILE` (as `ulimit -n` would before it starts; c10k needs it).
    pub fn set_nofile_limit(&mut self, pid: Pid, limit: usize) {
        if let Some(p) = self.procs.get_mut(&pid) {
            p.fds.limit = Some(limit);
        }
    }

    /// `socket(2)`.
    pub(super) fn sys_socket(&mut self, pid: Pid, domain: i32, ty: i32, protocol: i32) -> Result<Ret, Errno> {
        if domain != AF_INET {
            return Err(Errno::EAFNOSUPPORT);
        }
        let flags = ty & !0xf;
        if flags & !(SOCK_NONBLOCK | SOCK_CLOEXEC) != 0 {
            return Err(Errno::EINVAL);
        }
        let proto = match (ty & 0xf, protocol) {
            (SOCK_STREAM, 0 | IPPROTO_TCP) => Proto::Tcp,
            (SOCK_DGRAM, 0 | IPPROTO_UDP) => Proto::Udp,
            (SOCK_STREAM | SOCK_DGRAM, _) => return Err(Errno::EPROTONOSUPPORT),
            _ => return Err(Errno::ESOCKTNOSUPPORT),
        };
        let host = self.procs[&pid].host;
        let id = self.objs.insert(ObjKind::Socket(Box::new(Socket::new(proto, host))));
        match self.install(pid, id, flags & SOCK_NONBLOCK != 0, flags & SOCK_CLOEXEC != 0) {
            Ok(fd) => Ok(Ret::Int(fd as i64)),
            Err(e) => {
                self.objs.remove(id);
                Err(e)
            }
        }
    }

    /// Is `addr` one of this host's own (loopback, its address, or the wildcard)?
    fn local_addr_ok(&self, host: usize, addr: Ipv4Addr) -> bool {
        addr.is_unspecified() || is_loopback(addr) || self.hosts[host].addr == addr
    }

    /// May `id` take `addr` (Linux's `inet_csk_bind_conflict`, reduced to SO_REUSEADDR)?
    fn port_free_for(&self, id: ObjId, addr: SocketAddrV4) -> bool {
        let s = self.sock(id);
        let Some(holders) = self.socks.ports(s.proto).get(&(s.host, addr.port())) else {
            return true;
        };
        holders.iter().all(|&other| {
            let o = self.sock(other);
            let ip = o.local.map(|l| *l.ip()).unwrap_or(Ipv4Addr::UNSPECIFIED);
            if !overlaps(ip, *addr.ip()) {
                return true;
            }
            match s.proto {
                Proto::Tcp => s.reuseaddr && o.reuseaddr && o.state != TcpState::Listen,
                Proto::Udp => s.reuseaddr && o.reuseaddr,
            }
        })
    }

    /// Take a port for a socket (`port` 0: an ephemeral one), recording it in the tables.
    pub(super) fn bind_port(&mut self, id: ObjId, ip: Ipv4Addr, port: u16) -> Result<SocketAddrV4, Errno> {
        let (proto, host) = (self.sock(id).proto, self.sock(id).host);
        let addr = if port == 0 {
            let span = EPHEMERAL.1 - EPHEMERAL.0 + 1;
            let mut found = None;
            for _ in 0..span {
                let p = self.socks.next_port[host];
                self.socks.next_port[host] = if p >= EPHEMERAL.1 { EPHEMERAL.0 } else { p + 1 };
                let candidate = SocketAddrV4::new(ip, p);
                if !self.socks.ports(proto).contains_key(&(host, p)) {
                    found = Some(candidate);
                    break;
                }
            }
            found.ok_or(Errno::EADDRINUSE)?
        } else {
            let candidate = SocketAddrV4::new(ip, port);
            if !self.port_free_for(id, candidate) {
                return Err(Errno::EADDRINUSE);
            }
            candidate
        };
        self.socks.ports_mut(proto).entry((host, addr.port())).or_default().insert(id);
        let s = self.sock_mut(id);
        s.local = Some(addr);
        s.released = None;
        Ok(addr)
    }

    /// `bind(2)`.
    pub(super) fn sys_bind(&mut self, pid: Pid, fd: Fd, addr: SocketAddrV4) -> Result<Ret, Errno> {
        let (id, _) = self.sock_of(pid, fd)?;
        let s = self.sock(id);
        // Linux's `__inet_bind` checks the address before the socket's state.
        if !self.local_addr_ok(s.host, *addr.ip()) {
            return Err(Errno::EADDRNOTAVAIL);
        }
        if s.local.is_some() || s.state != TcpState::Closed {
            return Err(Errno::EINVAL);
        }
        self.bind_port(id, *addr.ip(), addr.port())?;
        let s = self.sock_mut(id);
        s.port_locked = addr.port() != 0;
        s.addr_locked = !addr.ip().is_unspecified();
        Ok(Ret::Int(0))
    }

    /// `listen(2)`: the accept queue holds `backlog + 1` connections, as Linux's `sk_acceptq_is_full`.
    pub(super) fn sys_listen(&mut self, pid: Pid, fd: Fd, backlog: i32) -> Result<Ret, Errno> {
        let (id, _) = self.sock_of(pid, fd)?;
        let s = self.sock(id);
        if s.proto == Proto::Udp {
            return Err(Errno::EOPNOTSUPP);
        }
        // Linux's `inet_listen`: only an unconnected socket (a connect whose failure was not yet reported
        // still counts as connecting) in CLOSE or LISTEN.
        let unconnected = s.sock_state == SockState::Unconnected && !s.was_connected;
        if !unconnected || !matches!(s.state, TcpState::Closed | TcpState::Listen) {
            return Err(Errno::EINVAL);
        }
        if s.local.is_none() {
            self.bind_port(id, self.kept_ip(id), 0)?;
        }
        let s = self.sock_mut(id);
        s.backlog = if backlog < 0 { SOMAXCONN } else { (backlog as usize).min(SOMAXCONN) };
        s.state = TcpState::Listen;
        let key = (s.host, s.local.expect("bound above").port());
        self.socks.listeners.entry(key).or_default().insert(id);
        Ok(Ret::Int(0))
    }

    /// `accept4(2)`.
    pub(super) fn sys_accept4(&mut self, pid: Pid, fd: Fd, flags: i32) -> Step {
        let (id, nonblock) = match self.sock_of(pid, fd) {
            Ok(x) => x,
            Err(e) => return Step::Done(Err(e)),
        };
        if flags & !(SOCK_NONBLOCK | SOCK_CLOEXEC) != 0 {
            return Step::Done(Err(Errno::EINVAL));
        }
        let s = self.sock(id);
        if s.proto == Proto::Udp {
            return Step::Done(Err(Errno::EOPNOTSUPP));
        }
        if s.state != TcpState::Listen {
            return Step::Done(Err(Errno::EINVAL));
        }
        if s.accept_q.is_empty() {
            return if nonblock { Step::Done(Err(Errno::EAGAIN)) } else { Step::Block(WaitOn::Readable(fd)) };
        }
        // Linux reserves the fd before dequeuing: on EMFILE the connection stays queued.
        let p = &self.procs[&pid];
        if p.fds.len() >= p.fds.limit.unwrap_or(RLIMIT_NOFILE) {
            return Step::Done(Err(Errno::EMFILE));
        }
        let child = self.sock_mut(id).accept_q.pop_front().expect("non-empty queue");
        self.sock_mut(child).listener = None;
        let peer = self.sock(child).remote.expect("an accepted socket has a peer");
        match self.install(pid, child, flags & SOCK_NONBLOCK != 0, flags & SOCK_CLOEXEC != 0) {
            Ok(newfd) => Step::Done(Ok(Ret::Accepted { fd: newfd, peer })),
            Err(e) => Step::Done(Err(e)),
        }
    }

    /// `connect(2)`.
    pub(super) fn sys_connect(&mut self, pid: Pid, fd: Fd, addr: SocketAddrV4) -> Step {
        let (id, nonblock) = match self.sock_of(pid, fd) {
            Ok(x) => x,
            Err(e) => return Step::Done(Err(e)),
        };
        if self.sock(id).proto == Proto::Udp {
            return Step::Done(self.udp_connect(id, addr));
        }
        let s = self.sock(id);
        match (s.sock_state, s.state) {
            (SockState::Disconnecting, _) => Step::Done(Err(Errno::EINVAL)),
            (_, TcpState::Listen) | (SockState::Connected, _) => Step::Done(Err(Errno::EISCONN)),
            (SockState::Connecting, TcpState::SynSent | TcpState::SynRcvd) => {
                if nonblock {
                    Step::Done(Err(Errno::EALREADY))
                } else {
                    Step::Block(WaitOn::Writable(fd))
                }
            }
            (SockState::Connecting, TcpState::Closed) => {
                // The failure is reported once; `tcp_disconnect` makes the socket new again.
                let s = self.sock_mut(id);
                s.sock_state = SockState::Unconnected;
                s.shut_rd = false;
                s.shut_wr = false;
                let err = s.error.take().unwrap_or(Errno::ECONNABORTED);
                self.tcp_disconnected(id);
                Step::Done(Err(err))
            }
            (SockState::Connecting, _) => {
                self.sock_mut(id).sock_state = SockState::Connected;
                Step::Done(Ok(Ret::Int(0)))
            }
            (SockState::Unconnected, _) => match self.tcp_connect(id, addr) {
                Err(e) => Step::Done(Err(e)),
                Ok(()) if nonblock => Step::Done(Err(Errno::EINPROGRESS)),
                Ok(()) => Step::Block(WaitOn::Writable(fd)),
            },
        }
    }

    /// `recvfrom(2)`.
    pub(super) fn sys_recvfrom(&mut self, pid: Pid, fd: Fd, len: usize, flags: i32) -> Step {
        let (id, nonblock) = match self.sock_of(pid, fd) {
            Ok(x) => x,
            Err(e) => return Step::Done(Err(e)),
        };
        let nonblock = nonblock || flags & MSG_DONTWAIT != 0;
        let peek = flags & MSG_PEEK != 0;
        let taken = match self.sock(id).proto {
            Proto::Tcp => self.tcp_recv(id, len, peek),
            Proto::Udp => self.udp_recv(id, len, peek),
        };
        match taken {
            Ok(Some((data, from))) if data.is_empty() => Step::Done(Ok(Ret::Recv { data, from })),
            Ok(Some((data, from))) => {
                let bytes = data.len();
                self.procs.get_mut(&pid).expect("alive").counters.bytes_to_user += bytes as u64;
                Step::Copy { ret: Ret::Recv { data, from }, fd, bytes }
            }
            Ok(None) if nonblock => Step::Done(Err(Errno::EAGAIN)),
            // A blocking UDP read of a socket shut for reading returns 0 instead of waiting (Linux's
            // `__skb_wait_for_more_packets`); a non-blocking one is still EAGAIN.
            Ok(None) if self.sock(id).proto == Proto::Udp && self.sock(id).shut_rd => {
                Step::Done(Ok(Ret::Recv { data: Vec::new(), from: None }))
            }
            Ok(None) => Step::Block(WaitOn::Readable(fd)),
            Err(e) => Step::Done(Err(e)),
        }
    }

    /// `sendto(2)`: a blocking send returns only when every byte is in the send buffer.
    pub(super) fn sys_sendto(
        &mut self,
        pid: Pid,
        fd: Fd,
        data: &[u8],
        flags: i32,
        addr: Option<SocketAddrV4>,
    ) -> Step {
        let (id, nonblock) = match self.sock_of(pid, fd) {
            Ok(x) => x,
            Err(e) => return Step::Done(Err(e)),
        };
        if self.sock(id).proto == Proto::Udp {
            let r = self.udp_send(id, data, addr);
            if let Ok(Ret::Int(n)) = &r {
                self.procs.get_mut(&pid).expect("alive").counters.bytes_from_user += *n as u64;
            }
            return Step::Done(r);
        }
        let nonblock = nonblock || flags & MSG_DONTWAIT != 0;
        let done = self.procs[&pid].in_call.as_ref().map(|c| c.progress).unwrap_or(0);
        match self.tcp_send(id, &data[done..]) {
            Err(e) => {
                if e == Errno::EPIPE && flags & MSG_NOSIGNAL == 0 {
                    self.raise_signal_from(pid, SIGPIPE, super::signal::SigCode::User(pid));
                }
                if done > 0 {
                    return Step::Done(Ok(Ret::Int(done as i64)));
                }
                Step::Done(Err(e))
            }
            Ok(n) => {
                self.procs.get_mut(&pid).expect("alive").counters.bytes_from_user += n as u64;
                let total = done + n;
                if total == data.len() || (nonblock && total > 0) {
                    Step::Done(Ok(Ret::Int(total as i64)))
                } else if nonblock {
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

    /// `shutdown(2)`, as Linux's `inet_shutdown`: a listener shut for reading stops listening, a
    /// connecting socket gives up its connect (`tcp_disconnect`), and a socket with no connection answers
    /// ENOTCONN yet keeps the shut directions (its reads then see EOF, poll says POLLIN).
    pub(super) fn sys_shutdown(&mut self, pid: Pid, fd: Fd, how: i32) -> Result<Ret, Errno> {
        let (id, _) = self.sock_of(pid, fd)?;
        if !(SHUT_RD..=SHUT_RDWR).contains(&how) {
            return Err(Errno::EINVAL);
        }
        let s = self.sock_mut(id);
        let proto = s.proto;
        if s.sock_state == SockState::Connecting {
            s.sock_state = match s.state {
                TcpState::SynSent | TcpState::SynRcvd | TcpState::Closed => SockState::Disconnecting,
                _ => SockState::Connected,
            };
        }
        let s = self.sock(id);
        match (proto, s.state) {
            (Proto::Tcp, TcpState::Listen) => {
                // SHUT_WR alone changes nothing. Either way the answer is 0.
                if how != SHUT_WR {
                    self.tcp_stop_listening(id);
                    self.tcp_disconnected(id);
                    self.wake_obj(id);
                }
                return Ok(Ret::Int(0));
            }
            (Proto::Tcp, TcpState::SynSent) => {
                self.tcp_free(id);
                self.tcp_disconnected(id);
                self.sock_mut(id).sock_state = SockState::Unconnected;
                self.wake_obj(id);
                return Ok(Ret::Int(0));
            }
            _ => {}
        }
        let connected = match proto {
            Proto::Tcp => s.state != TcpState::Closed,
            Proto::Udp => s.remote.is_some(),
        };
        let s = self.sock_mut(id);
        if how != SHUT_WR {
            s.shut_rd = true;
        }
        if !connected {
            if how != SHUT_RD {
                s.shut_wr = true;
            }
            self.wake_obj(id);
            return Err(Errno::ENOTCONN);
        }
        if how != SHUT_RD {
            match proto {
                Proto::Tcp => self.tcp_shutdown_write(id),
                Proto::Udp => self.sock_mut(id).shut_wr = true,
            }
        }
        self.wake_obj(id);
        Ok(Ret::Int(0))
    }

    /// `getsockname(2)`: an unbound socket is 0.0.0.0:0; one whose port went back to the pool still shows it.
    pub(super) fn sys_getsockname(&mut self, pid: Pid, fd: Fd) -> Result<Ret, Errno> {
        let (id, _) = self.sock_of(pid, fd)?;
        let s = self.sock(id);
        Ok(Ret::Addr(s.local.or(s.released).unwrap_or(SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, 0))))
    }

    /// The address a socket without a port binds its next port on: the one `bind` named, else 0.0.0.0.
    pub(super) fn kept_ip(&self, id: ObjId) -> Ipv4Addr {
        let s = self.sock(id);
        match s.released {
            Some(name) if s.addr_locked => *name.ip(),
            _ => Ipv4Addr::UNSPECIFIED,
        }
    }

    /// Linux's `tcp_disconnect` (a failed connect reported, a connect or a listener shut down): unless
    /// `bind` named the address, the socket's source address is 0.0.0.0 again.
    pub(super) fn tcp_disconnected(&mut self, id: ObjId) {
        let s = self.sock_mut(id);
        if s.addr_locked {
            return;
        }
        let unspecified = |a: SocketAddrV4| SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, a.port());
        s.released = s.released.map(unspecified);
        // A port kept by `bind` stays held, on the wildcard address.
        if let Some(l) = s.local {
            s.local = Some(unspecified(l));
        }
    }

    /// `getpeername(2)`.
    pub(super) fn sys_getpeername(&mut self, pid: Pid, fd: Fd) -> Result<Ret, Errno> {
        let (id, _) = self.sock_of(pid, fd)?;
        let s = self.sock(id);
        let connected = match s.proto {
            Proto::Tcp => !matches!(s.state, TcpState::Closed | TcpState::Listen | TcpState::SynSent),
            Proto::Udp => true,
        };
        // Linux's `inet_getname`: no peer port (a UDP socket connected to port 0) is no peer.
        match s.remote {
            Some(peer) if connected && peer.port() != 0 => Ok(Ret::Addr(peer)),
            _ => Err(Errno::ENOTCONN),
        }
    }

    /// `setsockopt(2)`: buffer sizes are doubled and clamped as Linux does (min 2304 receive, 4608 send).
    pub(super) fn sys_setsockopt(
        &mut self,
        pid: Pid,
        fd: Fd,
        level: i32,
        name: i32,
        value: i32,
    ) -> Result<Ret, Errno> {
        let (id, _) = self.sock_of(pid, fd)?;
        let clamp = |v: i32, min: usize| ((v.max(0) as usize).min(MEM_MAX) * 2).max(min);
        let s = self.sock_mut(id);
        match (level, name) {
            (SOL_SOCKET, SO_REUSEADDR) => s.reuseaddr = value != 0,
            (SOL_SOCKET, SO_RCVBUF) => s.rcvbuf = clamp(value, 2304),
            (SOL_SOCKET, SO_SNDBUF) => s.sndbuf = clamp(value, 4608),
            (IPPROTO_TCP, TCP_NODELAY) if s.proto == Proto::Tcp => s.nodelay = value != 0,
            (SOL_SOCKET, _) | (IPPROTO_TCP, _) => return Err(Errno::ENOPROTOOPT),
            _ => return Err(Errno::ENOPROTOOPT),
        }
        Ok(Ret::Int(0))
    }

    /// `getsockopt(2)`: reading `SO_ERROR` clears the pending error.
    pub(super) fn sys_getsockopt(&mut self, pid: Pid, fd: Fd, level: i32, name: i32) -> Result<Ret, Errno> {
        let (id, _) = self.sock_of(pid, fd)?;
        let s = self.sock_mut(id);
        let v = match (level, name) {
            (SOL_SOCKET, SO_REUSEADDR) => s.reuseaddr as i64,
            (SOL_SOCKET, SO_TYPE) => match s.proto {
                Proto::Tcp => SOCK_STREAM as i64,
                Proto::Udp => SOCK_DGRAM as i64,
            },
            (SOL_SOCKET, SO_ERROR) => s.error.take().map(|e| e.code() as i64).unwrap_or(0),
            (SOL_SOCKET, SO_RCVBUF) => s.rcvbuf as i64,
            (SOL_SOCKET, SO_SNDBUF) => s.sndbuf as i64,
            (IPPROTO_TCP, TCP_NODELAY) if s.proto == Proto::Tcp => s.nodelay as i64,
            _ => return Err(Errno::ENOPROTOOPT),
        };
        Ok(Ret::Int(v))
    }

    /// A socket's last fd closed.
    pub(super) fn socket_release(&mut self, id: ObjId) {
        match self.sock(id).proto {
            Proto::Udp => {
                let s = self.sock(id);
                if let Some(l) = s.local {
                    let host = s.host;
                    self.socks.unbind(Proto::Udp, host, l.port(), id);
                }
                self.objs.remove(id);
            }
            Proto::Tcp => self.tcp_close(id),
        }
    }

    /// Where a packet from `src` (a socket's bound address, maybe 0.0.0.0) to `dst` goes, seen from host
    /// `from`: the host that owns the destination (loopback and a host's own address stay on the host) and
    /// the address it is sent to. As Linux's `ip_route_output_key_hash_rcu`, a destination of 0.0.0.0
    /// means this host: the source address, or 127.0.0.1 when the socket has none.
    pub(super) fn route(&self, from: usize, src: Ipv4Addr, dst: Ipv4Addr) -> Option<(usize, Ipv4Addr)> {
        let dst = match (dst.is_unspecified(), src.is_unspecified()) {
            (false, _) => dst,
            (true, false) => src,
            (true, true) => Ipv4Addr::LOCALHOST,
        };
        if is_loopback(dst) || self.hosts[from].addr == dst {
            return Some((from, dst));
        }
        let to = self.hosts.iter().position(|h| h.addr == dst)?;
        Some((to, dst))
    }

    /// The address a socket's packets leave from: the bound one, or 0.0.0.0.
    pub(super) fn bound_ip(&self, id: ObjId) -> Ipv4Addr {
        self.sock(id).local.map_or(Ipv4Addr::UNSPECIFIED, |l| *l.ip())
    }

    /// The source address a socket on `host` uses towards `dst`.
    pub(super) fn source_ip(&self, host: usize, dst: Ipv4Addr) -> Ipv4Addr {
        if is_loopback(dst) {
            Ipv4Addr::LOCALHOST
        } else {
            self.hosts[host].addr
        }
    }
}
