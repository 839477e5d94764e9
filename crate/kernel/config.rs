//! The world as the kernel sees it: hosts, links, DNS names, the seed and the modelled copy cost.

use crate::net::LinkSpec;
use crate::sys::{Ipv4Addr, Nanos};
use std::collections::BTreeMap;

/// A host in the world. Every host also has loopback (127.0.0.0/8); give hosts that others must reach a
/// non-loopback `addr` (replies go to the sender's source address, which is `addr` for remote peers).
#[derive(Clone, Debug, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct HostConfig {
    pub name: String,
    pub addr: Ipv4Addr,
}

/// A link between two named hosts (both directions).
#[derive(Clone, Debug, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct LinkConfig {
    pub a: String,
    pub b: String,
    pub spec: LinkSpec,
}

/// What the world looks like to the kernel (a scenario file's `[world]`; missing keys take the
/// single-host defaults).
#[derive(Clone, Debug, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct WorldConfig {
    pub hosts: Vec<HostConfig>,
    /// Extra DNS names → addresses (every host's own name resolves too).
    pub dns: BTreeMap<String, Ipv4Addr>,
    pub links: Vec<LinkConfig>,
    /// The link between hosts that no `links` entry names.
    pub default_link: LinkSpec,
    /// The seed of the world's PRNG (ephemeral ports, initial sequence numbers, loss).
    pub seed: u64,
    /// The modelled "copy data from kernel to user" phase: a fixed part …
    pub copy_base_ns: Nanos,
    /// … plus this many picoseconds per byte.
    pub copy_ps_per_byte: u64,
}

impl Default for WorldConfig {
    fn default() -> Self {
        WorldConfig::single_host()
    }
}

impl WorldConfig {
    /// One host, `localhost` at 127.0.0.1, nothing else.
    pub fn single_host() -> WorldConfig {
        WorldConfig {
            hosts: vec![HostConfig { name: "localhost".into(), addr: Ipv4Addr::new(127, 0, 0, 1) }],
            dns: BTreeMap::new(),
            links: Vec::new(),
            default_link: LinkSpec { latency: 10_000_000, bandwidth_bps: None, loss: 0.0 },
            seed: 1,
            copy_base_ns: 1_000,
            copy_ps_per_byte: 100,
        }
    }
}
