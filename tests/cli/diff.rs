//! `gtmbook diff`, `impact --changed-since` and the messaging changelog page, on git
//! repositories made in temporary folders with fixed commit dates.

use crate::support::*;
use serde_json::Value;

/// Run git in the book's folder, with a fixed author and date.
fn git(book: &Book, date: &str, args: &[&str]) {
    let out = std::process::Command::new("git")
        .args(["-c", "user.email=t@example.com", "-c", "user.name=Tester"])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(book.path())
        .env("GIT_AUTHOR_DATE", format!("{date}T10:00:00Z"))
        .env("GIT_COMMITTER_DATE", format!("{date}T10:00:00Z"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn commit(book: &Book, date: &str, subject: &str) {
    git(book, date, &["add", "-A"]);
    git(book, date, &["commit", "-qm", subject]);
}

/// The basic handbook in a new repository, committed once.
fn repo() -> Book {
    let book = Book::basic();
    git(&book, "2026-01-05", &["init", "-q"]);
    commit(&book, "2026-01-05", "Start the handbook");
    book
}

fn diff_json(book: &Book, revs: &[&str]) -> Value {
    let mut args = vec!["diff", "--format", "json"];
    args.extend_from_slice(revs);
    let run = book.run(&args);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

fn changes(v: &Value) -> Vec<String> {
    v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            format!(
                "{} {} {}",
                c["kind"].as_str().unwrap(),
                c["id"].as_str().unwrap(),
                c["change"].as_str().unwrap()
            )
        })
        .collect()
}

fn change<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no change of {id}: {v:#}"))
}

fn files(pages: &Value) -> Vec<String> {
    pages
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["file"].as_str().unwrap().to_string())
        .collect()
}

fn field<'a>(c: &'a Value, name: &str) -> &'a Value {
    c["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == name)
        .unwrap_or_else(|| panic!("no field {name}: {c:#}"))
}

const PILLAR_OLD: &str = "Everyone works from the same plan, updated when a job moves.";
const PILLAR_NEW: &str = "Everyone works from one shared plan, updated the moment a job moves.";

