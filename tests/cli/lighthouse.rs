//! Lighthouse scores 100 for accessibility on every page issue 14 names — home, a message
//! house, a persona, positioning, a competitor, a playbook, the message map, claims, the
//! glossary, health and search — of the sample handbook as `gtmbook build` writes it,
//! served by a plain static file server (no reload script), in Debian's headless Chromium.
//!
//! `.ci/run` installs Debian's chromium and npm's `lighthouse@12` into `.ci/node/` (it
//! downloads no browser: `CHROME_PATH` points it at `/usr/bin/chromium`). Without them
//! the test is skipped locally, and fails under CI (`CI` set).

use crate::a11y::skip_or_fail;
use crate::support::*;
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The pages audited, with the path under the site's root. The search page is the home
/// page opened with a query (`?q=`), so the results list is open when Lighthouse looks.
const PAGES: &[(&str, &str)] = &[
    ("home", ""),
    ("message house", "messaging/platform/"),
    ("persona", "personas/ops-director/"),
    ("positioning", "positioning/core/"),
    ("competitor", "competitors/routewise/"),
    ("playbook", "playbooks/launch/"),
    ("message map", "gtmbook/message-map/"),
    ("claims", "reference/claims/"),
    ("glossary", "reference/glossary/"),
    ("health", "gtmbook/health/"),
    ("search", "?q=dispatch"),
];

const CHROMIUM: &str = "/usr/bin/chromium";

/// How many Lighthouse runs at once (each starts its own Chromium).
const PARALLEL: usize = 2;

/// A bound on one Lighthouse run, so a stuck browser fails the test instead of hanging it.
const RUN_LIMIT: Duration = Duration::from_secs(300);

fn lighthouse_cli() -> Option<PathBuf> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/node/node_modules/lighthouse/cli/index.js");
    path.exists().then_some(path)
}

fn node_works() -> bool {
    Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// A static file server over a built site, on a free local port, for as long as it lives.
struct Static {
    url: String,
    port: u16,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Static {
    fn start(root: PathBuf) -> Static {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stopped = stop.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stopped.load(std::sync::atomic::Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let root = root.clone();
                std::thread::spawn(move || answer(stream, &root));
            }
        });
        Static {
            url: format!("http://127.0.0.1:{port}/"),
            port,
            stop,
        }
    }
}

