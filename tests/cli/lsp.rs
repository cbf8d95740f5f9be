//! `gtmbook lsp` driven over stdio as an editor drives it: Content-Length framed
//! JSON-RPC, every wait bounded.

use crate::support::Book;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(20);
const ONE_LINER: &str = "Fieldline gives field-service teams one live schedule that dispatchers, technicians and customers can all trust.";
const DRIFTED: &str = "Fieldline gives field-service teams one live schedule that dispatchers and customers can all trust.";

/// A copy of the sample handbook (book.toml and content/ of the repository).
/// A copy of the sample handbook (the repository's book.toml and content/).
fn sample() -> tempfile::TempDir {
    Book::sample().dir
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display()).replace(' ', "%20")
}

struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    next: i64,
    /// Messages read while waiting for something else.
    seen: Vec<Value>,
}

impl Client {
    fn start(root: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gtmbook"))
            .arg("lsp")
            .env("GTMBOOK_TODAY", crate::support::TODAY)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    if out.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim();
                    if line.is_empty() {
                        break;
                    }
                    let (k, v) = line.split_once(':').expect("a header line");
                    if k.eq_ignore_ascii_case("content-length") {
                        len = Some(v.trim().parse::<usize>().unwrap());
                    }
                }
                let mut body = vec![0; len.expect("Content-Length")];
                out.read_exact(&mut body).unwrap();
                let v: Value = serde_json::from_slice(&body).expect("stdout carries only JSON-RPC");
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        let mut c = Client {
            child,
            stdin,
            rx,
            next: 1,
            seen: Vec::new(),
        };
        let init = c.request(
            "initialize",
            json!({"processId": null, "rootUri": uri(root), "capabilities": {}}),
        );
        assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
        c.notify("initialized", json!({}));
        c
    }

    fn send(&mut self, mut msg: Value) {
        msg["jsonrpc"] = json!("2.0");
        let body = serde_json::to_vec(&msg).unwrap();
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        self.stdin.write_all(&body).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"method": method, "params": params}));
    }

    /// Read until `pred` holds (earlier messages that match are taken first).
    fn wait(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.seen.iter().position(&pred) {
            return self.seen.remove(i);
        }
        let end = Instant::now() + WAIT;
        loop {
            let left = end.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(v) if pred(&v) => return v,
                Ok(v) => self.seen.push(v),
                Err(RecvTimeoutError::Timeout) => {
                    panic!("no {what} within {WAIT:?}; read: {:#?}", self.seen)
                }
                Err(RecvTimeoutError::Disconnected) => panic!("server exited waiting for {what}"),
            }
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next;
        self.next += 1;
        self.send(json!({"id": id, "method": method, "params": params}));
        let resp = self.wait(method, |v| v["id"] == id && v.get("method").is_none());
        assert!(resp.get("error").is_none(), "{method}: {resp}");
        resp["result"].clone()
    }

    fn open(&mut self, path: &Path, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri(path), "languageId": "markdown", "version": 1, "text": text}}),
        );
    }

    fn change(&mut self, path: &Path, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri(path), "version": version},
                   "contentChanges": [{"text": text}]}),
        );
    }

    /// The next diagnostics published for `path` that satisfy `pred`.
    fn diagnostics(&mut self, path: &Path, pred: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let u = uri(path);
        let found = self.wait("publishDiagnostics", |v| {
            v["method"] == "textDocument/publishDiagnostics"
                && v["params"]["uri"] == u.as_str()
                && pred(v["params"]["diagnostics"].as_array().unwrap())
        });
        found["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn finish(mut self) {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        let end = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert_eq!(status.code(), Some(0));
                return;
            }
            assert!(Instant::now() < end, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn has(diags: &[Value], rule: &str) -> bool {
    diags.iter().any(|d| d["code"] == rule)
}

/// The byte offset of a UTF-16 position in `text`.
fn offset(text: &str, pos: &Value) -> usize {
    let line = pos["line"].as_u64().unwrap() as usize;
    let character = pos["character"].as_u64().unwrap() as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= character || c == '\n' {
            return start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// `text` with the TextEdits of one file applied (from the last to the first).
fn apply(text: &str, edits: &[Value]) -> String {
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(text, &e["range"]["start"]),
                offset(text, &e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (a, b, new) in spans {
        out.replace_range(a..b, new);
    }
    out
}

/// The 0-based line and UTF-16 column of the first `needle` in `text`.
fn pos_of(text: &str, needle: &str) -> Value {
    let at = text.find(needle).unwrap();
    let line = text[..at].matches('\n').count();
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": text[start..at].encode_utf16().count()})
}

#[test]
fn an_editing_session_from_drift_to_quick_fix() {
    let book = sample();
    let page: PathBuf = book.path().join("content/sales/first-call.md");
    let house = book.path().join("content/messaging/platform.md");
    let text = std::fs::read_to_string(&page).unwrap();
    let mut c = Client::start(book.path());
    c.open(&page, &text);
    assert!(c.diagnostics(&page, |_| true).is_empty());

    // A sentence close to, but not, the one-liner; and `{{msg:` being typed.
    let drifted = text.replacen(
        "Talk for a third of the call at most.",
        &format!("{DRIFTED}\n\nAlso {{{{msg:"),
        1,
    );
    c.change(&page, 2, &drifted);
    let diags = c.diagnostics(&page, |d| has(d, "message/drift"));
    let drift = diags.iter().find(|d| d["code"] == "message/drift").unwrap();
    assert_eq!(drift["source"], "gtmbook");
    assert_eq!(drift["severity"], 2);
    assert_eq!(drift["range"]["start"], pos_of(&drifted, DRIFTED));
    assert!(
        drift["message"]
            .as_str()
            .unwrap()
            .contains("platform.one-liner")
    );
    let related = &drift["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], uri(&house));
    assert!(
        related["message"]
            .as_str()
            .unwrap()
            .contains("defined here")
    );
    // Never written: the file on disk is as it was.
    assert_eq!(std::fs::read_to_string(&page).unwrap(), text);

    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri(&page)},
               "position": pos_of(&drifted, "one-liner}}")}),
    );
    assert_eq!(hover["contents"]["kind"], "markdown");
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(shown.contains(ONE_LINER), "{shown}");
    assert!(shown.contains("content/messaging/platform.md"), "{shown}");

    let end = drifted.find("Also {{msg:").unwrap() + "Also {{msg:".len();
    let line = drifted[..end].matches('\n').count();
    let col = drifted[..end]
        .rsplit('\n')
        .next()
        .unwrap()
        .encode_utf16()
        .count();
    let items = c.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri(&page)}, "position": {"line": line, "character": col}}),
    );
    let items = items.as_array().unwrap();
    let one = items
        .iter()
        .find(|i| i["label"] == "platform.one-liner")
        .unwrap_or_else(|| panic!("{items:#?}"));
    assert_eq!(one["detail"], ONE_LINER);

    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri(&page)}, "range": drift["range"],
               "context": {"diagnostics": [drift]}}),
    );
    let action = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .contains("{{msg:platform.one-liner}}")
        })
        .unwrap_or_else(|| panic!("{actions:#}"));
    assert_eq!(action["kind"], "quickfix");
    assert_eq!(action["isPreferred"], false, "a drift's fix is unsafe");
    let edits = action["edit"]["changes"][uri(&page)].as_array().unwrap();
    let fixed = apply(&drifted, edits).replace("\n\nAlso {{msg:", "");
    assert!(fixed.contains("{{msg:platform.one-liner}}\n\nThen stop"));
    c.change(&page, 3, &fixed);
    let diags = c.diagnostics(&page, |d| !has(d, "message/drift"));
    assert!(diags.is_empty(), "{diags:#?}");

    let def = c.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": uri(&page)}, "position": pos_of(&fixed, "platform.one-liner")}),
    );
    assert_eq!(def["uri"], uri(&house));
    let house_text = std::fs::read_to_string(&house).unwrap();
    assert_eq!(
        def["range"]["start"]["line"],
        pos_of(&house_text, "one-liner\n")["line"]
    );

    let refs = c.request(
        "textDocument/references",
        json!({"textDocument": {"uri": uri(&page)}, "position": pos_of(&fixed, "platform.one-liner"),
               "context": {"includeDeclaration": true}}),
    );
    let uris: Vec<&str> = refs
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["uri"].as_str().unwrap())
        .collect();
    assert!(uris.contains(&uri(&house).as_str()), "{uris:?}");
    assert!(
        uris.contains(&uri(&book.path().join("content/_index.md")).as_str()),
        "{uris:?}"
    );
    assert_eq!(
        uris.iter().filter(|u| **u == uri(&page)).count(),
        2,
        "{uris:?}"
    );
    c.finish();
}

