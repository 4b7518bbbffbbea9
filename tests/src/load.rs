//! An HTTP load generator for the service benchmarks (issuer and verifier).
//!
//! The benchmarks run the service and its clients on the same two cores and report the service's
//! rate as a fraction of the library's, so every cycle the client spends is taken from the
//! service. A client with one OS thread per connection (what the benchmarks used first, with
//! `ureq`) took a fifth of the CPU and made every answer wake a sleeping thread; hyper's client
//! on one thread still took a sixth. Here, as in `wrk`, one thread drives every keep-alive
//! connection: it writes each request's bytes in one system call, reads the answer's head with
//! `httparse` and its body by `Content-Length`, and nothing more.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// One request to send: method, path, headers and body.
#[derive(Debug)]
pub struct Request {
    pub method: &'static str,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    /// A `POST` of a JSON body.
    pub fn post_json(path: &str, body: impl Into<Vec<u8>>) -> Self {
        Self {
            method: "POST",
            path: path.to_owned(),
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.into(),
        }
    }

    /// The same request with one more header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// The request as HTTP/1.1 bytes for `host`, keep-alive.
    fn encode(&self, host: &str) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(self.body.len() + 256);
        bytes.extend_from_slice(format!("{} {} HTTP/1.1\r\nhost: {host}\r\n", self.method, self.path).as_bytes());
        for (name, value) in &self.headers {
            bytes.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
        }
        bytes.extend_from_slice(format!("content-length: {}\r\n\r\n", self.body.len()).as_bytes());
        bytes.extend_from_slice(&self.body);
        bytes
    }
}

/// Reads one answer from `stream` into `buffer`: its status and the range of its body. `None`
/// when the connection closed or the answer has no `Content-Length` (not one of ours).
async fn read_answer(
    stream: &mut tokio::net::TcpStream,
    buffer: &mut Vec<u8>,
) -> Option<(u16, std::ops::Range<usize>)> {
    buffer.clear();
    let mut chunk = [0_u8; 16 * 1024];
    let (status, head, length) = loop {
        let read = stream.read(&mut chunk).await.ok().filter(|&n| n > 0)?;
        buffer.extend_from_slice(&chunk[..read]);
        let mut headers = [httparse::EMPTY_HEADER; 32];
        let mut response = httparse::Response::new(&mut headers);
        if let httparse::Status::Complete(head) = response.parse(buffer).ok()? {
            let length = response
                .headers
                .iter()
                .find(|header| header.name.eq_ignore_ascii_case("content-length"))
                .and_then(|header| std::str::from_utf8(header.value).ok()?.trim().parse::<usize>().ok())?;
            break (response.code?, head, length);
        }
    };
    while buffer.len() < head + length {
        let read = stream.read(&mut chunk).await.ok().filter(|&n| n > 0)?;
        buffer.extend_from_slice(&chunk[..read]);
    }
    Some((status, head..head + length))
}

/// How long one answer may take before its request counts as failed (and its connection is
/// dropped).
pub const ANSWER_TIMEOUT: Duration = Duration::from_secs(30);

/// CPU seconds (user and system) a process has used so far: `pid` is a process id, or `self`.
/// Benches read it before and after a run to share out the cores between a service and the load
/// generator.
pub fn cpu_seconds(pid: &str) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name (which may hold spaces) start at ") ".
    let fields: Vec<&str> = stat.rsplit_once(") ").map(|(_, rest)| rest.split(' ').collect()).unwrap_or_default();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15 (1-based), i.e. 11 and 12 after the name.
    (ticks(11) + ticks(12)) / 100.0
}

/// What a load run measured.
#[derive(Debug)]
pub struct Load {
    /// Requests answered (successfully or not).
    pub count: usize,
    /// Answers per second over the run.
    pub rate: f64,
    pub p50: Duration,
    pub p99: Duration,
    /// Answers the `accept` check refused, and requests that got no answer.
    pub failed: usize,
}

