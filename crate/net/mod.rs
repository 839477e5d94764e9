//! The wire between hosts: segments, latency, bandwidth and seeded loss. No I/O.