#[test]
fn positions_count_utf16_units_after_emoji_and_curly_quotes() {
    let book = sample();
    // A new page, only in the editor (never saved).
    let page = book.path().join("content/sales/unsaved.md");
    let text = "---\ntitle: Emoji\n---\n\n😀 “Quoted” — ask the field worker first.\n";
    let mut c = Client::start(book.path());
    c.open(&page, text);
    let diags = c.diagnostics(&page, |d| has(d, "term/avoid"));
    let d = diags.iter().find(|d| d["code"] == "term/avoid").unwrap();
    // "😀 “Quoted” — ask the " is 21 characters, 22 UTF-16 units, 30 bytes.
    assert_eq!(d["range"]["start"], json!({"line": 4, "character": 22}));
    assert_eq!(d["range"]["end"], json!({"line": 4, "character": 34}));
    // Its safe fix, preferred, mends it.
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri(&page)}, "range": d["range"], "context": {"diagnostics": []}}),
    );
    let action = &actions[0];
    assert_eq!(action["isPreferred"], true, "{actions:#}");
    let edits = action["edit"]["changes"][uri(&page)].as_array().unwrap();
    let fixed = apply(text, edits);
    assert!(fixed.starts_with("---\ntitle: Emoji\n---\n\n😀 “Quoted” — ask the "));
    assert!(!fixed.contains("field worker"));
    c.change(&page, 2, &fixed);
    assert!(c.diagnostics(&page, |d| !has(d, "term/avoid")).is_empty());
    assert!(!page.exists());
    c.finish();
}