/// Sends requests from `connections` keep-alive connections to `address` for `seconds` or until
/// `limit` requests have been sent, whichever comes first. `request(n)` builds the n-th request;
/// `accept(status, body)` says whether its answer is the expected one.
pub fn run(
    address: SocketAddr,
    connections: usize,
    seconds: f64,
    limit: usize,
    request: &(dyn Fn(usize) -> Request + Sync),
    accept: &(dyn Fn(u16, &[u8]) -> bool + Sync),
) -> Load {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime");
    let next = AtomicUsize::new(0);
    let failed = AtomicUsize::new(0);
    let start = Instant::now();
    let host = address.to_string();
    let connection = |_| {
        let (next, failed, host) = (&next, &failed, &host);
        async move {
            let mut latencies = Vec::new();
            let Ok(mut stream) = tokio::net::TcpStream::connect(address).await else {
                failed.fetch_add(1, Ordering::Relaxed);
                return latencies;
            };
            let _ = stream.set_nodelay(true);
            let mut buffer = Vec::with_capacity(64 * 1024);
            while start.elapsed().as_secs_f64() < seconds {
                let n = next.fetch_add(1, Ordering::Relaxed);
                if n >= limit {
                    break;
                }
                let bytes = request(n).encode(host);
                let sent = Instant::now();
                // A server that stops answering fails the request instead of hanging the bench.
                let exchange = async {
                    match stream.write_all(&bytes).await {
                        Ok(()) => read_answer(&mut stream, &mut buffer).await,
                        Err(_) => None,
                    }
                };
                let answer = tokio::time::timeout(ANSWER_TIMEOUT, exchange).await.ok().flatten();
                latencies.push(sent.elapsed());
                match answer {
                    Some((status, body)) if accept(status, &buffer[body.clone()]) => {}
                    Some(_) => {
                        failed.fetch_add(1, Ordering::Relaxed);
                    }
                    // The connection is gone (or the answer unreadable): stop using it.
                    None => {
                        failed.fetch_add(1, Ordering::Relaxed);
                        break;
                    }
                }
            }
            latencies
        }
    };
    let mut latencies: Vec<Duration> = runtime
        .block_on(futures_util::future::join_all((0..connections).map(connection)))
        .into_iter()
        .flatten()
        .collect();
    let elapsed = start.elapsed().as_secs_f64();
    latencies.sort();
    let at =
        |q: f64| latencies.get(((latencies.len() as f64 * q) as usize).min(latencies.len().saturating_sub(1))).copied();
    Load {
        count: latencies.len(),
        rate: latencies.len() as f64 / elapsed,
        p50: at(0.50).unwrap_or_default(),
        p99: at(0.99).unwrap_or_default(),
        failed: failed.load(Ordering::Relaxed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    /// A server that answers every request on each connection with `status` and `body`, and
    /// counts the requests whose body it read in full.
    fn server(status: u16, body: &'static str) -> (SocketAddr, std::sync::Arc<AtomicUsize>) {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        let served = std::sync::Arc::new(AtomicUsize::new(0));
        let counter = served.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let (mut stream, counter) = (stream.unwrap(), counter.clone());
                std::thread::spawn(move || {
                    let mut buffer = Vec::new();
                    let mut chunk = [0_u8; 4096];
                    loop {
                        let mut headers = [httparse::EMPTY_HEADER; 16];
                        let mut request = httparse::Request::new(&mut headers);
                        if let Ok(httparse::Status::Complete(head)) = request.parse(&buffer) {
                            let length: usize = request
                                .headers
                                .iter()
                                .find(|h| h.name.eq_ignore_ascii_case("content-length"))
                                .map(|h| std::str::from_utf8(h.value).unwrap().parse().unwrap())
                                .unwrap_or(0);
                            if buffer.len() >= head + length {
                                assert_eq!(&buffer[head..head + length], b"{\"n\":1}");
                                buffer.drain(..head + length);
                                counter.fetch_add(1, Ordering::Relaxed);
                                let answer =
                                    format!("HTTP/1.1 {status} X\r\ncontent-length: {}\r\n\r\n{body}", body.len());
                                stream.write_all(answer.as_bytes()).unwrap();
                                continue;
                            }
                        }
                        match stream.read(&mut chunk) {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                        }
                    }
                });
            }
        });
        (address, served)
    }

    #[test]
    fn sends_exactly_the_limit_over_keep_alive_connections_and_checks_each_answer() {
        let (address, served) = server(201, "created");
        let load = run(address, 4, f64::INFINITY, 250, &|_| Request::post_json("/x", "{\"n\":1}"), &|status, body| {
            status == 201 && body == b"created"
        });
        assert_eq!((load.count, load.failed), (250, 0));
        assert_eq!(served.load(Ordering::Relaxed), 250);
        assert!(load.p50 <= load.p99);
    }

    #[test]
    fn an_unexpected_answer_counts_as_failed() {
        let (address, _) = server(500, "no");
        let load =
            run(address, 2, f64::INFINITY, 20, &|_| Request::post_json("/x", "{\"n\":1}"), &|status, _| status == 200);
        assert_eq!((load.count, load.failed), (20, 20));
    }

    #[test]
    fn a_closed_port_fails_without_hanging() {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
        let load = run(port, 3, f64::INFINITY, 10, &|_| Request::post_json("/x", "{}"), &|_, _| true);
        assert_eq!((load.count, load.failed), (0, 3));
    }
}
