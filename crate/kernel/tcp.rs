//! TCP over the simulated wire: the three-way handshake, data with a send buffer and the peer's window,
//! FIN and RST, TIME_WAIT, SYN retransmission (RFC 793's state machine, Linux's choices of errno).
//!
//! Sequence numbers: `iss`/`irs` are the initial ones (seeded); internally `snd_una`, `snd_nxt`, `rcv_nxt`
//! count data bytes from 0, and the wire shows `iss + 1 + n` as tcpdump would.

use super::objects::{ObjId, ObjKind};
use super::socket::Received;
use super::socket::{Proto, SockState, Socket, TcpState, MSS_ETHERNET, MSS_LOOPBACK};
use super::{Kernel, Timer};
use crate::net::{Fate, Payload, Segment, TcpFlags, RTO_SYN};
use crate::sys::{Errno, SocketAddrV4};
use crate::trace::{Kind, Wire};

/// How long TIME_WAIT lasts on Linux (`TCP_TIMEWAIT_LEN`, 60 s).
pub const TIME_WAIT_LEN: u64 = 60_000_000_000;
/// `net.ipv4.tcp_syn_retries`: after this many retransmitted SYNs, connect fails with ETIMEDOUT.
pub const SYN_RETRIES: u32 = 6;

const SYN: TcpFlags = TcpFlags { syn: true, ack: false, fin: false, rst: false, psh: false };
const SYN_ACK: TcpFlags = TcpFlags { syn: true, ack: true, fin: false, rst: false, psh: false };
const ACK: TcpFlags = TcpFlags { syn: false, ack: true, fin: false, rst: false, psh: false };
const DATA: TcpFlags = TcpFlags { syn: false, ack: true, fin: false, rst: false, psh: true };
const FIN: TcpFlags = TcpFlags { syn: false, ack: true, fin: true, rst: false, psh: false };
const RST: TcpFlags = TcpFlags { syn: false, ack: false, fin: false, rst: true, psh: false };

impl Kernel {
    /// Start the handshake: bind a source port if needed, send SYN.
    pub(super) fn tcp_connect(&mut self, id: ObjId, addr: SocketAddrV4) -> Result<(), Errno> {
        let host = self.sock(id).host;
        let Some((to_host, dst_ip)) = self.route(host, self.bound_ip(id), *addr.ip()) else {
            return Err(Errno::ENETUNREACH);
        };
        let addr = SocketAddrV4::new(dst_ip, addr.port());
        let src_ip = self.source_ip(host, *addr.ip());
        let local = match self.sock(id).local {
            None => {
                let kept = self.kept_ip(id);
                self.bind_port(id, if kept.is_unspecified() { src_ip } else { kept }, 0)?
            }
            Some(l) if l.ip().is_unspecified() => SocketAddrV4::new(src_ip, l.port()),
            Some(l) => l,
        };
        if self.socks.conns.contains_key(&(host, local, addr)) {
            return Err(Errno::EADDRNOTAVAIL);
        }
        let iss = self.rng.next_u64() as u32;
        let s = self.sock_mut(id);
        s.local = Some(local);
        s.remote = Some(addr);
        s.iss = iss;
        s.state = TcpState::SynSent;
        s.sock_state = SockState::Connecting;
        s.mss = if to_host == host { MSS_LOOPBACK } else { MSS_ETHERNET };
        s.syn_tries = 0;
        self.socks.conns.insert((host, local, addr), id);
        self.tcp_emit(id, SYN, Vec::new());
        self.arm_syn_timer(id, RTO_SYN);
        Ok(())
    }

    fn arm_syn_timer(&mut self, id: ObjId, after: u64) {
        let gen = self.retire_timer(id);
        let key = self.add_timer(self.now + after, Timer::SynRetry(id, gen));
        self.sock_mut(id).timer = Some(key);
    }

    /// Cancel the socket's timer (and bump its generation): the new generation.
    fn retire_timer(&mut self, id: ObjId) -> u64 {
        let s = self.sock_mut(id);
        s.gen += 1;
        let gen = s.gen;
        if let Some(key) = s.timer.take() {
            self.cancel_timer(key);
        }
        gen
    }

