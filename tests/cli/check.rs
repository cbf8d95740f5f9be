//! `gtmbook check` as a whole: exit codes, output formats, configuration, suppression.

use crate::support::*;

#[test]
fn clean_book_has_no_findings_and_exits_0() {
    let book = Book::basic();
    let (code, findings) = book.check();
    assert_eq!(code, 0);
    assert!(findings.is_empty(), "{findings:#?}");
    let human = book.run(&["check"]);
    assert_eq!(human.code, 0);
    assert!(
        human.stdout.contains("0 errors, 0 warnings"),
        "{}",
        human.stdout
    );
}

#[test]
fn no_book_toml_is_exit_2_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = assert_cmd::Command::cargo_bin("gtmbook")
        .unwrap()
        .args(["check", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no book.toml"), "{err}");
    assert_eq!(err.trim().lines().count(), 1);
}

#[test]
fn bad_arguments_are_exit_2() {
    let book = Book::basic();
    assert_eq!(book.run(&["check", "--today", "tomorrow"]).code, 2);
    assert_eq!(book.run(&["check", "--format", "xml"]).code, 2);
}

#[test]
fn broken_book_toml_is_exit_2_naming_the_place() {
    let book = Book::basic();
    book.write(
        "book.toml",
        "[book]\ntitle = \"x\"\n[lint]\ndrift_threshold = \"high\"\n",
    );
    let run = book.run(&["check"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("book.toml:4"), "{}", run.stderr);
}

#[test]
fn unknown_config_key_is_a_warning_naming_key_and_file() {
    let book = Book::basic();
    book.write(
        "book.toml",
        "[book]\ntitle = \"Basic\"\n\n[build]\nouptut = \"site\"\n",
    );
    let f = book.findings("config/unknown-key");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].file, "book.toml");
    assert_eq!(f[0].line, 5);
    assert!(f[0].message.contains("build.ouptut"));
    assert_eq!(f[0].help.as_deref(), Some("did you mean `output`?"));
}

#[test]
fn json_is_sorted_and_has_positions() {
    let book = Book::basic();
    book.append("content/personas/buyer.md", "\nSee {{msg:core.nope}}.\n");
    book.append("content/playbooks/launch.md", "\nSee [x](missing.md).\n");
    let run = book.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["summary"]["errors"], 2);
    assert_eq!(v["summary"]["files"], 8);
    let files: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        ["content/personas/buyer.md", "content/playbooks/launch.md"]
    );
    let d = &v["diagnostics"][0];
    assert_eq!(d["rule"], "ref/unknown");
    assert_eq!(d["column"], 5);
    assert_eq!(d["end_column"], 22);
}

#[test]
fn human_output_is_rustc_style() {
    let book = Book::basic();
    book.append(
        "content/personas/buyer.md",
        "\nSee {{msg:core.one-linr}}.\n",
    );
    let run = book.run(&["check"]);
    assert_eq!(run.code, 1);
    let out = &run.stdout;
    assert!(
        out.contains("error[ref/unknown]: unknown message `core.one-linr`"),
        "{out}"
    );
    assert!(out.contains("--> content/personas/buyer.md:"), "{out}");
    assert!(out.contains("^^^^"), "{out}");
    assert!(
        out.contains("help: did you mean `core.one-liner`?"),
        "{out}"
    );
    assert!(!out.contains('\u{1b}'), "no colour when not a terminal");
}

#[test]
fn deny_warnings_fails_on_warnings() {
    let book = Book::basic();
    book.replace("content/positioning.md", "owner: Product Marketing\n", "");
    let (code, findings) = book.check();
    assert_eq!(code, 0, "{findings:#?}");
    assert!(findings.iter().any(|f| f.rule == "meta/owner"));
    assert_eq!(book.run(&["check", "--deny", "warnings"]).code, 1);
}

#[test]
fn severities_come_from_book_toml() {
    let book = Book::basic();
    book.replace("content/positioning.md", "owner: Product Marketing\n", "");
    book.append("book.toml", "\n[lint.rules]\n\"meta/owner\" = \"error\"\n");
    let (code, f) = book.check();
    assert_eq!(code, 1);
    assert_eq!(f[0].severity, "error");
    book.replace(
        "book.toml",
        "\"meta/owner\" = \"error\"",
        "\"meta/owner\" = \"off\"",
    );
    let (code, f) = book.check();
    assert_eq!(code, 0);
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn front_matter_allow_and_ignore_comments_suppress() {
    let book = Book::basic();
    book.append("content/personas/buyer.md", "\n{{msg:core.nope}}\n");
    assert_eq!(book.findings("ref/unknown").len(), 1);
    book.replace(
        "content/personas/buyer.md",
        "\n{{msg:core.nope}}\n",
        "\n<!-- gtmbook-ignore ref/unknown -->\n{{msg:core.nope}}\n",
    );
    assert!(book.findings("ref/unknown").is_empty());
    // A comment naming another rule does not suppress it.
    book.replace(
        "content/personas/buyer.md",
        "gtmbook-ignore ref/unknown",
        "gtmbook-ignore term/avoid",
    );
    assert_eq!(book.findings("ref/unknown").len(), 1);
    book.replace(
        "content/personas/buyer.md",
        "type: persona\n",
        "type: persona\nlint:\n  allow: [ref/unknown]\n",
    );
    assert!(book.findings("ref/unknown").is_empty());
}

#[test]
fn explain_every_rule() {
    let list = assert_cmd::Command::cargo_bin("gtmbook")
        .unwrap()
        .arg("explain")
        .output()
        .unwrap();
    assert!(list.status.success());
    let text = String::from_utf8_lossy(&list.stdout);
    for rule in SPEC_RULES {
        assert!(text.contains(rule), "`explain` does not list {rule}");
        let one = assert_cmd::Command::cargo_bin("gtmbook")
            .unwrap()
            .args(["explain", rule])
            .output()
            .unwrap();
        assert!(one.status.success(), "explain {rule}");
        let body = String::from_utf8_lossy(&one.stdout);
        assert!(body.contains("Why it matters"), "{rule}: {body}");
        assert!(body.contains("Example"), "{rule}: {body}");
    }
    let bad = assert_cmd::Command::cargo_bin("gtmbook")
        .unwrap()
        .args(["explain", "message/drfit"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("did you mean `message/drift`?"));
}

/// Every rule of SPEC 6.1.
pub const SPEC_RULES: &[&str] = &[
    "frontmatter/syntax",
    "frontmatter/schema",
    "frontmatter/unknown-key",
    "id/duplicate",
    "ref/unknown",
    "ref/retired",
    "link/broken",
    "message/drift",
    "message/copy",
    "message/unused",
    "message/unproven",
    "message/no-response",
    "claim/mismatch",
    "claim/expired",
    "claim/unsourced",
    "claim/unbacked",
    "term/avoid",
    "term/case",
    "term/banned",
    "positioning/conflict",
    "meta/owner",
    "freshness/stale",
];

#[test]
fn init_writes_a_book_with_no_findings() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("hb");
    let out = assert_cmd::Command::cargo_bin("gtmbook")
        .unwrap()
        .arg("init")
        .arg(&target)
        .output()
        .unwrap();
    assert!(out.status.success());
    let check = assert_cmd::Command::cargo_bin("gtmbook")
        .unwrap()
        .args(["check", "--format", "json", "--root"])
        .arg(&target)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 0, "{v:#}");
    // init refuses to overwrite
    let again = assert_cmd::Command::cargo_bin("gtmbook")
        .unwrap()
        .arg("init")
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
}
