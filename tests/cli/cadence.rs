//! The operating cadence on the sample handbook: `review` (the queue), `verify` (one
//! line changed), the trust score (health page, `check` summary, `min_trust`) and the
//! cadence page. Expected sets are computed here from the files themselves.

use crate::support::{Book, attrs, texts};
use jiff::civil::Date;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A year after the support date: every sample page is past its review.
const YEAR_AHEAD: &str = "2027-11-24";

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A copy of the repository's sample handbook (content/ and book.toml).
fn sample() -> Book {
    let book = Book {
        dir: tempfile::tempdir().unwrap(),
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join("book.toml"), book.path().join("book.toml")).unwrap();
    copy_tree(&root.join("content"), &book.path().join("content"));
    book
}

/// A document as read here, without gtmbook: top-level front-matter keys, the claims it
/// defines (id, expiry), the claims its body and proofs cite.
struct Doc {
    path: String,
    owner: Option<String>,
    reviewed: Option<Date>,
    every: i64,
    claims: Vec<(String, Date)>,
    cites: BTreeSet<String>,
}

fn md_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            md_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "md") {
            out.push(p);
        }
    }
}

fn scalar(line: &str, key: &str) -> Option<String> {
    let rest = line.strip_prefix(key)?.strip_prefix(':')?;
    let v = rest
        .split(" #")
        .next()
        .unwrap()
        .trim()
        .trim_matches(['\'', '"']);
    (!v.is_empty()).then(|| v.to_string())
}

fn read_docs(book: &Book) -> Vec<Doc> {
    let mut files = Vec::new();
    md_files(&book.path().join("content"), &mut files);
    files.sort();
    files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            let path = f
                .strip_prefix(book.path())
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let mut doc = Doc {
                path,
                owner: None,
                reviewed: None,
                every: 180,
                claims: Vec::new(),
                cites: BTreeSet::new(),
            };
            let mut lines = text.lines();
            assert_eq!(lines.next(), Some("---"), "{}", doc.path);
            let mut claim_id: Option<String> = None;
            for line in lines.by_ref() {
                if line == "---" {
                    break;
                }
                if let Some(v) = scalar(line, "owner") {
                    doc.owner = Some(v);
                }
                if let Some(v) = scalar(line, "reviewed") {
                    doc.reviewed = Some(v.parse().unwrap());
                }
                if let Some(v) = scalar(line, "review_every") {
                    doc.every = v.parse().unwrap();
                }
                let t = line.trim_start();
                if let Some(v) = t.strip_prefix("- id:").filter(|_| line.starts_with("  - ")) {
                    claim_id = Some(v.trim().to_string());
                }
                if let (Some(v), Some(id)) = (scalar(t, "expires"), &claim_id) {
                    doc.claims.push((id.clone(), v.parse().unwrap()));
                }
                if let Some(list) = scalar(t, "proof") {
                    for id in list.trim_matches(['[', ']']).split(',') {
                        doc.cites.insert(id.trim().to_string());
                    }
                }
            }
            // The body outside code: `{{claim:ID}}`.
            let mut in_code = false;
            for line in lines {
                if line.trim_start().starts_with("```") {
                    in_code = !in_code;
                    continue;
                }
                if in_code {
                    continue;
                }
                let outside: String = line
                    .split('`')
                    .enumerate()
                    .filter(|(i, _)| i % 2 == 0)
                    .map(|(_, s)| s)
                    .collect();
                for part in outside.split("{{claim:").skip(1) {
                    if let Some(id) = part.split("}}").next() {
                        doc.cites.insert(id.trim().to_string());
                    }
                }
            }
            doc
        })
        .collect()
}

fn plus(d: Date, days: i64) -> Date {
    d.checked_add(jiff::Span::new().days(days)).unwrap()
}

fn days(from: Date, to: Date) -> i64 {
    to.since(from).unwrap().get_days().into()
}