    /// The SYN was not answered: send it again, or give up with ETIMEDOUT.
    pub(super) fn syn_retry(&mut self, id: ObjId, gen: u64) {
        let Some(s) = self.objs.socket(id) else { return };
        if s.gen != gen || s.state != TcpState::SynSent {
            return;
        }
        let tries = s.syn_tries + 1;
        if tries > SYN_RETRIES {
            self.tcp_fail(id, Errno::ETIMEDOUT);
            return;
        }
        self.sock_mut(id).syn_tries = tries;
        self.tcp_emit(id, SYN, Vec::new());
        self.arm_syn_timer(id, RTO_SYN << tries);
    }

    /// Take up to `len` bytes for a reader: `Some(bytes)` (empty at EOF), `None` if it must wait.
    ///
    /// As Linux's `tcp_recvmsg_locked`, whose loop runs once even for `len` 0: queued data answers (with 0
    /// bytes for `len` 0); without any, a pending error, then the read side shut (EOF), then a socket never
    /// connected (ENOTCONN), else the caller waits (EAGAIN or blocks, also for `len` 0, as on Linux;
    /// CPython's `socket.recv(0)` answers `b''` without a syscall).
    pub(super) fn tcp_recv(&mut self, id: ObjId, len: usize, peek: bool) -> Received {
        let s = self.sock_mut(id);
        if s.state == TcpState::Listen {
            return Err(Errno::ENOTCONN);
        }
        if !s.rx.is_empty() {
            let n = len.min(s.rx.len());
            let before = s.window();
            let data: Vec<u8> =
                if peek { s.rx.iter().take(n).copied().collect() } else { s.rx.drain(..n).collect() };
            let after = s.window();
            // Open a window the sender may be stuck behind (a window update, RFC 1122 4.2.3.3).
            if before < s.mss as u64 && after >= s.mss.min(s.rcvbuf / 2) as u64 && s.state != TcpState::Closed
            {
                self.tcp_emit(id, ACK, Vec::new());
            }
            return Ok(Some((data, None)));
        }
        if let Some(e) = s.error.take() {
            return Err(e);
        }
        if s.rx_fin || s.shut_rd {
            return Ok(Some((Vec::new(), None)));
        }
        match s.state {
            TcpState::Closed if !s.was_connected => Err(Errno::ENOTCONN),
            TcpState::Closed => Ok(Some((Vec::new(), None))),
            _ => Ok(None),
        }
    }

    /// Put bytes into the send buffer and send what the window allows: how many were taken (0 = full).
    pub(super) fn tcp_send(&mut self, id: ObjId, data: &[u8]) -> Result<usize, Errno> {
        let s = self.sock_mut(id);
        if let Some(e) = s.error.take() {
            return Err(e);
        }
        if !s.can_send_data() {
            return match s.state {
                TcpState::SynSent | TcpState::SynRcvd => Ok(0),
                _ => Err(Errno::EPIPE),
            };
        }
        let n = s.send_space().min(data.len());
        s.tx.extend(&data[..n]);
        self.tcp_output(id);
        Ok(n)
    }

    /// Send as much queued data as the peer's window allows, then a queued FIN.
    pub(super) fn tcp_output(&mut self, id: ObjId) {
        loop {
            let s = self.sock(id);
            let in_flight = s.snd_nxt - s.snd_una;
            let unsent = (s.tx.len() as u64).saturating_sub(in_flight);
            let room = s.peer_wnd.saturating_sub(in_flight);
            let n = unsent.min(room).min(s.mss as u64) as usize;
            if n == 0 {
                break;
            }
            let start = in_flight as usize;
            let chunk: Vec<u8> = s.tx.range(start..start + n).copied().collect();
            self.tcp_emit(id, DATA, chunk);
            self.sock_mut(id).snd_nxt += n as u64;
        }
        let s = self.sock(id);
        if s.fin_queued && !s.fin_sent && s.snd_nxt - s.snd_una == s.tx.len() as u64 {
            self.tcp_emit(id, FIN, Vec::new());
            self.sock_mut(id).fin_sent = true;
        }
    }