#[test]
fn a_pillar_text_change_names_the_message_and_exactly_the_pages_that_render_it() {
    let book = repo();
    book.replace("content/messaging/core.md", PILLAR_OLD, PILLAR_NEW);
    let v = diff_json(&book, &["HEAD"]);
    assert_eq!(changes(&v), ["message core.pillar-shared-plan changed"]);
    let c = change(&v, "core.pillar-shared-plan");
    assert_eq!(c["file"], "content/messaging/core.md");
    let text = field(c, "text");
    assert_eq!(text["old"], PILLAR_OLD);
    assert_eq!(text["new"], PILLAR_NEW);
    assert!(
        text["words"].as_str().unwrap().contains("same → shared"),
        "{text}"
    );
    // The page defining it, the page rendering it and the competitor citing it; not the
    // pages that only link to the message house, not the one-liner's pages.
    assert_eq!(
        files(&c["pages"]),
        [
            "content/competitors/spreadsheets.md",
            "content/messaging/core.md",
            "content/personas/buyer.md"
        ]
    );
    assert_eq!(c["broken_links"], serde_json::json!([]));
    assert_eq!(
        v["summary"]["text"],
        "1 message changed, reaching 3 pages in website and sales"
    );

    // impact --changed-since names the message and the same pages, and nothing else.
    let run = book.run(&["impact", "--changed-since", "HEAD", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    let targets = v["targets"].as_array().unwrap();
    assert_eq!(targets.len(), 1, "{v:#}");
    let item = &targets[0]["items"][0];
    assert_eq!(item["id"], "core.pillar-shared-plan");
    assert_eq!(item["change"], "changed");
    assert_eq!(
        files(&item["used_by"]),
        [
            "content/competitors/spreadsheets.md",
            "content/messaging/core.md",
            "content/personas/buyer.md"
        ]
    );
    assert_eq!(targets[0]["linked_from"], serde_json::json!([]));
    assert_eq!(v["pages"], 3);

    // The pull-request comment.
    let md = book.run(&["diff", "HEAD", "--format", "markdown"]);
    assert_eq!(md.code, 0, "{}", md.stderr);
    insta::assert_snapshot!("diff_markdown_pillar", md.stdout);
}

#[test]
fn a_retired_message_a_claim_number_and_an_avoided_word_between_two_commits() {
    let book = repo();
    book.replace(
        "content/messaging/core.md",
        "the plan works for the whole team.\n",
        "the plan works for the whole team.\n    status: retired\n",
    );
    book.replace(
        "content/reference/claims.md",
        "make 30% fewer",
        "make 35% fewer",
    );
    book.replace(
        "content/reference/glossary.md",
        "avoid: [rota]",
        "avoid: [rota, roster]",
    );
    commit(
        &book,
        "2026-02-01",
        "Retire an objection, new study, one more avoided word",
    );
    let v = diff_json(&book, &["HEAD~1", "HEAD"]);
    assert_eq!(v["to"], "HEAD");
    assert_eq!(
        changes(&v),
        [
            "message core.objection-spreadsheet retired",
            "claim fewer-calls changed",
            "term weekly plan changed",
        ]
    );
    let retired = change(&v, "core.objection-spreadsheet");
    assert_eq!(
        files(&retired["pages"]),
        ["content/messaging/core.md", "content/personas/buyer.md"]
    );
    let claim = change(&v, "fewer-calls");
    let numbers = field(claim, "numbers");
    assert_eq!(
        (&numbers["old"], &numbers["new"]),
        (&"30%".into(), &"35%".into())
    );
    assert_eq!(field(claim, "text")["words"], "30% → 35%");
    // The register rendering it and the message house citing it as proof.
    assert_eq!(
        files(&claim["pages"]),
        ["content/messaging/core.md", "content/reference/claims.md"]
    );
    let term = change(&v, "weekly plan");
    let avoid = field(term, "avoid");
    assert_eq!(
        (&avoid["old"], &avoid["new"]),
        (&"rota".into(), &"rota, roster".into())
    );
    assert_eq!(files(&term["pages"]), ["content/reference/glossary.md"]);
    // Nothing else changed in the pages: no document is listed.
    assert_eq!(v["changes"].as_array().unwrap().len(), 3);
}

#[test]
fn a_message_moved_to_another_file_and_a_renamed_messaging_document() {
    let book = repo();
    book.replace(
        "content/messaging/core.md",
        "  - id: objection-spreadsheet\n    kind: objection\n    text: Our spreadsheet already works.\n    response: It works for the person who keeps it; the plan works for the whole team.\n",
        "",
    );
    book.write(
        "content/messaging/objections.md",
        "---\ntitle: Objections\ntype: messaging\nid: objections\nowner: Sales Enablement\nmessages:\n  - id: objection-spreadsheet\n    kind: objection\n    text: Our spreadsheet already works.\n    response: It works for the person who keeps it; the plan works for the whole team.\n---\n\nWhat buyers say, and what we answer.\n",
    );
    book.replace(
        "content/personas/buyer.md",
        "{{msg:core.objection-spreadsheet}}",
        "{{msg:objections.objection-spreadsheet}}",
    );
    let v = diff_json(&book, &["HEAD"]);
    assert_eq!(
        changes(&v),
        [
            "message objections.objection-spreadsheet moved",
            "document content/messaging/objections.md added",
            "document content/personas/buyer.md changed",
        ]
    );
    let moved = change(&v, "objections.objection-spreadsheet");
    assert_eq!(moved["old_id"], "core.objection-spreadsheet");
    assert_eq!(moved["old_file"], "content/messaging/core.md");
    assert_eq!(moved["file"], "content/messaging/objections.md");
    assert_eq!(moved["fields"], serde_json::json!([]));
    assert_eq!(
        files(&moved["pages"]),
        [
            "content/messaging/core.md",
            "content/messaging/objections.md",
            "content/personas/buyer.md"
        ]
    );
    commit(&book, "2026-02-01", "Objections in a file of their own");

    // The message house moves to another path, words unchanged: one document renamed,
    // no message reported, and the pages linking to the old path are at risk.
    git(
        &book,
        "2026-02-02",
        &[
            "mv",
            "content/messaging/core.md",
            "content/messaging/house.md",
        ],
    );
    let v = diff_json(&book, &["HEAD"]);
    assert_eq!(changes(&v), ["document content/messaging/house.md renamed"]);
    let renamed = change(&v, "content/messaging/house.md");
    assert_eq!(renamed["old_file"], "content/messaging/core.md");
    assert_eq!(
        files(&renamed["broken_links"]),
        ["content/_index.md", "content/playbooks/launch.md"]
    );
}

#[test]
fn a_book_in_a_subfolder_and_the_errors_that_stop_the_command() {
    // The book in `handbook/` of its repository, as in a company's docs repository.
    let repo = tempfile::tempdir().unwrap();
    let book = Book::basic();
    let root = repo.path().join("handbook");
    std::fs::rename(book.path(), &root).unwrap();
    let sub = Book { dir: repo };
    git(&sub, "2026-01-05", &["init", "-q"]);
    commit(&sub, "2026-01-05", "Start");
    let core = root.join("content/messaging/core.md");
    let text = std::fs::read_to_string(&core).unwrap();
    std::fs::write(&core, text.replace(PILLAR_OLD, PILLAR_NEW)).unwrap();
    // Temporary folders go to a folder of the test's own, to see that none is left.
    let tmp = tempfile::tempdir().unwrap();
    let diff = |args: &[&str]| {
        let mut all = vec!["diff", "--root"];
        let r = root.to_str().unwrap();
        all.push(r);
        all.extend_from_slice(args);
        let out = assert_cmd::Command::cargo_bin("gtmbook")
            .unwrap()
            .args(&all)
            .env("GTMBOOK_TODAY", TODAY)
            .env("TMPDIR", tmp.path())
            .output()
            .unwrap();
        Run::from(out)
    };
    let _ = &book;
    let ok = diff(&["--format", "json", "HEAD"]);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    let v: Value = serde_json::from_str(&ok.stdout).unwrap();
    assert_eq!(changes(&v), ["message core.pillar-shared-plan changed"]);

    let bad = diff(&["no-such-branch"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("`no-such-branch` is not a commit"),
        "{}",
        bad.stderr
    );
    let dash = diff(&["--", "--upload-pack=x"]);
    assert_eq!(dash.code, 2);
    assert!(
        dash.stderr.contains("does not start with `-`"),
        "{}",
        dash.stderr
    );

    // Outside a repository: a clear error, exit 2.
    let plain = Book::basic();
    let run = plain.run(&["diff", "HEAD"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("not a git repository"),
        "{}",
        run.stderr
    );
    // No temporary folder of gtmbook's is left behind.
    let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn the_changelog_page_lists_each_message_change_with_its_commit_date() {
    let book = repo();
    book.replace(
        "content/messaging/core.md",
        "one plan for the week.",
        "one plan everyone trusts for the week.",
    );
    commit(&book, "2026-02-10", "Sharper one-liner");
    book.append(
        "content/playbooks/launch.md",
        "\nBook the launch room early.\n",
    );
    commit(&book, "2026-03-01", "Launch tip");
    book.replace(
        "content/messaging/core.md",
        "  - id: objection-spreadsheet\n",
        "  - id: promise-calm\n    kind: promise\n    text: A calm Monday for every operations team.\n  - id: objection-spreadsheet\n",
    );
    commit(&book, "2026-04-15", "A promise");
    let run = book.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = book.html("public/gtmbook/changelog/index.html");
    let dates = attrs(&html, ".changelog-commit h2 time", "datetime");
    // Newest first; the commit that changed no approved words is not listed.
    assert_eq!(dates, ["2026-04-15", "2026-02-10", "2026-01-05"]);
    let sel = scraper::Selector::parse(".changelog-commit").unwrap();
    let commits: Vec<_> = html.select(&sel).collect();
    let items = |i: usize| {
        let li = scraper::Selector::parse("li.changelog-item").unwrap();
        commits[i]
            .select(&li)
            .map(|e| {
                format!(
                    "{} {}",
                    e.value().attr("data-id").unwrap(),
                    e.value().attr("data-change").unwrap()
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(items(0), ["core.promise-calm added"]);
    assert_eq!(items(1), ["core.one-liner changed"]);
    let one = scraper::Html::parse_fragment(&commits[1].html());
    assert_eq!(
        texts(&one, "del.old"),
        ["Example Product gives small operations teams one plan for the week."]
    );
    assert_eq!(
        texts(&one, "ins.new"),
        ["Example Product gives small operations teams one plan everyone trusts for the week."]
    );
    assert!(texts(&one, "h2")[0].contains("Sharper one-liner"));
    // The first commit added every message, claim and term.
    assert!(items(2).contains(&"core.one-liner added".to_string()));
    // Every page links to it, beside the message map.
    let home = book.html("public/index.html");
    let foot = attrs(&home, "footer a", "href");
    let map = foot
        .iter()
        .position(|h| h == "/gtmbook/message-map/")
        .unwrap();
    assert_eq!(foot[map + 1], "/gtmbook/changelog/");

    // The cadence page's quarterly review lists the message changes of the last
    // quarter under their message house (90 days before 2026-05-01: the last two).
    let run = book.run(&["build", "--today", "2026-05-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let cadence = book.html("public/gtmbook/cadence/index.html");
    let changes = texts(&cadence, ".cadence-documents li li");
    assert_eq!(changes.len(), 2, "{changes:?}");
    assert!(
        changes[0].starts_with("2026-04-15: message core.promise-calm added"),
        "{changes:?}"
    );
    assert!(
        changes[1].starts_with("2026-02-10: message core.one-liner changed"),
        "{changes:?}"
    );
    assert!(
        texts(&cadence, "p.empty")
            .iter()
            .all(|p| !p.contains("messaging changelog"))
    );

    // `changelog = 0` turns it off.
    book.append("book.toml", "");
    book.replace("book.toml", "[build]\n", "[build]\nchangelog = 0\n");
    assert_eq!(book.build().code, 0);
    assert!(!book.exists("public/gtmbook/changelog/index.html"));
}

#[test]
fn outside_a_git_repository_the_build_has_no_changelog_and_no_finding() {
    let book = Book::basic();
    let run = book.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("changelog"), "{}", run.stderr);
    assert!(!run.stderr.contains("git"), "{}", run.stderr);
    assert!(!book.exists("public/gtmbook/changelog/index.html"));
    let home = book.html("public/index.html");
    assert!(
        !attrs(&home, "footer a", "href")
            .iter()
            .any(|h| h.contains("changelog"))
    );
}

#[test]
fn the_markdown_comment_escapes_user_text_and_ends_with_the_findings_of_changed_files() {
    let book = repo();
    book.replace(
        "content/messaging/core.md",
        "one plan for the week.",
        "one plan | *every* week for @ops <b>now</b>.",
    );
    book.append("content/_index.md", "\nSee [the old plan](gone.md).\n");
    let run = book.run(&["diff", "HEAD", "--format", "markdown"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = run.stdout;
    assert!(
        md.contains("one plan \\| \\*every\\* week for &#64;ops &lt;b&gt;now&lt;/b&gt;."),
        "{md}"
    );
    assert!(!md.contains("@ops") && !md.contains("<b>"), "{md}");
    // The findings of `check --changed-since HEAD`: the broken link in the changed page.
    let findings = md
        .split("**Findings in the changed files**")
        .nth(1)
        .unwrap();
    assert!(
        findings.contains("`link/broken` `content/_index.md`:"),
        "{md}"
    );
    // Every table row has the five cells of the header, whatever the text held.
    for row in md.lines().filter(|l| l.starts_with("| message")) {
        let cells = row.replace("\\|", "").matches('|').count();
        assert_eq!(cells, 6, "{row}");
    }
}
