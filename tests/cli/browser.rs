//! Headless Chromium types a query into the search box of a served handbook and sees
//! the expected page in the results, and puts a long section's shared sidebar in place
//! (WebDriver through chromedriver).
//!
//! `.ci/run` installs Debian's chromium and chromium-driver. Without them the test is
//! skipped locally, and fails under CI (`CI` set), so CI cannot pass without running it.

use crate::serve::Server;
use crate::support::*;
use serde_json::{Value, json};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub(crate) struct Driver {
    child: Child,
    pub(crate) base: String,
    pub(crate) agent: ureq::Agent,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Driver {
    #[allow(clippy::zombie_processes)] // waited for in Drop
    pub(crate) fn start() -> Option<Driver> {
        let exe = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
            .into_iter()
            .find(|p| std::path::Path::new(p).exists())?;
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .ok()?
            .local_addr()
            .ok()?
            .port();
        let child = Command::new(exe)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        let driver = Driver {
            child,
            base: format!("http://127.0.0.1:{port}"),
            agent,
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if driver
                .agent
                .get(&format!("{}/status", driver.base))
                .call()
                .is_ok()
            {
                return Some(driver);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        None
    }

    pub(crate) fn post(&self, path: &str, body: Value) -> Value {
        let mut res = self
            .agent
            .post(&format!("{}{path}", self.base))
            .send_json(body)
            .unwrap();
        res.body_mut().read_json().unwrap()
    }

    pub(crate) fn get(&self, path: &str) -> Value {
        let mut res = self
            .agent
            .get(&format!("{}{path}", self.base))
            .call()
            .unwrap();
        res.body_mut().read_json().unwrap()
    }

    /// A new headless browser session: its path (`/session/ID`) and its profile folder.
    fn session(&self) -> (String, tempfile::TempDir) {
        let profile = tempfile::tempdir().unwrap();
        let session = self.post(
            "/session",
            json!({"capabilities": {"alwaysMatch": {"goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         "--no-first-run", format!("--user-data-dir={}", profile.path().display())]
            }}}}),
        );
        let sid = session["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {session}"))
            .to_string();
        (format!("/session/{sid}"), profile)
    }

    /// Run `script` in the page; what it returns.
    fn exec(&self, s: &str, script: &str) -> Value {
        self.post(
            &format!("{s}/execute/sync"),
            json!({"script": script, "args": []}),
        )["value"]
            .clone()
    }
}

/// The driver, or `None` when chromedriver is not installed (outside CI).
fn driver_or_skip() -> Option<Driver> {
    let driver = Driver::start();
    if driver.is_none() {
        if std::env::var_os("CI").is_some() {
            panic!("chromedriver is missing: .ci/run should install chromium-driver");
        }
        eprintln!("skipped: chromedriver not installed (apt-get install chromium chromium-driver)");
    }
    driver
}

/// Type `query` into the search box of the page at `url` and wait (bounded) for a first
/// result holding `expect`: that result's text, and every resource the page fetched.
fn search(driver: &Driver, url: &str, query: &str, expect: &str) -> (String, Vec<String>) {
    let (s, _profile) = driver.session();
    driver.post(&format!("{s}/url"), json!({"url": url}));
    let input = driver.post(
        &format!("{s}/element"),
        json!({"using": "css selector", "value": "#search-input"}),
    );
    let input_id = input["value"]
        .as_object()
        .and_then(|o| o.values().next())
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no search box: {input}"))
        .to_string();
    driver.post(&format!("{s}/element/{input_id}/click"), json!({}));
    let typed = driver.post(
        &format!("{s}/element/{input_id}/value"),
        json!({"text": query}),
    );
    assert!(typed["value"].is_null(), "typing failed: {typed}");
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut found = String::new();
    while Instant::now() < deadline {
        let els = driver.post(
            &format!("{s}/elements"),
            json!({"using": "css selector", "value": "#search-results li a"}),
        );
        if let Some(first) = els["value"].as_array().and_then(|a| a.first()) {
            let id = first
                .as_object()
                .and_then(|o| o.values().next())
                .and_then(Value::as_str)
                .unwrap_or("");
            found = driver.get(&format!("{s}/element/{id}/text"))["value"]
                .as_str()
                .unwrap_or("")
                .to_string();
            if found.contains(expect) {
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    if !found.contains(expect) {
        let dom = driver.post(
            &format!("{s}/execute/sync"),
            json!({"script": "return document.getElementById('search-results').outerHTML + ' value=' + document.getElementById('search-input').value + ' url=' + location.href", "args": []}),
        );
        eprintln!("search results in the page: {dom}");
    }
    let fetched = driver.exec(
        &s,
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; })",
    );
    let fetched: Vec<String> = fetched
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let _ = driver.agent.delete(&format!("{}{s}", driver.base)).call();
    (found, fetched)
}

#[test]
fn search_box_finds_a_page_by_body_text() {
    let Some(driver) = driver_or_skip() else {
        return;
    };
    let book = Book::basic();
    book.write(
        "content/notes.md",
        "---\ntitle: Field notes\n---\n\nThe zanzibar procedure applies to every renewal.\n",
    );
    let server = Server::start(&book);
    let (found, fetched) = search(&driver, &server.url, "zanzib", "zanzibar");
    assert!(found.contains("Field notes"), "first result: {found:?}");
    assert!(
        found.contains("zanzibar"),
        "the snippet shows the hit: {found:?}"
    );
    // The snippet came from the index: the browser fetched no page for it.
    assert!(
        fetched.iter().any(|u| u.contains("/search/terms-")),
        "{fetched:?}"
    );
    assert!(
        !fetched.iter().any(|u| u.ends_with("/notes/")),
        "{fetched:?}"
    );
}

#[test]
fn search_finds_a_persona_by_its_trigger_and_a_term_by_its_definition() {
    let Some(driver) = driver_or_skip() else {
        return;
    };
    let book = Book::basic();
    // Words only in front-matter fields: the persona's trigger, a term's definition.
    book.replace(
        "content/personas/buyer.md",
        "trigger: A missed appointment costs a customer.",
        "trigger: A quarrelsome auditor asks for proof.",
    );
    book.replace(
        "content/reference/glossary.md",
        "definition: The shared schedule of jobs for the coming week.",
        "definition: The shared schedule of jobs for the coming fortnight.",
    );
    let server = Server::start(&book);
    let (found, _) = search(&driver, &server.url, "quarrelsome", "quarrelsome");
    assert!(
        found.contains("quarrelsome"),
        "persona by trigger: {found:?}"
    );
    let (found, _) = search(&driver, &server.url, "fortnight", "fortnight");
    assert!(found.contains("fortnight"), "term by definition: {found:?}");
}

#[test]
fn the_shared_sidebar_replaces_the_window_and_marks_the_page() {
    let Some(driver) = driver_or_skip() else {
        return;
    };
    let book = Book::basic();
    for i in 0..120 {
        book.write(
            &format!("content/big/p-{i:03}.md"),
            &format!("---\ntitle: Page {i:03}\nweight: {i}\n---\n\nBody.\n"),
        );
    }
    let server = Server::start(&book);
    let (s, _profile) = driver.session();
    driver.post(
        &format!("{s}/url"),
        json!({"url": format!("{}big/p-060/", server.url)}),
    );
    let state = "var n = document.querySelector('#sidebar [data-nav-loaded]'); \
        var cur = document.querySelectorAll('#sidebar a[aria-current=page]'); \
        return n ? { links: n.querySelectorAll('a').length, \
          current: Array.prototype.map.call(cur, function (a) { return a.textContent; }), \
          open: cur.length ? cur[0].closest('li.nav-section').classList.contains('open') : false, \
          more: n.querySelectorAll('.nav-more').length, \
          landmark: n.querySelectorAll('nav[aria-label=Handbook]').length } : null";
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut seen = Value::Null;
    while Instant::now() < deadline {
        seen = driver.exec(&s, state);
        if !seen.is_null() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = driver.agent.delete(&format!("{}{s}", driver.base)).call();
    assert!(!seen.is_null(), "the shared sidebar was never put in place");
    assert!(seen["links"].as_u64().unwrap() >= 120, "{seen}");
    assert_eq!(seen["current"], json!(["Page 060"]), "{seen}");
    assert_eq!(seen["open"], json!(true), "{seen}");
    assert_eq!(seen["more"], json!(0), "{seen}");
    assert_eq!(seen["landmark"], json!(1), "{seen}");
}
