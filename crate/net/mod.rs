//! The wire between hosts: segments, latency, bandwidth and seeded loss. No I/O.
//!
//! The kernel hands a [`Segment`] to [`Wire::transmit`] and later takes it back from [`Wire::pop_due`] at its
//! arrival time. A directed link serialises segments at its bandwidth (a busy-until clock) and adds its
//! latency. Loopback has none, as Linux: a segment arrives when it is sent, and the kernel processes it
//! before the sending syscall returns. Deliberate simplifications, listed in the README:
//! - a lost TCP segment is modelled as its retransmission: it arrives one retransmission timeout later
//!   (RTO 200 ms for data, 1 s for SYN, doubling), so streams stay reliable without a full sender-side
//!   retransmission queue; a lost UDP datagram is gone;
//! - segments of one TCP connection never overtake each other (a per-flow FIFO), so a retransmitted
//!   segment holds back the ones behind it, as TCP's in-order delivery does for the reader.

use std::collections::BTreeMap;
use std::net::{Ipv4Addr, SocketAddrV4};

/// Virtual nanoseconds.
pub type Nanos = u64;

/// Loopback latency when a scenario says nothing: none, as Linux, whose `loopback_xmit` hands a segment
/// to the receiving stack inside the sending syscall (the kernel delivers it before the call returns).
pub const LOOPBACK_LATENCY: Nanos = 0;
/// Retransmission timeout for data: Linux's `TCP_RTO_MIN` (200 ms).
pub const RTO_DATA: Nanos = 200_000_000;
/// Initial SYN retransmission timeout: Linux's `TCP_TIMEOUT_INIT` (1 s, RFC 6298).
pub const RTO_SYN: Nanos = 1_000_000_000;

/// A small seeded PRNG (splitmix64): the one source of randomness of a world.
#[derive(Clone, Debug)]
pub struct Prng(u64);

impl Prng {
    pub fn new(seed: u64) -> Prng {
        Prng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A float in [0, 1).
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// TCP header flags, as tcpdump spells them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize)]
pub struct TcpFlags {
    pub syn: bool,
    pub ack: bool,
    pub fin: bool,
    pub rst: bool,
    pub psh: bool,
}

impl TcpFlags {
    /// The flags the way tcpdump prints them: `[S]`, `[S.]`, `[P.]`, `[F.]`, `[R]`, `[.]`.
    pub fn tcpdump(&self) -> String {
        let mut s = String::new();
        if self.syn {
            s.push('S');
        }
        if self.fin {
            s.push('F');
        }
        if self.rst {
            s.push('R');
        }
        if self.psh {
            s.push('P');
        }
        if self.ack {
            s.push('.');
        }
        if s.is_empty() {
            s.push_str("none");
        }
        s
    }
}

/// What a segment carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Payload {
    Tcp {
        flags: TcpFlags,
        seq: u32,
        ack: u32,
        window: u32,
        data: Vec<u8>,
    },
    Udp {
        data: Vec<u8>,
    },
    /// ICMP port unreachable, quoting the datagram's (src, dst) that nobody took.
    PortUnreachable {
        orig_src: SocketAddrV4,
        orig_dst: SocketAddrV4,
    },
}

/// One IPv4 packet on the wire, between two host indexes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub from_host: usize,
    pub to_host: usize,
    pub src: SocketAddrV4,
    pub dst: SocketAddrV4,
    pub payload: Payload,
}

impl Segment {
    /// Bytes on the wire: payload plus IPv4 and TCP/UDP headers.
    pub fn wire_len(&self) -> usize {
        match &self.payload {
            Payload::Tcp { data, .. } => 40 + data.len(),
            Payload::Udp { data } => 28 + data.len(),
            Payload::PortUnreachable { .. } => 56,
        }
    }

    pub fn data_len(&self) -> usize {
        match &self.payload {
            Payload::Tcp { data, .. } | Payload::Udp { data } => data.len(),
            Payload::PortUnreachable { .. } => 0,
        }
    }

    fn is_tcp(&self) -> bool {
        matches!(self.payload, Payload::Tcp { .. })
    }

    fn is_syn(&self) -> bool {
        matches!(&self.payload, Payload::Tcp { flags, .. } if flags.syn)
    }
}

/// One direction of a link between two hosts.
#[derive(Clone, Copy, Debug, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct LinkSpec {
    /// One-way latency.
    pub latency: Nanos,
    /// Bits per second; `None` is unlimited.
    #[serde(default)]
    pub bandwidth_bps: Option<u64>,
    /// Probability in [0, 1] that a segment is lost.
    #[serde(default)]
    pub loss: f64,
}

impl LinkSpec {
    pub fn loopback() -> LinkSpec {
        LinkSpec { latency: LOOPBACK_LATENCY, bandwidth_bps: None, loss: 0.0 }
    }
}

/// What happened to a transmitted segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fate {
    /// It arrives at the given time.
    Arrives(Nanos),
    /// It was lost and retransmitted `tries` times; it arrives at the given time (TCP).
    Retransmitted { tries: u32, at: Nanos },
    /// It was lost for good (UDP).
    Lost,
}

#[derive(Clone, Debug, Default)]
struct LinkState {
    busy_until: Nanos,
}