    /// `shutdown(SHUT_WR)` or `close`: queue a FIN after the data.
    pub(super) fn tcp_shutdown_write(&mut self, id: ObjId) {
        let s = self.sock_mut(id);
        if s.shut_wr {
            return;
        }
        s.shut_wr = true;
        s.fin_queued = true;
        s.state = match s.state {
            TcpState::Established | TcpState::SynRcvd => TcpState::FinWait1,
            TcpState::CloseWait => TcpState::LastAck,
            other => other,
        };
        self.tcp_output(id);
    }

    /// The last fd of a TCP socket closed.
    pub(super) fn tcp_close(&mut self, id: ObjId) {
        let s = self.sock(id);
        match s.state {
            TcpState::Listen => self.tcp_stop_listening(id),
            TcpState::Closed | TcpState::SynSent => self.tcp_free(id),
            // Unread data: Linux resets the connection instead of a graceful FIN (RFC 2525 2.17).
            _ if !s.rx.is_empty() && !s.orphan => {
                self.tcp_emit(id, RST, Vec::new());
                self.tcp_free(id);
            }
            _ => {
                self.sock_mut(id).orphan = true;
                self.tcp_shutdown_write(id);
                self.sock_mut(id).shut_rd = true;
                if self.sock(id).state == TcpState::Closed {
                    self.tcp_free(id);
                }
            }
        }
    }

    /// Stop listening, as Linux's `inet_csk_listen_stop` (on close, and on `shutdown(SHUT_RD)`): queued
    /// and half-open connections are reset, and the socket is freed — or, while an fd still holds it, left
    /// closed, so a later `accept4` is EINVAL and `listen` may start again (on its own port if it bound one).
    pub(super) fn tcp_stop_listening(&mut self, id: ObjId) {
        let s = self.sock(id);
        let mut children: Vec<ObjId> = s.accept_q.iter().copied().collect();
        if let Some(l) = s.local {
            // Half-open children hold the listener's port, so the port table lists them.
            let holders = self.socks.tcp_ports.get(&(s.host, l.port())).into_iter().flatten();
            children.extend(holders.copied().filter(|&c| {
                let child = self.sock(c);
                child.listener == Some(id) && child.state == TcpState::SynRcvd
            }));
        }
        let s = self.sock_mut(id);
        s.accept_q.clear();
        s.syn_q = 0;
        for child in children {
            self.tcp_emit(child, RST, Vec::new());
            self.tcp_free(child);
        }
        self.tcp_free(id);
    }

    /// Forget a socket: its port, its connection entry, its object.
    pub(super) fn tcp_free(&mut self, id: ObjId) {
        self.retire_timer(id);
        let s = self.sock(id);
        let (host, local, remote, port_locked) = (s.host, s.local, s.remote, s.port_locked);
        if let (Some(l), Some(r)) = (local, remote) {
            if self.socks.conns.get(&(host, l, r)) == Some(&id) {
                self.socks.conns.remove(&(host, l, r));
            }
        }
        let held = self.objs.get(id).refs > 0;
        if let Some(l) = local {
            if let Some(set) = self.socks.listeners.get_mut(&(host, l.port())) {
                set.remove(&id);
            }
            if !(held && port_locked) {
                self.socks.unbind(Proto::Tcp, host, l.port(), id);
            }
        }
        if !held {
            self.objs.remove(id);
            return;
        }
        let s = self.sock_mut(id);
        s.state = TcpState::Closed;
        if !s.port_locked {
            s.released = s.local.take();
        }
    }

