//! The test helper: copy a fixture handbook to a temporary folder, change files, run
//! gtmbook with a fixed date, and read what it produced.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

pub const TODAY: &str = "2026-11-24";

pub struct Book {
    pub dir: tempfile::TempDir,
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A finding from `--format json`.
#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: String,
    pub severity: String,
    pub file: String,
    pub line: u64,
    pub column: u64,
    pub message: String,
    pub help: Option<String>,
    pub related: Vec<serde_json::Value>,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<std::process::Output> for Run {
    fn from(out: std::process::Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

impl Book {
    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> Book {
        let dir = tempfile::tempdir().unwrap();
        let src = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        copy_dir(&src, dir.path());
        Book { dir }
    }

    /// The small valid handbook with one document of every type.
    pub fn basic() -> Book {
        Book::fixture("basic")
    }

    /// A copy of the sample handbook of the repository (`book.toml` and `content/`).
    pub fn sample() -> Book {
        let dir = tempfile::tempdir().unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        std::fs::copy(root.join("book.toml"), dir.path().join("book.toml")).unwrap();
        copy_dir(&root.join("content"), &dir.path().join("content"));
        Book { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Write (or overwrite) a file, relative to the book root.
    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
        self
    }

    /// Append text to a file.
    pub fn append(&self, rel: &str, text: &str) -> &Self {
        let p = self.path().join(rel);
        let mut s = std::fs::read_to_string(&p).unwrap();
        s.push_str(text);
        std::fs::write(p, s).unwrap();
        self
    }

    /// Replace text in a file (the text must be there).
    pub fn replace(&self, rel: &str, from: &str, to: &str) -> &Self {
        let p = self.path().join(rel);
        let s = std::fs::read_to_string(&p).unwrap();
        assert!(s.contains(from), "{rel} does not contain {from:?}");
        std::fs::write(p, s.replacen(from, to, 1)).unwrap();
        self
    }

    pub fn remove(&self, rel: &str) -> &Self {
        std::fs::remove_file(self.path().join(rel)).unwrap();
        self
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel))
            .unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.path().join(rel).exists()
    }

    /// Run gtmbook with these arguments, `--root` pointing at the book.
    pub fn run(&self, args: &[&str]) -> Run {
        let mut cmd = Command::cargo_bin("gtmbook").unwrap();
        cmd.args(args)
            .arg("--root")
            .arg(self.path())
            .env("GTMBOOK_TODAY", TODAY)
            .env("NO_COLOR", "1")
            .timeout(std::time::Duration::from_secs(120));
        let out = cmd.output().unwrap();
        Run::from(out)
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    /// `check --format json`: exit code and findings.
    pub fn check(&self) -> (i32, Vec<Finding>) {
        let run = self.run(&["check", "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("bad JSON ({e}):\n{}\n{}", run.stdout, run.stderr));
        let findings = v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| Finding {
                rule: d["rule"].as_str().unwrap().to_string(),
                severity: d["severity"].as_str().unwrap().to_string(),
                file: d["file"].as_str().unwrap().to_string(),
                line: d["line"].as_u64().unwrap(),
                column: d["column"].as_u64().unwrap(),
                message: d["message"].as_str().unwrap().to_string(),
                help: d["help"].as_str().map(String::from),
                related: d["related"].as_array().cloned().unwrap_or_default(),
            })
            .collect();
        (run.code, findings)
    }

    /// Findings of one rule.
    pub fn findings(&self, rule: &str) -> Vec<Finding> {
        self.check()
            .1
            .into_iter()
            .filter(|f| f.rule == rule)
            .collect()
    }

    /// Parse a built page.
    pub fn html(&self, rel: &str) -> scraper::Html {
        scraper::Html::parse_document(&self.read(rel))
    }

    pub fn output(&self) -> PathBuf {
        self.path().join("public")
    }
}

/// Text of the elements matching a CSS selector.
pub fn texts(html: &scraper::Html, selector: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(selector).unwrap();
    html.select(&sel)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// Values of an attribute on the elements matching a selector.
pub fn attrs(html: &scraper::Html, selector: &str, attr: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(selector).unwrap();
    html.select(&sel)
        .filter_map(|e| e.value().attr(attr).map(String::from))
        .collect()
}

/// Run git in `dir` with a fixed author, and require it to succeed.
pub fn git(dir: &std::path::Path, args: &[&str]) {
    let ok = std::process::Command::new("git")
        .args(["-c", "user.email=t@example.com", "-c", "user.name=t"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
        .status
        .success();
    assert!(ok, "git {args:?}");
}