fn review_json(book: &Book, today: &str, within: &str) -> serde_json::Value {
    let run = book.run(&[
        "review", "--today", today, "--within", within, "--format", "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

/// Every item of the queue, in order.
fn items(v: &serde_json::Value) -> Vec<serde_json::Value> {
    v["owners"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["items"].as_array().unwrap().clone())
        .collect()
}

#[test]
fn review_lists_every_document_past_due_and_every_expiring_claim() {
    let book = sample();
    let docs = read_docs(&book);
    for (today, within) in [(YEAR_AHEAD, 30), ("2028-03-10", 30)] {
        let t: Date = today.parse().unwrap();
        let horizon = plus(t, within);
        let v = review_json(&book, today, &format!("{within}d"));
        let got = items(&v);
        // Documents: path → (owner, days overdue).
        let want_docs: BTreeMap<String, (Option<String>, i64)> = docs
            .iter()
            .filter_map(|d| {
                let due = plus(d.reviewed?, d.every);
                (due <= horizon).then(|| (d.path.clone(), (d.owner.clone(), days(due, t).max(0))))
            })
            .collect();
        let got_docs: BTreeMap<String, (Option<String>, i64)> = got
            .iter()
            .filter(|i| i["kind"] == "document")
            .map(|i| {
                (
                    i["file"].as_str().unwrap().to_string(),
                    (
                        i["owner"].as_str().map(String::from),
                        i["days_overdue"].as_i64().unwrap(),
                    ),
                )
            })
            .collect();
        assert_eq!(got_docs, want_docs, "documents at {today}");
        if today == YEAR_AHEAD {
            assert_eq!(
                want_docs.len(),
                docs.len(),
                "a year ahead, every page is due"
            );
            let first_call = got
                .iter()
                .find(|i| i["file"] == "content/sales/first-call.md")
                .unwrap();
            assert_eq!(
                first_call["reason"],
                "reviewed 2026-11-03, every 180 days: 206 days overdue"
            );
        }
        // Claims: id → the pages citing it.
        let want_claims: BTreeMap<String, BTreeSet<String>> = docs
            .iter()
            .flat_map(|d| d.claims.iter())
            .filter(|(_, e)| *e <= horizon)
            .map(|(id, _)| {
                let citing = docs
                    .iter()
                    .filter(|d| d.cites.contains(id))
                    .map(|d| d.path.clone())
                    .collect();
                (id.clone(), citing)
            })
            .collect();
        let got_claims: BTreeMap<String, BTreeSet<String>> = got
            .iter()
            .filter(|i| i["kind"] == "claim")
            .map(|i| {
                let pages = i["cited_by"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| p["file"].as_str().unwrap().to_string())
                    .collect();
                (i["id"].as_str().unwrap().to_string(), pages)
            })
            .collect();
        assert_eq!(got_claims, want_claims, "claims at {today}");
        if today == "2028-03-10" {
            assert!(
                !want_claims.is_empty(),
                "the window holds an expiring claim"
            );
            let c = got.iter().find(|i| i["kind"] == "claim").unwrap();
            let reason = c["reason"].as_str().unwrap();
            assert!(
                reason.contains("expires 2028-03-31") && reason.contains("cited by 2 pages"),
                "{reason}"
            );
            // The message quoting it as proof is in the queue too.
            assert!(
                got.iter()
                    .any(|i| i["kind"] == "message" && i["id"] == "platform.proof-retention")
            );
        }
        // Grouped by owner, alphabetically, no owner last; oldest first in each group.
        let owners: Vec<Option<String>> = v["owners"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["owner"].as_str().map(String::from))
            .collect();
        let mut sorted = owners.clone();
        sorted.sort_by_key(|o| (o.is_none(), o.clone()));
        assert_eq!(owners, sorted);
        for g in v["owners"].as_array().unwrap() {
            let dues: Vec<&str> = g["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["due"].as_str().unwrap())
                .collect();
            assert!(dues.windows(2).all(|w| w[0] <= w[1]), "{dues:?}");
        }
    }
}

#[test]
fn review_filters_by_owner_writes_a_markdown_digest_and_rejects_a_bad_window() {
    let book = sample();
    let run = book.run(&[
        "review",
        "--today",
        YEAR_AHEAD,
        "--within",
        "2w",
        "--owner",
        "dana ruiz",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Dana Ruiz (4)"), "{}", run.stdout);
    assert!(!run.stdout.contains("Maya Okafor"), "{}", run.stdout);
    let md = book.run(&[
        "review", "--today", YEAR_AHEAD, "--within", "7d", "--format", "markdown",
    ]);
    assert_eq!(md.code, 0);
    assert!(
        md.stdout
            .starts_with("## Fieldline GTM Handbook: review queue"),
        "{}",
        md.stdout
    );
    assert!(md.stdout.contains("\n### Maya Okafor ("), "{}", md.stdout);
    assert!(
        md.stdout.contains(
            "- [ ] **First call guide (`content/sales/first-call.md`)**: reviewed 2026-11-03"
        ),
        "{}",
        md.stdout
    );
    // Before anything falls due.
    let quiet = book.run(&["review", "--today", "2026-11-24", "--within", "7d"]);
    assert_eq!(quiet.code, 0);
    assert!(
        quiet.stdout.starts_with("Nothing to review"),
        "{}",
        quiet.stdout
    );
    for bad in ["5x", "d", "3 days", "99999d"] {
        let r = book.run(&["review", "--within", bad]);
        assert_eq!(r.code, 2, "{bad}");
        assert!(r.stderr.contains("--within"), "{}", r.stderr);
    }
}

/// The lines of `after` that differ from `before`, which must have as many.
fn changed_lines(before: &str, after: &str) -> Vec<(String, String)> {
    let b: Vec<&str> = before.split_inclusive('\n').collect();
    let a: Vec<&str> = after.split_inclusive('\n').collect();
    assert_eq!(a.len(), b.len(), "line count changed:\n{after}");
    b.iter()
        .zip(&a)
        .filter(|(x, y)| x != y)
        .map(|(x, y)| (x.to_string(), y.to_string()))
        .collect()
}

#[test]
fn verify_removes_a_document_from_the_queue_and_changes_only_its_reviewed_line() {
    let book = sample();
    let file = "content/sales/first-call.md";
    let before = book.read(file);
    let listed = |book: &Book| {
        items(&review_json(book, YEAR_AHEAD, "30d"))
            .iter()
            .any(|i| i["file"] == file && i["kind"] == "document")
    };
    assert!(listed(&book));
    let run = book.run(&["verify", file, "--today", YEAR_AHEAD]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("verified content/sales/first-call.md: reviewed 2027-11-24 (was 2026-11-03)"),
        "{}",
        run.stdout
    );
    let after = book.read(file);
    assert_eq!(
        changed_lines(&before, &after),
        vec![(
            "reviewed: 2026-11-03\n".to_string(),
            "reviewed: 2027-11-24\n".to_string()
        )]
    );
    assert!(!listed(&book));
    // The other pages of the owner are still due.
    assert!(
        items(&review_json(&book, YEAR_AHEAD, "30d"))
            .iter()
            .any(|i| i["file"] == "content/sales/demo-script.md")
    );
    // A page whose body shows a `reviewed:` line in a code block: only the
    // front-matter's changes.
    let guide = "content/handbook/writing-documents.md";
    let before = book.read(guide);
    let run = book.run(&["verify", guide, "--today", YEAR_AHEAD]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let changes = changed_lines(&before, &book.read(guide));
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(
        changes,
        vec![(
            "reviewed: 2026-11-10\n".to_string(),
            "reviewed: 2027-11-24\n".to_string()
        )]
    );
    // No temporary file is left behind.
    let left: Vec<_> = std::fs::read_dir(book.path().join("content/handbook"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("gtmbook"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn verify_keeps_quoting_styles_comments_and_crlf() {
    let book = sample();
    let cases: [(&str, &str, &str); 6] = [
        (
            "content/v/single.md",
            "---\ntitle: Single\nreviewed: '2026-01-05'   # quarterly\nowner: Ana\n---\nBody.\n",
            "---\ntitle: Single\nreviewed: '2027-11-24'   # quarterly\nowner: Ana\n---\nBody.\n",
        ),
        (
            "content/v/double.md",
            "---\ntitle: Double\nreviewed: \"2026-01-05\" # by Ana\nowner: Ana\n---\nBody.\n",
            "---\ntitle: Double\nreviewed: \"2027-11-24\" # by Ana\nowner: Ana\n---\nBody.\n",
        ),
        (
            "content/v/plain.md",
            "---\n# a comment line\ntitle: Plain\nreviewed: 2026-01-05 # plain\nowner: Ana\ntags: [a, b]\n---\nBody.\n",
            "---\n# a comment line\ntitle: Plain\nreviewed: 2027-11-24 # plain\nowner: Ana\ntags: [a, b]\n---\nBody.\n",
        ),
        (
            "content/v/crlf.md",
            "---\r\ntitle: CRLF\r\nreviewed: 2026-01-05\r\nowner: Ana\r\n---\r\nBody.\r\n",
            "---\r\ntitle: CRLF\r\nreviewed: 2027-11-24\r\nowner: Ana\r\n---\r\nBody.\r\n",
        ),
        (
            "content/v/absent.md",
            "---\r\ntitle: Absent\r\n---\r\nBody.\r\n",
            "---\r\ntitle: Absent\r\nreviewed: 2027-11-24\r\nowner: Bo Lind\r\n---\r\nBody.\r\n",
        ),
        (
            "content/v/owned.md",
            "---\ntitle: Owned\nowner: Ana # keeps hers\n---\nBody.\n",
            "---\ntitle: Owned\nowner: Ana # keeps hers\nreviewed: 2027-11-24\n---\nBody.\n",
        ),
    ];
    for (path, text, _) in &cases {
        book.write(path, text);
    }
    let mut args = vec!["verify", "--today", YEAR_AHEAD, "--by", "Bo Lind"];
    args.extend(cases.iter().map(|c| c.0));
    let run = book.run(&args);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    for (path, _, want) in &cases {
        assert_eq!(
            std::fs::read(book.path().join(path)).unwrap(),
            want.as_bytes(),
            "{path}"
        );
    }
    // Verified today: left as it is.
    let again = book.run(&["verify", "--today", YEAR_AHEAD, "content/v/plain.md"]);
    assert_eq!(again.code, 0);
    assert!(
        again
            .stdout
            .contains("already reviewed 2027-11-24; unchanged"),
        "{}",
        again.stdout
    );
}

#[cfg(unix)]
#[test]
fn verify_keeps_the_file_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let book = sample();
    let p = book.path().join("content/sales/demo-script.md");
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
    let run = book.run(&[
        "verify",
        "content/sales/demo-script.md",
        "--today",
        YEAR_AHEAD,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
        0o640
    );
}

#[test]
fn verify_refuses_broken_front_matter_files_outside_the_content_and_non_documents() {
    let book = sample();
    let broken = "---\ntitle: [Broken\nreviewed: 2026-01-05\n---\nBody.\n";
    book.write("content/v/broken.md", broken);
    book.write("content/v/notes.txt", "not a document\n");
    book.write("drafts/outside.md", "---\ntitle: Outside\n---\n");
    let good = "content/sales/demo-script.md";
    let run = book.run(&[
        "verify",
        "--today",
        YEAR_AHEAD,
        "content/v/broken.md",
        "book.toml",
        "drafts/outside.md",
        "content/v/notes.txt",
        "content/v/missing.md",
        good,
    ]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("refused content/v/broken.md: its front-matter does not parse (line "),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("refused book.toml: it is in the book but not in its content folder"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("refused drafts/outside.md: it is in the book but not in its content folder"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("refused content/v/notes.txt: it is not a document"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("refused content/v/missing.md: it does not exist"),
        "{}",
        run.stderr
    );
    assert_eq!(book.read("content/v/broken.md"), broken);
    // The good file is still done.
    assert!(book.read(good).contains("reviewed: 2027-11-24\n"));
    assert!(
        run.stdout.contains("verified content/sales/demo-script.md"),
        "{}",
        run.stdout
    );
    // A book that does not load: exit 2.
    let none = tempfile::tempdir().unwrap();
    let mut cmd = assert_cmd::Command::cargo_bin("gtmbook").unwrap();
    let out = cmd
        .args(["verify", "x.md", "--root"])
        .arg(none.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// Documents within their review period at `today`, from the files (the sample has no
/// error-level finding).
fn trusted_at<'a>(docs: impl IntoIterator<Item = &'a Doc>, today: Date) -> usize {
    docs.into_iter()
        .filter(|d| d.reviewed.is_some_and(|r| plus(r, d.every) >= today))
        .count()
}

#[test]
fn the_trust_score_is_in_the_check_summary_the_json_and_the_health_page() {
    let book = sample();
    let docs = read_docs(&book);
    // Some pages due, some not.
    let today = "2027-05-05";
    let t: Date = today.parse().unwrap();
    let trusted = trusted_at(&docs, t);
    assert!(trusted > 0 && trusted < docs.len(), "{trusted}");
    let percent = trusted * 100 / docs.len();
    let human = book.run(&["check", "--today", today]);
    assert_eq!(human.code, 0, "{}", human.stdout);
    let last = human.stdout.lines().last().unwrap();
    assert!(
        last.ends_with(&format!(
            "; trust {percent}% ({trusted} of {} documents)",
            docs.len()
        )),
        "{last}"
    );
    let json = book.run(&["check", "--today", today, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["trust"]["trusted"], trusted);
    assert_eq!(v["trust"]["documents"], docs.len());
    assert_eq!(v["trust"]["overdue"], docs.len() - trusted);
    assert!(v["summary"]["files"].is_u64() && v["diagnostics"].is_array());
    // The health page and api/health.json.
    let build = book.run(&["build", "--today", today]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let health = book.html("public/gtmbook/health/index.html");
    assert_eq!(
        attrs(&health, ".trust-score", "data-percent"),
        vec![percent.to_string()]
    );
    let owners = texts(&health, ".trust-owners tbody td:first-child");
    let mut want: Vec<String> = docs
        .iter()
        .map(|d| d.owner.clone().unwrap())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    want.sort_by_key(|o| o.to_lowercase());
    assert_eq!(owners, want);
    let folders = texts(&health, ".trust-folders tbody td:first-child");
    assert!(
        folders.contains(&"sales".to_string()) && folders.contains(&"(top level)".to_string()),
        "{folders:?}"
    );
    let api: serde_json::Value =
        serde_json::from_str(&book.read("public/api/health.json")).unwrap();
    assert_eq!(api["trust"]["trusted"], trusted);
    let dana = api["trust"]["by_owner"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["owner"] == "Dana Ruiz")
        .unwrap();
    let dana_docs: Vec<&Doc> = docs
        .iter()
        .filter(|d| d.owner.as_deref() == Some("Dana Ruiz"))
        .collect();
    assert_eq!(dana["total"], dana_docs.len());
    assert_eq!(dana["trusted"], trusted_at(dana_docs.iter().copied(), t));
}

#[test]
fn min_trust_fails_check_below_it_and_is_off_by_default() {
    let book = sample();
    let docs = read_docs(&book);
    let today = "2027-05-05";
    let trusted = trusted_at(&docs, today.parse().unwrap());
    let percent = trusted * 100 / docs.len();
    assert!(percent < 80);
    // Off by default: the same score passes.
    assert_eq!(book.run(&["check", "--today", today]).code, 0);
    book.append("book.toml", "min_trust = 0.8\n");
    let run = book.run(&["check", "--today", today]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let line = format!(
        "error: trust {percent}% is below min_trust 80% by {} points: {} documents overdue",
        80 - percent,
        docs.len() - trusted
    );
    assert!(run.stdout.contains(&line), "{}\n{line}", run.stdout);
    let json = book.run(&["check", "--today", today, "--format", "json"]);
    assert_eq!(json.code, 1);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["trust"]["min_trust"], 0.8);
    assert!(
        v["trust"]["below_min_trust"]
            .as_str()
            .unwrap()
            .starts_with("trust ")
    );
    // Above it: passes.
    assert_eq!(book.run(&["check", "--today", "2026-11-24"]).code, 0);
    // Out of range: a config/invalid finding, and the key is ignored.
    book.replace("book.toml", "min_trust = 0.8", "min_trust = 80");
    let (code, findings) = {
        let r = book.run(&["check", "--today", today, "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        (r.code, v["diagnostics"].as_array().unwrap().clone())
    };
    assert_eq!(code, 0);
    let bad = findings
        .iter()
        .find(|f| f["rule"] == "config/invalid")
        .unwrap();
    assert!(
        bad["message"].as_str().unwrap().contains("between 0 and 1"),
        "{bad}"
    );
    assert_eq!(bad["file"], "book.toml");
}

#[test]
fn the_cadence_page_lists_playbooks_by_cadence_with_their_review_items() {
    let book = sample();
    let run = book.run(&["build", "--today", YEAR_AHEAD]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = book.html("public/gtmbook/cadence/index.html");
    let rhythms = attrs(&page, "section.cadence", "data-cadence");
    assert_eq!(rhythms, vec!["weekly", "monthly", "quarterly", "launch"]);
    for (cadence, url) in [
        ("weekly", "/playbooks/weekly/"),
        ("monthly", "/playbooks/monthly/"),
        ("quarterly", "/playbooks/quarterly/"),
        ("launch", "/playbooks/launch/"),
    ] {
        let found = attrs(
            &page,
            &format!("section[data-cadence=\"{cadence}\"] article.cadence-playbook"),
            "data-playbook",
        );
        assert_eq!(found, vec![url], "{cadence}");
    }
    // Steps and their owners.
    let steps = texts(&page, "section[data-cadence=\"weekly\"] .step-meta");
    assert!(
        steps.iter().any(|s| s.contains("Product marketing")),
        "{steps:?}"
    );
    // A year ahead, every page is overdue: the weekly review lists them.
    let weekly = attrs(
        &page,
        "section[data-cadence=\"weekly\"] .cadence-reviews a",
        "href",
    );
    assert!(
        weekly.contains(&"/sales/first-call/".to_string()),
        "{weekly:?}"
    );
    assert_eq!(weekly.len(), read_docs(&book).len());
    // The quarterly positioning review: the positioning and messaging documents.
    let quarterly = attrs(
        &page,
        "section[data-cadence=\"quarterly\"] .cadence-documents a",
        "href",
    );
    assert_eq!(
        quarterly,
        vec!["/messaging/platform/", "/positioning/core/"]
    );
}

#[test]
fn the_markdown_digest_reads_as_a_weekly_email() {
    // A small book of its own, so that edits to the sample do not move the snapshot.
    let book = Book {
        dir: tempfile::tempdir().unwrap(),
    };
    book.write("book.toml", "[book]\ntitle = \"Acme *GTM* Handbook\"\n")
        .write(
            "content/messaging/core.md",
            "---\ntitle: Core messaging\ntype: messaging\nid: core\nowner: Zoe Park\nreviewed: 2027-06-01\nreview_every: 180\nmessages:\n  - id: pillar-speed\n    kind: pillar\n    text: Teams ship pages in a day.\n    proof: [speed]\nclaims:\n  - id: speed\n    text: Teams ship 3 pages a day.\n    source: https://example.com/speed\n    expires: 2028-01-10\n---\n",
        )
        .write(
            "content/sales/pitch.md",
            "---\ntitle: The [first] pitch\nowner: Al Brandt\nreviewed: 2027-05-01\n---\nWe say {{claim:speed}}\n",
        )
        .write("content/notes.md", "---\ntitle: Loose notes\n---\nNo owner, never reviewed.\n")
        .write(
            "content/fresh.md",
            "---\ntitle: Fresh page\nowner: Al Brandt\nreviewed: 2027-12-01\n---\n",
        );
    let run = book.run(&[
        "review",
        "--today",
        "2028-01-01",
        "--within",
        "30d",
        "--format",
        "markdown",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn serve_serves_the_cadence_page_and_the_health_api() {
    let book = sample();
    let server = crate::serve::Server::start(&book);
    let (status, page) = crate::serve::get(&format!("{}gtmbook/cadence/", server.url));
    assert_eq!(status, 200);
    assert!(page.contains("data-cadence=\"quarterly\""), "{page}");
    let (status, api) = crate::serve::get(&format!("{}api/health.json", server.url));
    assert_eq!(status, 200);
    let v: serde_json::Value = serde_json::from_str(&api).unwrap();
    assert!(v["trust"]["documents"].as_u64().unwrap() > 0, "{v}");
}