    /// The connection failed (RST, timeout): record the error, wake everyone, free what nobody holds.
    /// As Linux's `tcp_done`, both directions are shut: once the error is reported, reads see EOF.
    fn tcp_fail(&mut self, id: ObjId, err: Errno) {
        let s = self.sock_mut(id);
        s.error = Some(err);
        s.tx.clear();
        s.state = TcpState::Closed;
        s.shut_rd = true;
        s.shut_wr = true;
        let orphan = s.orphan;
        let listener = s.listener.take();
        self.retire_timer(id);
        if let Some(l) = listener {
            if let Some(ls) = self.objs.socket_mut(l) {
                ls.syn_q = ls.syn_q.saturating_sub(1);
            }
        }
        self.tcp_free(id);
        if !orphan && self.objs.exists(id) {
            self.wake_obj(id);
        }
    }

    pub(super) fn time_wait_over(&mut self, id: ObjId, gen: u64) {
        if matches!(self.objs.socket(id), Some(s) if s.gen == gen && s.state == TcpState::TimeWait) {
            self.tcp_free(id);
        }
    }

    fn enter_time_wait(&mut self, id: ObjId) {
        self.sock_mut(id).state = TcpState::TimeWait;
        let gen = self.retire_timer(id);
        let key = self.add_timer(self.now + TIME_WAIT_LEN, Timer::TimeWait(id, gen));
        self.sock_mut(id).timer = Some(key);
    }

    /// Build a segment from the socket's state and put it on the wire.
    pub(super) fn tcp_emit(&mut self, id: ObjId, flags: TcpFlags, data: Vec<u8>) {
        let s = self.sock(id);
        let (Some(src), Some(dst)) = (s.local, s.remote) else {
            return;
        };
        let Some((to_host, _)) = self.route(s.host, *src.ip(), *dst.ip()) else {
            return;
        };
        let seq = if flags.syn { s.iss } else { s.iss.wrapping_add(1).wrapping_add(s.snd_nxt as u32) };
        let ack = if flags.ack {
            s.irs.wrapping_add(1).wrapping_add(s.rcv_nxt as u32).wrapping_add(s.rx_fin as u32)
        } else {
            0
        };
        let seg = Segment {
            from_host: s.host,
            to_host,
            src,
            dst,
            payload: Payload::Tcp { flags, seq, ack, window: s.window() as u32, data },
        };
        self.transmit(seg);
    }

    /// Hand a segment to the wire and trace it.
    pub(super) fn transmit(&mut self, seg: Segment) {
        let (what, seq, ack) = match &seg.payload {
            Payload::Tcp { flags, seq, ack, .. } => (flags.tcpdump(), *seq, *ack),
            Payload::Udp { .. } => ("UDP".to_string(), 0, 0),
            Payload::PortUnreachable { .. } => ("ICMP port unreachable".to_string(), 0, 0),
        };
        let (src, dst, len) = (seg.src.to_string(), seg.dst.to_string(), seg.data_len());
        let (wire, arrival) = match self.wire.transmit(seg, self.now) {
            Fate::Arrives(t) => (Wire::Sent, Some(t)),
            Fate::Retransmitted { tries, at } => (Wire::Retransmitted(tries), Some(at)),
            Fate::Lost => (Wire::Lost, None),
        };
        self.emit(0, Kind::Segment { src, dst, what, seq, ack, len, wire, arrival });
    }

    /// A segment arrived at its host.
    pub(super) fn receive(&mut self, seg: Segment) {
        match &seg.payload {
            Payload::Udp { .. } => self.udp_input(seg),
            Payload::PortUnreachable { orig_src, orig_dst } => {
                self.udp_unreachable(seg.to_host, *orig_src, *orig_dst)
            }
            Payload::Tcp { .. } => self.tcp_input(seg),
        }
    }

    fn trace_dropped(&mut self, seg: &Segment) {
        if let Payload::Tcp { flags, seq, ack, .. } = &seg.payload {
            let (src, dst, what) = (seg.src.to_string(), seg.dst.to_string(), flags.tcpdump());
            let len = seg.data_len();
            self.emit(
                0,
                Kind::Segment {
                    src,
                    dst,
                    what,
                    seq: *seq,
                    ack: *ack,
                    len,
                    wire: Wire::Dropped,
                    arrival: None,
                },
            );
        }
    }

