//! `gtmbook serve` acts like a local tool: it answers only local Host names, drops slow
//! and idle clients, never shows the machine's absolute paths, serves only files of the
//! site, and sends a large page whole. Every request here goes to 127.0.0.1.

use crate::support::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::serve::Server as Serve;

impl Serve {
    fn connect(&self) -> TcpStream {
        let s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        // Only so that a broken server fails the test instead of hanging it.
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        s
    }

    /// Send `GET target` with these headers (`Connection: close` added) and read the
    /// whole answer: status and body.
    fn raw(&self, target: &str, headers: &str) -> (u16, Vec<u8>) {
        let mut s = self.connect();
        write!(
            s,
            "GET {target} HTTP/1.1\r\n{headers}Connection: close\r\n\r\n"
        )
        .unwrap();
        let mut answer = Vec::new();
        s.read_to_end(&mut answer).unwrap();
        let split = answer
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(&answer)));
        let head = String::from_utf8_lossy(&answer[..split]).into_owned();
        let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
        (status, answer[split + 4..].to_vec())
    }

    /// `GET target` with `Host: localhost`.
    fn get(&self, target: &str) -> (u16, String) {
        let (status, body) = self.raw(target, "Host: localhost\r\n");
        (status, String::from_utf8_lossy(&body).into_owned())
    }
}

#[test]
fn only_local_host_names_are_answered() {
    let book = Book::basic();
    let server = Serve::start_with(&book, &[], &[]);
    assert!(
        !server.first.iter().any(|l| l.contains("warning:")),
        "no warning on loopback: {:?}",
        server.first
    );
    let port = server.port;
    for host in [
        "localhost".to_string(),
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        "127.0.0.1:3000".to_string(),
        format!("[::1]:{port}"),
    ] {
        let (status, body) = server.raw("/", &format!("Host: {host}\r\n"));
        assert_eq!(status, 200, "{host}");
        assert!(String::from_utf8_lossy(&body).contains("Basic Handbook"));
    }
    // A page of another site resolving its name to 127.0.0.1 (DNS rebinding).
    for host in [
        format!("evil.example:{port}"),
        "evil.example".to_string(),
        format!("localhost.evil.example:{port}"),
        format!("192.168.1.20:{port}"),
    ] {
        for target in ["/", "/__gtmbook/status", "/__gtmbook/events"] {
            let (status, body) = server.raw(target, &format!("Host: {host}\r\n"));
            assert_eq!(status, 421, "{host} {target}");
            let body = String::from_utf8_lossy(&body);
            assert!(body.contains("answers only to localhost"), "{body}");
            assert!(!body.contains("Basic Handbook"));
        }
    }
    // No Host at all is refused too.
    let (status, _) = server.raw("/", "");
    assert_eq!(status, 421);
}

#[test]
fn an_open_address_warns_and_answers_any_host() {
    let book = Book::basic();
    let server = Serve::start_with(&book, &["--host", "0.0.0.0"], &[]);
    assert!(
        server
            .first
            .iter()
            .any(|l| l.contains("warning:") && l.contains("reachable from the network")),
        "{:?}",
        server.first
    );
    let (status, body) = server.raw("/", "Host: my-laptop.local:3000\r\n");
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&body).contains("Basic Handbook"));
}