#[test]
fn a_message_house_change_republishes_another_open_document() {
    let book = sample();
    let page = book.path().join("content/sales/first-call.md");
    let house = book.path().join("content/messaging/platform.md");
    let text = std::fs::read_to_string(&page).unwrap();
    let drifted = text.replacen("Talk for a third of the call at most.", DRIFTED, 1);
    let house_text = std::fs::read_to_string(&house).unwrap();
    let mut c = Client::start(book.path());
    c.open(&page, &drifted);
    c.diagnostics(&page, |d| has(d, "message/drift"));
    c.open(&house, &house_text);
    c.diagnostics(&house, |_| true);
    // The one-liner now says what the page says: a copy, no longer a drift.
    c.change(&house, 2, &house_text.replacen(ONE_LINER, DRIFTED, 1));
    let diags = c.diagnostics(&page, |d| has(d, "message/copy"));
    assert!(!has(&diags, "message/drift"), "{diags:#?}");
    // Closed: back to the file on disk, and the page drifts again.
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri(&house)}}),
    );
    c.diagnostics(&page, |d| has(d, "message/drift"));
    c.finish();
}

#[test]
fn bad_requests_and_a_broken_book_toml_keep_it_serving() {
    let book = sample();
    std::fs::write(book.path().join("book.toml"), "[book\ntitle = ").unwrap();
    let page = book.path().join("content/sales/first-call.md");
    let mut c = Client::start(book.path());
    let diags = c.diagnostics(&book.path().join("book.toml"), |d| !d.is_empty());
    assert!(
        diags[0]["message"].as_str().unwrap().contains("book.toml"),
        "{diags:#?}"
    );
    c.open(&page, "hello");
    // An unknown file, a position past the end, a file outside the book.
    for (u, line) in [
        (uri(&book.path().join("nope.md")), 0),
        (uri(&page), 999),
        ("file:///etc/passwd".to_string(), 0),
    ] {
        let r = c.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": u}, "position": {"line": line, "character": 999}}),
        );
        assert_eq!(r, Value::Null);
    }
    // Mended and saved: the book loads, and its findings go away.
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("book.toml"),
        book.path().join("book.toml"),
    )
    .unwrap();
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri(&book.path().join("book.toml"))}}),
    );
    c.diagnostics(&book.path().join("book.toml"), <[Value]>::is_empty);
    let r = c.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri(&page)}, "position": {"line": 0, "character": 5}}),
    );
    assert_eq!(r, json!([]));
    c.finish();
}

#[test]
fn incremental_changes_and_link_completion() {
    let book = sample();
    let page = book.path().join("content/sales/first-call.md");
    let text = std::fs::read_to_string(&page).unwrap();
    let mut c = Client::start(book.path());
    c.open(&page, &text);
    c.diagnostics(&page, |_| true);
    // Typed at the end of the first line after the front-matter, as incremental edits.
    let at = pos_of(&text, "The first call has one goal");
    let typed = "😀 “See” [the persona](../personas/ops-director.md#";
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(&page), "version": 2},
               "contentChanges": [{"range": {"start": at, "end": at}, "text": typed}]}),
    );
    let line = at["line"].as_u64().unwrap();
    let col = typed.encode_utf16().count();
    let items = c.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri(&page)}, "position": {"line": line, "character": col}}),
    );
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(labels.contains(&"the-pains"), "{labels:?}");
    // Delete back to `](`: the documents, by their path from this page.
    let start = typed.find("](").unwrap() + 2;
    let from = json!({"line": line, "character": typed[..start].encode_utf16().count()});
    let to = json!({"line": line, "character": col});
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(&page), "version": 3},
               "contentChanges": [{"range": {"start": from, "end": to}, "text": "../"}]}),
    );
    let items = c.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri(&page)},
               "position": {"line": line, "character": from["character"].as_u64().unwrap() + 3}}),
    );
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"../personas/ops-director.md"),
        "{labels:?}"
    );
    assert!(labels.contains(&"demo-script.md"), "{labels:?}");
    c.finish();
}