    fn tcp_input(&mut self, seg: Segment) {
        let Payload::Tcp { flags, seq, ack, window, data } = seg.payload.clone() else {
            return;
        };
        let host = seg.to_host;
        if let Some(&id) = self.socks.conns.get(&(host, seg.dst, seg.src)) {
            return self.tcp_segment(id, flags, seq, ack, window as u64, data);
        }
        if flags.syn && !flags.ack {
            if let Some(listener) = self.find_listener(host, seg.dst) {
                return self.tcp_syn(listener, &seg, seq);
            }
        }
        if !flags.rst {
            // Nothing here: answer with RST (RFC 793 "If the connection does not exist").
            let reply = Segment {
                from_host: host,
                to_host: seg.from_host,
                src: seg.dst,
                dst: seg.src,
                payload: Payload::Tcp {
                    flags: TcpFlags { rst: true, ack: flags.syn, ..TcpFlags::default() },
                    seq: if flags.ack { ack } else { 0 },
                    ack: if flags.syn { seq.wrapping_add(1) } else { 0 },
                    window: 0,
                    data: Vec::new(),
                },
            };
            self.transmit(reply);
        }
    }

    fn find_listener(&self, host: usize, dst: SocketAddrV4) -> Option<ObjId> {
        let holders = self.socks.listeners.get(&(host, dst.port()))?;
        holders.iter().copied().find(|&id| {
            let s = self.sock(id);
            s.state == TcpState::Listen
                && s.local.is_some_and(|l| l.ip().is_unspecified() || l.ip() == dst.ip())
        })
    }

    /// A SYN for a listener: a half-open child answers SYN-ACK, unless the accept queue is full.
    fn tcp_syn(&mut self, listener: ObjId, seg: &Segment, seq: u32) {
        let l = self.sock(listener);
        if l.accept_q.len() + l.syn_q > l.backlog {
            // Linux drops the SYN when the accept queue is full; the client retransmits it after its RTO.
            // Half-open connections count too (over loopback there are none: a handshake completes
            // inside its connect, before the next SYN exists).
            self.trace_dropped(seg);
            return;
        }
        let mut child = Socket::new(Proto::Tcp, seg.to_host);
        child.local = Some(seg.dst);
        child.remote = Some(seg.src);
        child.reuseaddr = l.reuseaddr;
        child.rcvbuf = l.rcvbuf;
        child.sndbuf = l.sndbuf;
        child.nodelay = l.nodelay;
        child.state = TcpState::SynRcvd;
        child.sock_state = SockState::Connected;
        child.listener = Some(listener);
        child.irs = seq;
        child.iss = self.rng.next_u64() as u32;
        child.mss = if seg.from_host == seg.to_host { MSS_LOOPBACK } else { MSS_ETHERNET };
        let id = self.objs.insert(ObjKind::Socket(Box::new(child)));
        self.sock_mut(listener).syn_q += 1;
        self.socks.conns.insert((seg.to_host, seg.dst, seg.src), id);
        self.socks.tcp_ports.entry((seg.to_host, seg.dst.port())).or_default().insert(id);
        self.tcp_emit(id, SYN_ACK, Vec::new());
    }