#[test]
fn a_slow_client_is_dropped_and_others_are_answered() {
    let book = Book::basic();
    let server = Serve::start_with(&book, &[], &[("GTMBOOK_SERVE_HEADER_TIMEOUT_MS", "300")]);
    let events = server.connect();
    let mut events_out = events.try_clone().unwrap();
    write!(
        events_out,
        "GET /__gtmbook/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    let mut slow = server.connect();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: loca").unwrap();
    // Answered while the slow one is still sending.
    let (status, body) = server.get("/personas/buyer/");
    assert_eq!(status, 200);
    assert!(body.contains("Operations lead"));
    // The slow one is closed without an answer.
    let mut rest = Vec::new();
    let read = slow.read_to_end(&mut rest);
    assert!(
        read.is_err()
            || rest.is_empty()
            || String::from_utf8_lossy(&rest).starts_with("HTTP/1.1 408"),
        "{:?}",
        String::from_utf8_lossy(&rest)
    );
    // A connection that sent nothing at all is closed too.
    let mut silent = server.connect();
    let mut none = Vec::new();
    let _ = silent.read_to_end(&mut none);
    // A kept-alive connection idle after its answer is closed too.
    let mut kept = server.connect();
    kept.write_all(b"GET /__gtmbook/reload.js HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .unwrap();
    let mut answer = Vec::new();
    let _ = kept.read_to_end(&mut answer);
    assert!(
        answer.starts_with(b"HTTP/1.1 200"),
        "{:?}",
        String::from_utf8_lossy(&answer)
    );
    // The stream of events is not idle: well past the timeout, it still delivers.
    std::thread::sleep(Duration::from_millis(1200));
    book.append("content/personas/buyer.md", "\nA sentence about zebras.\n");
    let mut lines = BufReader::new(events);
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut line = String::new();
    loop {
        line.clear();
        let n = lines.read_line(&mut line).unwrap();
        assert!(n > 0, "the event stream was closed");
        if line.starts_with("event: reload") {
            break;
        }
        assert!(Instant::now() < deadline, "no reload event");
    }
}

#[test]
fn many_idle_connections_do_not_block_a_request() {
    let book = Book::basic();
    let server = Serve::start_with(&book, &[], &[("GTMBOOK_SERVE_HEADER_TIMEOUT_MS", "500")]);
    // More than the server keeps open at once (256): they wait, then time out.
    let idle: Vec<TcpStream> = (0..300).map(|_| server.connect()).collect();
    let half: Vec<TcpStream> = idle
        .into_iter()
        .enumerate()
        .map(|(i, mut s)| {
            if i % 2 == 0 {
                let _ = s.write_all(b"GET / HTTP/1.1\r\n");
            }
            s
        })
        .collect();
    let (status, body) = server.get("/");
    assert_eq!(status, 200);
    assert!(body.contains("Basic Handbook"));
    drop(half);
    let (status, _) = server.get("/personas/buyer/");
    assert_eq!(status, 200);
}

#[test]
fn status_shows_no_absolute_path() {
    let book = Book::basic();
    let server = Serve::start_with(&book, &[], &[]);
    let root = std::fs::canonicalize(book.path()).unwrap();
    let root = root.to_str().unwrap();
    let (status, body) = server.get("/__gtmbook/status");
    assert_eq!(status, 200);
    assert!(!body.contains(root));
    // A missing theme is reported with its folder: relative to the book.
    book.replace(
        "book.toml",
        "output = \"public\"",
        "output = \"public\"\ntheme = \"nope\"",
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    let report = loop {
        let (_, body) = server.get("/__gtmbook/status");
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        let report = json["report"].as_str().unwrap_or_default().to_string();
        if report.contains("nope") {
            break report;
        }
        assert!(
            Instant::now() < deadline,
            "the error never showed: {report}"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(report.contains("themes/nope"), "{report}");
    assert!(!report.contains(root), "{report}");
    assert!(!report.contains(book.path().to_str().unwrap()), "{report}");
}

#[test]
fn only_files_of_the_site_are_served() {
    let book = Book::basic();
    book.write("static/files/guide.txt", "the guide\n");
    let server = Serve::start_with(&book, &[], &[]);
    let (status, body) = server.get("/files/guide.txt");
    assert_eq!(status, 200);
    assert_eq!(body, "the guide\n");
    let (status, _) = server.get("/files/../files/guide.txt");
    assert_eq!(status, 404);
    let book_path = book.path().to_str().unwrap().to_string();
    for target in [
        "/../book.toml".to_string(),
        "/%2e%2e/book.toml".to_string(),
        "/%2E%2E/%2E%2E/etc/passwd".to_string(),
        "/files/..%2f..%2fbook.toml".to_string(),
        "/..%5cbook.toml".to_string(),
        "/files\\..\\..\\book.toml".to_string(),
        "//etc/passwd".to_string(),
        "/%2fetc%2fpasswd".to_string(),
        format!("/{book_path}/book.toml"),
        format!("/{}/book.toml", book_path.replace('/', "%2f")),
        "/files/guide.txt%00.html".to_string(),
        "/book.toml".to_string(),
        "/content/personas/buyer.md".to_string(),
        "/.git/config".to_string(),
    ] {
        let (status, body) = server.get(&target);
        assert_eq!(status, 404, "{target}");
        assert!(!body.contains("[book]"), "{target}");
    }
}

#[test]
fn a_page_over_64_mib_is_sent_whole() {
    let book = Book::basic();
    let size = 70 * 1024 * 1024;
    let mut page = b"<!doctype html><html><body>".to_vec();
    page.resize(size, b'x');
    page.extend_from_slice(b"</body></html>");
    std::fs::create_dir_all(book.path().join("static")).unwrap();
    std::fs::write(book.path().join("static/big.html"), &page).unwrap();
    let server = Serve::start_with(&book, &[], &[]);
    let (status, body) = server.raw("/big.html", "Host: localhost\r\n");
    assert_eq!(status, 200);
    let tag = b"<script src=\"/__gtmbook/reload.js\"></script>";
    assert_eq!(body.len(), page.len() + tag.len());
    assert!(body.starts_with(b"<!doctype html><html><body>xxx"));
    assert!(body.ends_with(&[&tag[..], b"</body></html>"].concat()));
}
