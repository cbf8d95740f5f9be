//! axe-core finds no accessibility violation on every kind of page of the sample
//! handbook, on a desktop window, a phone-sized one and in dark mode (headless Chromium
//! over WebDriver, as `browser.rs` drives it).
//!
//! `.ci/run` installs Debian's chromium and chromium-driver and npm's `axe-core` into
//! `.ci/node/`. Without them the test is skipped locally, and fails under CI (`CI` set).

use crate::browser::Driver;
use crate::serve::Server;
use crate::support::*;
use serde_json::json;

/// The pages checked: one of every kind the issue names.
const PAGES: &[(&str, &str)] = &[
    ("home", ""),
    ("message house", "messaging/platform/"),
    ("persona", "personas/ops-director/"),
    ("positioning", "positioning/core/"),
    ("competitor", "competitors/routewise/"),
    ("playbook", "playbooks/launch/"),
    ("plain page", "sales/first-call/"),
    ("section", "playbooks/"),
    ("message map", "gtmbook/message-map/"),
    ("claims", "reference/claims/"),
    ("glossary", "reference/glossary/"),
    ("health", "gtmbook/health/"),
    ("cadence", "gtmbook/cadence/"),
];

/// The WCAG 2.0–2.2 A and AA rules and axe's best practices.
const RUN: &str = "var done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})
  .then(function (r) { done(r.violations.map(function (v) {
    return v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.slice(0, 3).map(function (n) { return n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' '); }).join(' | ');
  })); }, function (e) { done(['axe failed: ' + e]); });";

fn axe_source() -> Option<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(".ci/node/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(path).ok()
}

pub(crate) fn skip_or_fail(what: &str) {
    if std::env::var_os("CI").is_some() {
        panic!("{what} is missing: .ci/run should install it");
    }
    eprintln!("skipped: {what} not installed (see .ci/run)");
}

/// The violations axe reports on each page, in one browser set up with `args`.
fn violations(driver: &Driver, server: &Server, axe: &str, args: &[&str]) -> Vec<String> {
    let profile = tempfile::tempdir().unwrap();
    let mut chrome_args: Vec<String> = [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    chrome_args.extend(args.iter().map(|s| s.to_string()));
    chrome_args.push(format!("--user-data-dir={}", profile.path().display()));
    let session = driver.post(
        "/session",
        json!({"capabilities": {"alwaysMatch": {"goog:chromeOptions": {
            "binary": "/usr/bin/chromium", "args": chrome_args
        }}}}),
    );
    let sid = session["value"]["sessionId"]
        .as_str()
        .unwrap_or_else(|| panic!("no session: {session}"))
        .to_string();
    let s = format!("/session/{sid}");
    driver.post(&format!("{s}/timeouts"), json!({"script": 60_000}));
    let mut out = Vec::new();
    for (name, path) in PAGES {
        let url = format!("{}{path}", server.url);
        driver.post(&format!("{s}/url"), json!({"url": url}));
        let loaded = driver.post(
            &format!("{s}/execute/sync"),
            json!({"script": format!("{axe}\n;return typeof axe;"), "args": []}),
        );
        assert_eq!(
            loaded["value"], "object",
            "axe did not load on {url}: {loaded}"
        );
        let found = driver.post(
            &format!("{s}/execute/async"),
            json!({"script": RUN, "args": []}),
        );
        let list = found["value"]
            .as_array()
            .unwrap_or_else(|| panic!("axe gave no result on {url}: {found}"));
        for v in list {
            out.push(format!("{name} ({url}): {}", v.as_str().unwrap_or("?")));
        }
    }
    let _ = driver.agent.delete(&format!("{}{s}", driver.base)).call();
    out
}

#[test]
fn axe_finds_no_violation_on_every_kind_of_page() {
    let Some(driver) = Driver::start() else {
        return skip_or_fail("chromedriver");
    };
    let Some(axe) = axe_source() else {
        return skip_or_fail("axe-core (npm install --prefix .ci/node axe-core@4)");
    };
    let book = Book::sample();
    let server = Server::start(&book);
    let mut all: Vec<String> = Vec::new();
    for (label, args) in [
        ("desktop", &["--window-size=1366,900"][..]),
        ("phone", &["--window-size=390,844"][..]),
        (
            "dark",
            &[
                "--window-size=1366,900",
                "--force-dark-mode",
                "--blink-settings=preferredColorScheme=0",
            ][..],
        ),
    ] {
        all.extend(
            violations(&driver, &server, &axe, args)
                .into_iter()
                .map(|v| format!("[{label}] {v}")),
        );
    }
    assert!(all.is_empty(), "axe-core violations:\n{}", all.join("\n"));
}
