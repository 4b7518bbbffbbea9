//! A minimal HTTP/1.1 server on 127.0.0.1 for tests: serves fixed bodies by path, answers 404
//! otherwise, and can be told to stall. Shared by the did:web tests here and the scenarios.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

/// What to answer on one path.
#[derive(Debug, Clone)]
pub enum Response {
    Body(String),
    Stall(Duration),
}

/// Starts the server in a background thread; returns its base URL (`http://127.0.0.1:PORT`).
pub fn serve(routes: HashMap<String, Response>) -> String {
    serve_counting(routes).0
}

/// [`serve`], also counting the requests received.
pub fn serve_counting(routes: HashMap<String, Response>) -> (String, Arc<std::sync::atomic::AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("address");
    let routes = Arc::new(routes);
    let count = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = count.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let routes = routes.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(match stream.try_clone() {
                    Ok(s) => s,
                    Err(_) => return,
                });
                let mut request_line = String::new();
                if reader.read_line(&mut request_line).is_err() {
                    return;
                }
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).map(|n| n == 0).unwrap_or(true) || header == "\r\n" {
                        break;
                    }
                }
                let path = request_line.split_whitespace().nth(1).unwrap_or("/").to_owned();
                let mut stream = stream;
                let (status, body) = match routes.get(&path) {
                    Some(Response::Body(body)) => ("200 OK", body.clone()),
                    Some(Response::Stall(duration)) => {
                        std::thread::sleep(*duration);
                        ("200 OK", "{}".to_owned())
                    }
                    None => ("404 Not Found", "not found".to_owned()),
                };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            });
        }
    });
    (format!("http://{address}"), count)
}