    /// A segment for a known connection.
    fn tcp_segment(&mut self, id: ObjId, flags: TcpFlags, seq: u32, ack: u32, window: u64, data: Vec<u8>) {
        let state = self.sock(id).state;
        if flags.rst {
            let err = match state {
                TcpState::SynSent => Errno::ECONNREFUSED,
                TcpState::CloseWait => Errno::EPIPE,
                _ => Errno::ECONNRESET,
            };
            self.tcp_fail(id, err);
            return;
        }
        if state == TcpState::SynSent {
            if flags.syn && flags.ack {
                let s = self.sock_mut(id);
                s.irs = seq;
                s.peer_wnd = window;
                s.state = TcpState::Established;
                s.was_connected = true;
                self.retire_timer(id);
                self.tcp_emit(id, ACK, Vec::new());
                self.wake_obj(id);
            } else if flags.syn {
                // A SYN without ACK: a simultaneous open (RFC 793 figure 8) — on loopback, a socket that
                // connects to its own address. Linux's `tcp_rcv_synsent_state_process` answers SYN-ACK.
                let s = self.sock_mut(id);
                s.irs = seq;
                s.peer_wnd = window;
                s.state = TcpState::SynRcvd;
                self.tcp_emit(id, SYN_ACK, Vec::new());
            }
            return;
        }
        if state == TcpState::SynRcvd && self.sock(id).listener.is_none() {
            // The other half of a simultaneous open: our SYN is acknowledged.
            let s = self.sock_mut(id);
            if flags.ack && ack == s.iss.wrapping_add(1) {
                s.peer_wnd = window;
                s.state = TcpState::Established;
                s.was_connected = true;
                self.retire_timer(id);
                self.wake_obj(id);
            }
            return;
        }
        if state == TcpState::SynRcvd && !(flags.ack && !flags.syn && self.tcp_established_child(id, window))
        {
            return;
        }
        // ACK processing: free acknowledged bytes, learn the window.
        if flags.ack {
            let s = self.sock_mut(id);
            let acked = (ack.wrapping_sub(s.iss.wrapping_add(1)) as u64).min(s.snd_nxt + s.fin_sent as u64);
            let data_acked = acked.min(s.snd_nxt);
            let fin_acked = s.fin_sent && acked > s.snd_nxt;
            let freed = data_acked.saturating_sub(s.snd_una);
            if freed > 0 {
                s.tx.drain(..freed as usize);
                s.snd_una = data_acked;
            }
            s.peer_wnd = window;
            let state = s.state;
            if fin_acked {
                match state {
                    TcpState::FinWait1 => self.sock_mut(id).state = TcpState::FinWait2,
                    TcpState::Closing => self.enter_time_wait(id),
                    TcpState::LastAck => {
                        self.sock_mut(id).state = TcpState::Closed;
                        self.tcp_free(id);
                        return;
                    }
                    _ => {}
                }
            }
            self.tcp_output(id);
            if freed > 0 {
                self.wake_obj(id);
            }
        }
        if !data.is_empty() {
            let s = self.sock(id);
            if s.orphan {
                // Data for a socket nobody can read any more: reset (Linux's tcp_rcv_state_process).
                self.tcp_emit(id, RST, Vec::new());
                self.tcp_fail(id, Errno::ECONNRESET);
                return;
            }
            let s = self.sock_mut(id);
            s.rcv_nxt += data.len() as u64;
            s.rx.extend(data);
            self.tcp_emit(id, ACK, Vec::new());
            self.wake_obj(id);
        }
        if flags.fin {
            let s = self.sock_mut(id);
            if s.rx_fin {
                return;
            }
            s.rx_fin = true;
            let state = s.state;
            self.tcp_emit(id, ACK, Vec::new());
            match state {
                TcpState::Established => self.sock_mut(id).state = TcpState::CloseWait,
                TcpState::FinWait1 => self.sock_mut(id).state = TcpState::Closing,
                TcpState::FinWait2 => self.enter_time_wait(id),
                _ => {}
            }
            if self.objs.exists(id) {
                self.wake_obj(id);
            }
        }
    }

    /// The handshake's last ACK: the child joins its listener's accept queue.
    fn tcp_established_child(&mut self, id: ObjId, window: u64) -> bool {
        let listener = self.sock(id).listener;
        let alive =
            listener.is_some_and(|l| matches!(self.objs.socket(l), Some(s) if s.state == TcpState::Listen));
        let s = self.sock_mut(id);
        s.state = TcpState::Established;
        s.was_connected = true;
        s.peer_wnd = window;
        let Some(l) = listener.filter(|_| alive) else {
            self.tcp_emit(id, RST, Vec::new());
            self.tcp_free(id);
            return false;
        };
        let ls = self.sock_mut(l);
        ls.syn_q = ls.syn_q.saturating_sub(1);
        ls.accept_q.push_back(id);
        self.wake_obj(l);
        true
    }
}
