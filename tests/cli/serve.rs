//! `gtmbook serve`: start the server on a free port and talk to it over HTTP.

use crate::support::*;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A running `gtmbook serve`, killed when dropped.
pub struct Server {
    child: Child,
    pub url: String,
    /// The port it listens on.
    pub port: u16,
    /// The lines printed up to and including the address line.
    pub first: Vec<String>,
    lines: mpsc::Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    pub fn start(book: &Book) -> Server {
        Server::start_with(book, &[], &[])
    }

    /// Start with extra arguments and environment variables.
    #[allow(clippy::zombie_processes)] // waited for in Drop
    pub fn start_with(book: &Book, args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gtmbook"))
            .args(["serve", "--port", "0"])
            .args(args)
            .arg("--root")
            .arg(book.path())
            .env("GTMBOOK_TODAY", TODAY)
            .envs(env.iter().copied())
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            // Read to the end: a closed pipe would make the server's next line fail.
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut first = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = rx.recv_timeout(left).expect("serve did not start in 60 s");
            first.push(line.clone());
            if let Some(at) = line.find("http://") {
                let url = line[at..].split_whitespace().next().unwrap().to_string();
                let port = url
                    .trim_end_matches('/')
                    .rsplit(':')
                    .next()
                    .unwrap()
                    .parse()
                    .unwrap();
                return Server {
                    child,
                    url,
                    port,
                    first,
                    lines: rx,
                };
            }
        }
    }

    /// Lines printed so far, without waiting.
    pub fn drain(&self) -> Vec<String> {
        self.lines.try_iter().collect()
    }

    /// Wait until the server prints a line containing `needle`.
    pub fn wait_for(&self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = self
                .lines
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("serve never printed {needle:?}"));
            if line.contains(needle) {
                return line;
            }
        }
    }
}

pub fn get(url: &str) -> (u16, String) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into();
    let mut res = agent.get(url).call().unwrap();
    let status = res.status().as_u16();
    (status, res.body_mut().read_to_string().unwrap_or_default())
}

#[test]
fn serves_pages_with_reload_script_and_rebuilds_on_change() {
    let book = Book::basic();
    let server = Server::start(&book);
    // Reading files while building must not count as a change (no rebuild loop).
    std::thread::sleep(Duration::from_millis(1500));
    let (status, home) = get(&server.url);
    std::thread::sleep(Duration::from_millis(500));
    let idle = server.drain();
    assert!(
        !idle.iter().any(|l| l.contains("rebuilding")),
        "rebuilt without a change: {idle:?}"
    );
    assert_eq!(status, 200);
    assert!(home.contains("Basic Handbook"));
    assert!(
        home.contains("/__gtmbook/reload.js"),
        "reload script injected"
    );
    // The built files themselves never hold the reload script.
    assert!(
        !book.exists("public/index.html") || !book.read("public/index.html").contains("__gtmbook")
    );
    let (status, _) = get(&format!("{}__gtmbook/reload.js", server.url));
    assert_eq!(status, 200);
    let (status, page) = get(&format!("{}personas/buyer/", server.url));
    assert_eq!(status, 200);
    assert!(page.contains("Operations lead"));
    // Paths outside the site are not served.
    let (status, _) = get(&format!("{}../book.toml", server.url));
    assert_ne!(status, 200);
    let (status, _) = get(&format!("{}%2e%2e/book.toml", server.url));
    assert_ne!(status, 200);
    // A change is rebuilt and served.
    book.append(
        "content/personas/buyer.md",
        "\nA freshly saved sentence about zebras.\n",
    );
    server.wait_for("rebuilding");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (_, page) = get(&format!("{}personas/buyer/", server.url));
        if page.contains("freshly saved sentence") {
            break;
        }
        assert!(Instant::now() < deadline, "the change never showed");
        std::thread::sleep(Duration::from_millis(100));
    }
    // A broken document does not take the server down; findings reach the overlay.
    book.write("content/broken.md", "---\ntitle: [oops\n---\n");
    server.wait_for("rebuilding");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (status, body) = get(&format!("{}__gtmbook/status", server.url));
        assert_eq!(status, 200);
        if body.contains("frontmatter/syntax") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the finding never reached the status endpoint"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let (status, _) = get(&format!("{}personas/buyer/", server.url));
    assert_eq!(status, 200);
}