impl Drop for Static {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

/// Answer one request: the file under `root` (a folder's `index.html`), or `404.html`
/// with status 404. One request per connection.
fn answer(mut stream: TcpStream, root: &Path) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) | Err(_) => break,
            Ok(_) if header.trim().is_empty() => break,
            Ok(_) => {}
        }
    }
    let mut parts = request.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let path = percent_decode(path);
    let mut file = root.to_path_buf();
    let mut safe = true;
    for part in path.split('/').filter(|p| !p.is_empty()) {
        if part == ".." || part.contains('\\') {
            safe = false;
        }
        file.push(part);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    let (status, file) = if safe && file.is_file() {
        ("200 OK", file)
    } else {
        ("404 Not Found", root.join("404.html"))
    };
    let mut body = Vec::new();
    if let Ok(mut f) = std::fs::File::open(&file) {
        let _ = f.read_to_end(&mut body);
    }
    let kind = match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    if method != "HEAD" {
        let _ = stream.write_all(&body);
    }
    let _ = stream.flush();
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes.get(i), hex) {
            (Some(b'%'), Some(b)) => {
                out.push(b);
                i += 3;
            }
            (Some(&b), _) => {
                out.push(b);
                i += 1;
            }
            (None, _) => break,
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Run Lighthouse (accessibility only) on `url`, writing its JSON report to `report`.
/// `Err` says why no report came.
fn audit(cli: &Path, url: &str, report: &Path) -> Result<Value, String> {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new("node")
        .arg(cli)
        .arg(url)
        .args([
            "--only-categories=accessibility",
            "--output=json",
            "--quiet",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
        ])
        .arg(format!("--output-path={}", report.display()))
        .env("CHROME_PATH", CHROMIUM)
        // chrome-launcher's temporary profile goes here, removed with the folder.
        .env("TMPDIR", profile.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start node: {e}"))?;
    let mut stderr = child.stderr.take().unwrap();
    let errors = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let deadline = Instant::now() + RUN_LIMIT;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "Lighthouse did not finish within {} s",
                RUN_LIMIT.as_secs()
            ));
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let errors = errors.join().unwrap_or_default();
    if !status.success() {
        return Err(format!("Lighthouse failed ({status}):\n{errors}"));
    }
    let text = std::fs::read_to_string(report)
        .map_err(|e| format!("no report at {} ({e}):\n{errors}", report.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("report is not JSON ({e})"))
}

/// What is wrong with one page's report: nothing when it scores 100 for accessibility.
fn problems(name: &str, report: &Value) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(err) = report.get("runtimeError") {
        out.push(format!("runtime error: {err}"));
    }
    let score = &report["categories"]["accessibility"]["score"];
    if score.as_f64() != Some(1.0) {
        out.push(format!("accessibility score {score}, not 1"));
        let audits = report["audits"].as_object().cloned().unwrap_or_default();
        for (id, a) in audits {
            let failed = a["score"].as_f64().is_some_and(|s| s < 1.0)
                && matches!(a["scoreDisplayMode"].as_str(), Some("binary" | "numeric"));
            if !failed {
                continue;
            }
            let selectors: Vec<String> = a["details"]["items"]
                .as_array()
                .map(|items| {
                    items
                        .iter()
                        .take(5)
                        .map(|i| i["node"]["selector"].as_str().unwrap_or("?").to_string())
                        .collect()
                })
                .unwrap_or_default();
            out.push(format!(
                "  {id}: {} — {}",
                a["title"].as_str().unwrap_or("?"),
                selectors.join(" | ")
            ));
        }
    }
    // The results list (role=option items in the listbox) is what the search page adds;
    // with it closed, axe's rule on an option's parent has nothing to look at.
    if name == "search"
        && report["audits"]["aria-required-parent"]["scoreDisplayMode"] == "notApplicable"
    {
        out.push("the search results were not open when Lighthouse audited the page".into());
    }
    out
}

#[test]
fn lighthouse_accessibility_is_100_on_every_named_page() {
    let Some(cli) = lighthouse_cli() else {
        return skip_or_fail("lighthouse (npm install --prefix .ci/node lighthouse@12)");
    };
    if !Path::new(CHROMIUM).exists() {
        return skip_or_fail("chromium");
    }
    if !node_works() {
        return skip_or_fail("node");
    }
    let book = Book::sample();
    let built = book.build();
    assert_eq!(built.code, 0, "build failed:\n{}", built.stderr);
    let server = Static::start(book.output());
    let reports = tempfile::tempdir().unwrap();
    let next = Mutex::new(PAGES.iter().enumerate());
    let found = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..PARALLEL {
            s.spawn(|| {
                loop {
                    let Some((i, (name, path))) = next.lock().unwrap().next() else {
                        break;
                    };
                    let url = format!("{}{path}", server.url);
                    let report = reports.path().join(format!("{i}.json"));
                    let lines = match audit(&cli, &url, &report) {
                        Ok(v) => {
                            // The score of each page, in the log of `--nocapture` runs.
                            let score = &v["categories"]["accessibility"]["score"];
                            eprintln!("lighthouse: {name}: accessibility {score}");
                            problems(name, &v)
                        }
                        Err(e) => vec![e],
                    };
                    if !lines.is_empty() {
                        found
                            .lock()
                            .unwrap()
                            .push((i, format!("{name} ({url}):\n{}", lines.join("\n"))));
                    }
                }
            });
        }
    });
    let mut found = found.into_inner().unwrap();
    found.sort();
    let found: Vec<String> = found.into_iter().map(|(_, s)| s).collect();
    assert!(
        found.is_empty(),
        "Lighthouse accessibility below 100:\n{}",
        found.join("\n")
    );
}
