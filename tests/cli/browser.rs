//! Headless Chromium types a query into the search box of a served handbook and sees
//! the expected page in the results (WebDriver through chromedriver).
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
}

#[test]
fn search_box_finds_a_page_by_body_text() {
    let Some(driver) = Driver::start() else {
        if std::env::var_os("CI").is_some() {
            panic!("chromedriver is missing: .ci/run should install chromium-driver");
        }
        eprintln!("skipped: chromedriver not installed (apt-get install chromium chromium-driver)");
        return;
    };
    let book = Book::basic();
    book.write(
        "content/notes.md",
        "---\ntitle: Field notes\n---\n\nThe zanzibar procedure applies to every renewal.\n",
    );
    let server = Server::start(&book);
    let profile = tempfile::tempdir().unwrap();
    let session = driver.post(
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
    let s = format!("/session/{sid}");
    driver.post(&format!("{s}/url"), json!({"url": server.url}));
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
        json!({"text": "zanzib"}),
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
            if found.contains("zanzibar") {
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    if !found.contains("zanzibar") {
        let dom = driver.post(
            &format!("{s}/execute/sync"),
            json!({"script": "return document.getElementById('search-results').outerHTML + ' value=' + document.getElementById('search-input').value + ' url=' + location.href", "args": []}),
        );
        eprintln!("search results in the page: {dom}");
    }
    let _ = driver.agent.delete(&format!("{}{s}", driver.base)).call();
    assert!(found.contains("Field notes"), "first result: {found:?}");
    assert!(
        found.contains("zanzibar"),
        "the snippet shows the hit: {found:?}"
    );
}