/// Poll `url` until `ok(status, body)` holds (the watcher and the patch are quick, but
/// file events arrive when the kernel sends them).
fn eventually(url: &str, what: &str, ok: impl Fn(u16, &str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (status, body) = get(url);
        if ok(status, &body) {
            return body;
        }
        assert!(
            Instant::now() < deadline,
            "{what}: last answer {status}: {}",
            body.chars().take(600).collect::<String>()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Server-sent events as they arrive, `event:` names only.
fn event_names(url: &str) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    let url = format!("{url}__gtmbook/events");
    std::thread::spawn(move || {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(None)
            .build()
            .into();
        let Ok(mut res) = agent.get(&url).call() else {
            return;
        };
        let reader = BufReader::new(res.body_mut().as_reader());
        for line in reader.lines().map_while(Result::ok) {
            if let Some(name) = line.strip_prefix("event: ")
                && tx.send(name.to_string()).is_err()
            {
                break;
            }
        }
    });
    rx
}

#[test]
fn saves_create_and_delete_pages_without_a_full_rebuild() {
    let book = Book::basic();
    let server = Server::start(&book);
    let events = event_names(&server.url);
    std::thread::sleep(Duration::from_millis(300));

    // A new document becomes a page; the reload comes first, the findings after.
    book.write(
        "content/launch-notes.md",
        "---\ntitle: Launch notes\n---\nWhat changed in the spring launch.\n",
    );
    let line = server.wait_for("updated");
    assert!(
        line.contains("1 file"),
        "only the saved file is read: {line}"
    );
    let page = eventually(
        &format!("{}launch-notes/", server.url),
        "new page",
        |s, b| s == 200 && b.contains("spring launch"),
    );
    assert!(page.contains("<title>"), "a whole page: {page}");
    let first = events.recv_timeout(Duration::from_secs(30)).unwrap();
    let second = events.recv_timeout(Duration::from_secs(30)).unwrap();
    assert_eq!((first.as_str(), second.as_str()), ("reload", "status"));

    // The sidebar of other pages lists it.
    let (_, other) = get(&format!("{}personas/buyer/", server.url));
    assert!(other.contains("Launch notes"), "sidebar updated");

    // Deleted: gone, with the 404 page.
    book.remove("content/launch-notes.md");
    let gone = eventually(
        &format!("{}launch-notes/", server.url),
        "deleted page",
        |s, _| s == 404,
    );
    assert!(gone.contains("Page not found"));

    // A file under static/ is served as it is.
    book.write("static/files/price-sheet.txt", "list prices\n");
    eventually(
        &format!("{}files/price-sheet.txt", server.url),
        "static file",
        |s, b| s == 200 && b == "list prices\n",
    );

    // A folder without its slash redirects to it.
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();
    let res = agent
        .get(&format!("{}personas", server.url))
        .call()
        .unwrap();
    assert_eq!(res.status().as_u16(), 308);
    assert_eq!(res.headers()["location"], "/personas/");

    // A save that cannot be parsed keeps the last good page; its finding is shown.
    let good = book.read("content/personas/buyer.md");
    book.write(
        "content/personas/buyer.md",
        &good.replace("title: Operations lead", "title: [Operations lead"),
    );
    eventually(
        &format!("{}__gtmbook/status", server.url),
        "syntax",
        |_, b| b.contains("frontmatter/syntax") && b.contains("content/personas/buyer.md"),
    );
    let (status, kept) = get(&format!("{}personas/buyer/", server.url));
    assert_eq!(status, 200);
    assert!(kept.contains("Operations lead") && kept.contains("spreadsheet"));
    book.write("content/personas/buyer.md", &good);
    eventually(
        &format!("{}__gtmbook/status", server.url),
        "repaired",
        |_, b| !b.contains("frontmatter/syntax") && b.contains("\"errors\":0"),
    );

    // A finding and its fix both reach the overlay.
    book.append(
        "content/personas/buyer.md",
        "\nSee [the plan](nowhere.md).\n",
    );
    eventually(
        &format!("{}__gtmbook/status", server.url),
        "finding",
        |_, b| b.contains("link/broken"),
    );
    book.replace(
        "content/personas/buyer.md",
        "See [the plan](nowhere.md).",
        "",
    );
    eventually(&format!("{}__gtmbook/status", server.url), "fix", |_, b| {
        !b.contains("link/broken") && b.contains("\"errors\":0")
    });
}

#[test]
fn pages_are_served_while_saves_arrive() {
    let book = Book::basic();
    let server = Server::start(&book);
    let url = format!("{}personas/buyer/", server.url);
    let fetcher = std::thread::spawn(move || {
        (0..300)
            .map(|_| get(&url).0)
            .filter(|s| *s != 200)
            .collect::<Vec<u16>>()
    });
    for i in 0..30 {
        book.write(
            "content/playbooks/launch-notes.md",
            &format!("---\ntitle: Launch notes\n---\nDraft {i} of the notes.\n"),
        );
        std::thread::sleep(Duration::from_millis(15));
    }
    let failures = fetcher.join().unwrap();
    assert!(failures.is_empty(), "answers other than 200: {failures:?}");
    eventually(
        &format!("{}playbooks/launch-notes/", server.url),
        "last save",
        |s, b| s == 200 && b.contains("Draft 29 of the notes"),
    );
}

#[test]
fn a_renamed_folder_and_a_broken_book_toml_are_handled() {
    let book = Book::basic();
    let server = Server::start(&book);
    // A folder renamed: its files raise no events of their own, so everything reloads.
    std::fs::rename(
        book.path().join("content/playbooks"),
        book.path().join("content/plays"),
    )
    .unwrap();
    eventually(
        &format!("{}plays/launch/", server.url),
        "moved page",
        |s, b| s == 200 && b.contains("Launch playbook"),
    );
    eventually(
        &format!("{}playbooks/launch/", server.url),
        "old address",
        |s, _| s == 404,
    );
    // A broken book.toml: the finding is shown and the last good site stays served.
    let good = book.read("book.toml");
    book.write("book.toml", "[book\ntitle = \"x\"\n");
    eventually(
        &format!("{}__gtmbook/status", server.url),
        "config error",
        |_, b| b.contains("book.toml") && b.contains("last good version"),
    );
    let (status, page) = get(&format!("{}plays/launch/", server.url));
    assert_eq!(status, 200);
    assert!(page.contains("Launch playbook"));
    book.write("book.toml", &good);
    // Fixed: a full load again, whose findings are the links to the old folder.
    eventually(
        &format!("{}__gtmbook/status", server.url),
        "config fixed",
        |_, b| !b.contains("last good version") && b.contains("link/broken"),
    );
}