/// The wire: links between hosts and the segments in flight, ordered by arrival.
#[derive(Clone, Debug)]
pub struct Wire {
    /// Directed links, keyed by (from host, to host); loopback is (h, h).
    links: BTreeMap<(usize, usize), LinkSpec>,
    default_remote: LinkSpec,
    state: BTreeMap<(usize, usize), LinkState>,
    /// The last arrival per TCP flow (src, dst), to keep a connection's segments in order.
    flow_last: BTreeMap<(SocketAddrV4, SocketAddrV4), Nanos>,
    in_flight: BTreeMap<(Nanos, u64), Segment>,
    next_id: u64,
    rng: Prng,
}

impl Wire {
    pub fn new(default_remote: LinkSpec, seed: u64) -> Wire {
        Wire {
            links: BTreeMap::new(),
            default_remote,
            state: BTreeMap::new(),
            flow_last: BTreeMap::new(),
            in_flight: BTreeMap::new(),
            next_id: 0,
            rng: Prng::new(seed),
        }
    }

    /// Set the link between two hosts, both directions.
    pub fn set_link(&mut self, a: usize, b: usize, spec: LinkSpec) {
        self.links.insert((a, b), spec);
        self.links.insert((b, a), spec);
    }

    pub fn link(&self, from: usize, to: usize) -> LinkSpec {
        match self.links.get(&(from, to)) {
            Some(spec) => *spec,
            None if from == to => LinkSpec::loopback(),
            None => self.default_remote,
        }
    }

    /// Put a segment on the wire at `now`; say when (or whether) it arrives.
    pub fn transmit(&mut self, seg: Segment, now: Nanos) -> Fate {
        let spec = self.link(seg.from_host, seg.to_host);
        let link = self.state.entry((seg.from_host, seg.to_host)).or_default();
        let start = now.max(link.busy_until);
        let serialise = match spec.bandwidth_bps {
            Some(bps) if bps > 0 => (seg.wire_len() as u64 * 8).saturating_mul(1_000_000_000) / bps,
            _ => 0,
        };
        link.busy_until = start + serialise;
        let mut at = start + serialise + spec.latency;
        let mut tries = 0;
        if spec.loss > 0.0 {
            let mut rto = if seg.is_syn() { RTO_SYN } else { RTO_DATA };
            while self.rng.next_f64() < spec.loss {
                if !seg.is_tcp() {
                    return Fate::Lost;
                }
                tries += 1;
                at += rto;
                rto *= 2;
                if tries >= 15 {
                    break; // tcp_retries2: the simulation delivers rather than model a timeout
                }
            }
        }
        if seg.is_tcp() {
            let last = self.flow_last.entry((seg.src, seg.dst)).or_insert(0);
            at = at.max(*last);
            *last = at;
        }
        self.in_flight.insert((at, self.next_id), seg);
        self.next_id += 1;
        if tries > 0 {
            Fate::Retransmitted { tries, at }
        } else {
            Fate::Arrives(at)
        }
    }

    /// The earliest arrival still on the wire.
    pub fn next_arrival(&self) -> Option<Nanos> {
        self.in_flight.keys().next().map(|(t, _)| *t)
    }

    /// Take the earliest segment if it has arrived by `now`.
    pub fn pop_due(&mut self, now: Nanos) -> Option<(Nanos, Segment)> {
        let (&(t, id), _) = self.in_flight.iter().next()?;
        if t > now {
            return None;
        }
        self.in_flight.remove(&(t, id)).map(|seg| (t, seg))
    }

    pub fn in_flight(&self) -> usize {
        self.in_flight.len()
    }
}

/// A host's address in the world.
pub fn is_loopback(addr: Ipv4Addr) -> bool {
    addr.octets()[0] == 127
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(from: usize, to: usize, len: usize) -> Segment {
        Segment {
            from_host: from,
            to_host: to,
            src: SocketAddrV4::new(Ipv4Addr::new(10, 0, 0, 1), 1000),
            dst: SocketAddrV4::new(Ipv4Addr::new(10, 0, 0, 2), 2000),
            payload: Payload::Udp { data: vec![0; len] },
        }
    }

    #[test]
    fn loopback_arrives_when_sent_and_remote_links_add_their_latency() {
        let mut wire = Wire::new(LinkSpec { latency: 700, bandwidth_bps: None, loss: 0.0 }, 1);
        assert_eq!(wire.transmit(seg(0, 0, 10), 100), Fate::Arrives(100));
        assert!(wire.pop_due(100).is_some());
        assert_eq!(wire.transmit(seg(0, 1, 10), 100), Fate::Arrives(800));
        assert_eq!(wire.pop_due(799), None);
        assert!(wire.pop_due(800).is_some());
    }

    #[test]
    fn bandwidth_serialises_back_to_back_segments() {
        let mut wire = Wire::new(LinkSpec::loopback(), 1);
        wire.set_link(0, 1, LinkSpec { latency: 1000, bandwidth_bps: Some(8_000_000_000), loss: 0.0 });
        // 972 + 28 bytes at 1 byte/ns: 1000 ns each.
        assert_eq!(wire.transmit(seg(0, 1, 972), 0), Fate::Arrives(2000));
        assert_eq!(wire.transmit(seg(0, 1, 972), 0), Fate::Arrives(3000));
    }

    #[test]
    fn total_loss_drops_udp() {
        let mut wire = Wire::new(LinkSpec { latency: 5, bandwidth_bps: None, loss: 1.0 }, 7);
        assert_eq!(wire.transmit(seg(0, 1, 1), 0), Fate::Lost);
        assert_eq!(wire.next_arrival(), None);
    }
}
