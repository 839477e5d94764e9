//! The simulated web server: a Rust program on the simulated kernel that speaks just enough HTTP/1.1 to
//! answer `urllib.request.urlopen`. It goes through the same syscalls as a Python server would
//! (`socket`, `bind`, `listen`, `accept4`, `recvfrom`, `sendto`, `close`), so the trace shows its side.
//!
//! Deliberate simplifications, written down: one connection at a time (a second client waits in the
//! listen queue, as with any iterative server); every request, whatever its method and path, gets `200 OK`
//! with `body_size` bytes and `Connection: close`; `latency` is the server's think time between reading
//! the request and answering; there is no TLS, so an `https://` URL reaches this server in plain text.

use crate::sim::{Program, Run};
use crate::sys::consts::{AF_INET, SOCK_STREAM, SOL_SOCKET, SO_REUSEADDR};
use crate::sys::{Call, Fd, Nanos, Outcome, Ret, SocketAddrV4};

/// Bytes read per `recvfrom`.
const RECV_CHUNK: usize = 4096;

/// Where the server is in serving its clients.
#[derive(Clone, Debug, PartialEq)]
enum Stage {
    Socket,
    ReuseAddr,
    Bind,
    Listen,
    Accept,
    /// Reading the request head until the blank line.
    Receive {
        conn: Fd,
        head: Vec<u8>,
    },
    /// Thinking about the answer for `latency`.
    Think {
        conn: Fd,
    },
    /// Sending the response; `sent` bytes are out.
    Send {
        conn: Fd,
        sent: usize,
    },
    Close {
        conn: Fd,
    },
    /// Setting up failed: say why on stderr, then exit 1.
    Fail(String),
    Failed,
}

/// An HTTP/1.1 server for one host name and port.
#[derive(Clone, Debug)]
pub struct WebServer {
    addr: SocketAddrV4,
    host: String,
    latency: Nanos,
    response: Vec<u8>,
    listener: Fd,
    stage: Stage,
}

impl WebServer {
    /// A server listening on `addr`, known as `host`, answering after `latency` with `body_size` bytes.
    pub fn new(host: &str, addr: SocketAddrV4, latency: Nanos, body_size: usize) -> WebServer {
        WebServer {
            addr,
            host: host.to_string(),
            latency,
            response: response(host, body_size),
            listener: -1,
            stage: Stage::Socket,
        }
    }
}

/// The full response: head and a deterministic HTML body of exactly `body_size` bytes.
pub fn response(host: &str, body_size: usize) -> Vec<u8> {
    let mut body =
        format!("<!doctype html><title>{host}</title><p>ioplay's simulated {host}</p>\n").into_bytes();
    body.resize(body_size, b'.');
    if body_size > 0 {
        body[body_size - 1] = b'\n';
    }
    let mut out = format!(
        "HTTP/1.1 200 OK\r\nServer: ioplay\r\nContent-Type: text/html; charset=utf-8\r\n\
         Content-Length: {body_size}\r\nConnection: close\r\n\r\n"
    )
    .into_bytes();
    out.extend(body);
    out
}

impl Program for WebServer {
    fn step(&mut self, _budget: u32) -> Run {
        Run::Syscall(match &self.stage {
            Stage::Socket => Call::Socket { domain: AF_INET, ty: SOCK_STREAM, protocol: 0 },
            Stage::ReuseAddr => {
                Call::SetSockOpt { fd: self.listener, level: SOL_SOCKET, name: SO_REUSEADDR, value: 1 }
            }
            Stage::Bind => Call::Bind { fd: self.listener, addr: self.addr },
            Stage::Listen => Call::Listen { fd: self.listener, backlog: 128 },
            Stage::Accept => Call::Accept4 { fd: self.listener, flags: 0 },
            Stage::Receive { conn, .. } => Call::RecvFrom { fd: *conn, len: RECV_CHUNK, flags: 0 },
            Stage::Think { .. } => Call::Nanosleep { duration: self.latency },
            Stage::Send { conn, sent } => {
                Call::SendTo { fd: *conn, data: self.response[*sent..].to_vec(), flags: 0, addr: None }
            }
            Stage::Close { conn } => Call::Close { fd: *conn },
            Stage::Fail(why) => Call::Write {
                fd: 2,
                data: format!("web server {} on {}: {why}\n", self.host, self.addr).into_bytes(),
            },
            Stage::Failed => return Run::Finished(1),
        })
    }

    fn resume(&mut self, outcome: Outcome<Ret>) {
        let stage = std::mem::replace(&mut self.stage, Stage::Failed);
        self.stage = match (stage, outcome) {
            // Interrupted and to be restarted: the same stage makes the same call again.
            (stage, Outcome::WouldBlock(_)) => stage,
            (Stage::Socket, Outcome::Ok(Ret::Int(fd))) => {
                self.listener = fd as Fd;
                Stage::ReuseAddr
            }
            (Stage::ReuseAddr, Outcome::Ok(_)) => Stage::Bind,
            (Stage::Bind, Outcome::Ok(_)) => Stage::Listen,
            (Stage::Listen, Outcome::Ok(_)) => Stage::Accept,
            (stage @ (Stage::Socket | Stage::ReuseAddr | Stage::Bind | Stage::Listen), answer) => {
                Stage::Fail(format!("{stage:?} failed: {answer:?}"))
            }
            (Stage::Accept, Outcome::Ok(Ret::Accepted { fd, .. })) => {
                Stage::Receive { conn: fd, head: Vec::new() }
            }
            (Stage::Accept, _) => Stage::Accept,
            (Stage::Receive { conn, mut head }, Outcome::Ok(Ret::Recv { data, .. })) => {
                if data.is_empty() {
                    Stage::Close { conn }
                } else {
                    head.extend(data);
                    if head.windows(4).any(|w| w == b"\r\n\r\n") {
                        Stage::Think { conn }
                    } else {
                        Stage::Receive { conn, head }
                    }
                }
            }
            (Stage::Think { conn }, _) => Stage::Send { conn, sent: 0 },
            (Stage::Send { conn, sent }, Outcome::Ok(Ret::Int(n))) => {
                let sent = sent + n as usize;
                if sent < self.response.len() {
                    Stage::Send { conn, sent }
                } else {
                    Stage::Close { conn }
                }
            }
            // The client went away (ECONNRESET, EPIPE): drop the connection.
            (Stage::Receive { conn, .. } | Stage::Send { conn, .. }, _) => Stage::Close { conn },
            (Stage::Close { .. }, _) => Stage::Accept,
            (Stage::Fail(_), _) => Stage::Failed,
            (Stage::Failed, _) => Stage::Failed,
        };
    }

    fn signal(&mut self, _sig: i32, _handler: u64) {
        unreachable!("the web server installs no signal handler")
    }

    fn clone_box(&self) -> Box<dyn Program> {
        Box::new(self.clone())
    }
}
