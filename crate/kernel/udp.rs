//! UDP: datagrams kept whole, truncated to the reader's buffer, dropped when the receive buffer is full.
//!
//! A datagram to a port nobody holds is answered with ICMP port unreachable; as on Linux, only a
//! connected UDP socket takes it as an error (ECONNREFUSED on its next call, a send or a receive).

use super::objects::ObjId;
use super::socket::Received;
use super::socket::{Proto, UDP_MAX_PAYLOAD};
use super::Kernel;
use crate::net::{Payload, Segment};
use crate::sys::{Errno, Ipv4Addr, Ret, SocketAddrV4};
use crate::trace::{Kind, Wire};

impl Kernel {
    /// `connect(2)` on UDP: remember the default peer (binding a port first if needed).
    pub(super) fn udp_connect(&mut self, id: ObjId, addr: SocketAddrV4) -> Result<Ret, Errno> {
        let host = self.sock(id).host;
        let Some((_, dst_ip)) = self.route(host, self.bound_ip(id), *addr.ip()) else {
            return Err(Errno::ENETUNREACH);
        };
        let addr = SocketAddrV4::new(dst_ip, addr.port());
        if self.sock(id).local.is_none() {
            let ip = self.source_ip(host, *addr.ip());
            self.bind_port(id, ip, 0)?;
        }
        self.sock_mut(id).remote = Some(addr);
        Ok(Ret::Int(0))
    }

    pub(super) fn udp_send(
        &mut self,
        id: ObjId,
        data: &[u8],
        to: Option<SocketAddrV4>,
    ) -> Result<Ret, Errno> {
        // Linux's `inet_send_prepare` binds a port before `udp_sendmsg` looks at anything, so even a send
        // that fails (EDESTADDRREQ, EMSGSIZE) leaves the socket bound.
        let local = match self.sock(id).local {
            None => self.bind_port(id, Ipv4Addr::UNSPECIFIED, 0)?,
            Some(l) => l,
        };
        let s = self.sock(id);
        let Some(dst) = to.or(s.remote) else {
            return Err(Errno::EDESTADDRREQ);
        };
        if to.is_some_and(|to| to.port() == 0) {
            return Err(Errno::EINVAL); // `udp_sendmsg` refuses an explicit port 0 (a connected one goes)
        }
        if data.len() > UDP_MAX_PAYLOAD {
            return Err(Errno::EMSGSIZE);
        }
        let host = s.host;
        let Some((to_host, dst_ip)) = self.route(host, self.bound_ip(id), *dst.ip()) else {
            return Err(Errno::ENETUNREACH);
        };
        let dst = SocketAddrV4::new(dst_ip, dst.port());
        let src_ip = self.source_ip(host, *dst.ip());
        // A pending error (an earlier datagram's ICMP port unreachable) fails this send and is cleared,
        // after the checks above, as Linux's `sock_alloc_send_pskb` reports `sock_error` when it builds the skb;
        // then a shut sending side is EPIPE (UDP raises no SIGPIPE).
        if let Some(e) = self.sock_mut(id).error.take() {
            return Err(e);
        }
        if self.sock(id).shut_wr {
            return Err(Errno::EPIPE);
        }
        let src =
            SocketAddrV4::new(if local.ip().is_unspecified() { src_ip } else { *local.ip() }, local.port());
        let seg =
            Segment { from_host: host, to_host, src, dst, payload: Payload::Udp { data: data.to_vec() } };
        self.transmit(seg);
        Ok(Ret::Int(data.len() as i64))
    }

    /// Take one datagram (truncated to `len`; the rest of it is discarded, as Linux does without MSG_TRUNC).
    pub(super) fn udp_recv(&mut self, id: ObjId, len: usize, peek: bool) -> Received {
        let s = self.sock_mut(id);
        if let Some(e) = s.error.take() {
            return Err(e);
        }
        let Some((from, data)) = (if peek { s.dgrams.front().cloned() } else { s.dgrams.pop_front() }) else {
            return Ok(None);
        };
        if !peek {
            s.dgram_bytes -= data.len();
        }
        let mut data = data;
        data.truncate(len);
        Ok(Some((data, Some(from))))
    }

    pub(super) fn udp_input(&mut self, seg: Segment) {
        let Payload::Udp { data } = seg.payload else {
            return;
        };
        if self.socks.udp_ports.get(&(seg.to_host, seg.dst.port())).is_none_or(|h| h.is_empty()) {
            let reply = Segment {
                from_host: seg.to_host,
                to_host: seg.from_host,
                src: seg.dst,
                dst: seg.src,
                payload: Payload::PortUnreachable { orig_src: seg.src, orig_dst: seg.dst },
            };
            self.transmit(reply);
            return;
        }
        let target = self.socks.udp_ports.get(&(seg.to_host, seg.dst.port())).and_then(|holders| {
            holders.iter().copied().find(|&id| {
                let s = self.sock(id);
                let bound_ok = s.local.is_some_and(|l| l.ip().is_unspecified() || l.ip() == seg.dst.ip());
                let peer_ok = s.remote.is_none_or(|r| r == seg.src);
                bound_ok && peer_ok
            })
        });
        let room = target.is_some_and(|id| {
            let s = self.sock(id);
            s.dgram_bytes + data.len() <= s.rcvbuf
        });
        let Some(id) = target.filter(|_| room) else {
            let (src, dst, len) = (seg.src.to_string(), seg.dst.to_string(), data.len());
            let what = "UDP".to_string();
            self.emit(
                0,
                Kind::Segment { src, dst, what, seq: 0, ack: 0, len, wire: Wire::Dropped, arrival: None },
            );
            return;
        };
        let s = self.sock_mut(id);
        debug_assert_eq!(s.proto, Proto::Udp);
        s.dgram_bytes += data.len();
        s.dgrams.push_back((seg.src, data));
        self.wake_obj(id);
    }

    /// ICMP port unreachable came back: a connected UDP socket whose peer matches gets ECONNREFUSED.
    /// As Linux's `__udp4_lib_lookup`, a peer address or port of 0 (connected to port 0) matches any.
    pub(super) fn udp_unreachable(&mut self, host: usize, orig_src: SocketAddrV4, orig_dst: SocketAddrV4) {
        let Some(holders) = self.socks.udp_ports.get(&(host, orig_src.port())) else {
            return;
        };
        let matches = |peer: SocketAddrV4| {
            (peer.ip().is_unspecified() || peer.ip() == orig_dst.ip())
                && (peer.port() == 0 || peer.port() == orig_dst.port())
        };
        let target = holders.iter().copied().find(|&id| self.sock(id).remote.is_some_and(matches));
        if let Some(id) = target {
            self.sock_mut(id).error = Some(Errno::ECONNREFUSED);
            self.wake_obj(id);
        }
    }
}
