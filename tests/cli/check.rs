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

#[test]
fn the_sample_handbook_explains_every_rule() {
    let list = assert_cmd::Command::cargo_bin("gtmbook")
        .unwrap()
        .arg("explain")
        .output()
        .unwrap();
    let page = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("content/handbook/writing-documents.md"),
    )
    .unwrap();
    let rules: Vec<String> = String::from_utf8_lossy(&list.stdout)
        .lines()
        .filter_map(|l| l.strip_prefix("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|r| r.contains('/'))
        .map(str::to_string)
        .collect();
    assert!(rules.len() >= SPEC_RULES.len(), "{rules:?}");
    for rule in rules {
        assert!(
            page.contains(&format!("\n### {rule}\n")),
            "content/handbook/writing-documents.md has no section for {rule}"
        );
    }
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
fn github_format_leaves_out_columns_of_a_finding_over_several_lines() {
    let book = Book::basic();
    book.append(
        "content/personas/buyer.md",
        "\nExample Product gives small operations\nteams a single plan for the week.\n",
    );
    let run = book.run(&["check", "--format", "github"]);
    let drift = run
        .stdout
        .lines()
        .find(|l| l.contains("title=message/drift"))
        .unwrap_or_else(|| panic!("{}", run.stdout));
    assert!(drift.contains("line=22,endLine=23,title="), "{drift}");
    assert!(!drift.contains("col="), "{drift}");
}

#[test]
fn init_title_with_yaml_and_toml_specials_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("hb");
    let title = r#"Acme: GTM #1 "live" \ 'q'"#;
    let out = assert_cmd::Command::cargo_bin("gtmbook")
        .unwrap()
        .args(["init", "--title", title])
        .arg(&target)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let check = assert_cmd::Command::cargo_bin("gtmbook")
        .unwrap()
        .args(["check", "--format", "json", "--root"])
        .arg(&target)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 0, "{v:#}");
    let build = assert_cmd::Command::cargo_bin("gtmbook")
        .unwrap()
        .args(["build", "--root"])
        .arg(&target)
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let home = std::fs::read_to_string(target.join("public/index.html")).unwrap();
    let doc = scraper::Html::parse_document(&home);
    let sel = scraper::Selector::parse("title").unwrap();
    let shown: String = doc.select(&sel).next().unwrap().text().collect();
    assert!(shown.contains(title), "{shown}");
}

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

/// The basic book with one broken link and one drifted message sentence.
fn book_with_two_findings() -> Book {
    let book = Book::basic();
    book.append(
        "content/personas/buyer.md",
        "\nRead [the plan](nowhere.md), then decide.\n\nExample Product gives small operations teams a single plan for the week.\n",
    );
    book
}

#[test]
fn sarif_has_every_rule_and_each_finding_where_json_puts_it() {
    let book = book_with_two_findings();
    let (_, json) = book.check();
    let run = book.run(&["check", "--format", "sarif"]);
    assert_eq!(run.code, 1, "an error still fails: {}", run.stderr);
    let log: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run0 = &log["runs"][0];
    assert_eq!(run0["tool"]["driver"]["name"], "gtmbook");
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    let drift = rules.iter().find(|r| r["id"] == "message/drift").unwrap();
    assert!(!drift["help"]["text"].as_str().unwrap().is_empty());
    assert_eq!(drift["defaultConfiguration"]["level"], "warning");
    let results = run0["results"].as_array().unwrap();
    assert_eq!(results.len(), json.len());
    for (r, f) in results.iter().zip(&json) {
        assert_eq!(r["ruleId"], f.rule.as_str());
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(
            rules[index]["id"],
            f.rule.as_str(),
            "ruleIndex points at its rule"
        );
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], f.file.as_str());
        assert_eq!(loc["region"]["startLine"], f.line);
        assert_eq!(loc["region"]["startColumn"], f.column);
    }
    let drifted = results
        .iter()
        .find(|r| r["ruleId"] == "message/drift")
        .unwrap();
    assert_eq!(drifted["level"], "warning");
    assert_eq!(
        drifted["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "content/messaging/core.md"
    );
    let broken = results
        .iter()
        .find(|r| r["ruleId"] == "link/broken")
        .unwrap();
    assert_eq!(broken["level"], "error");
}

#[test]
fn github_format_is_one_escaped_workflow_command_per_finding() {
    let book = book_with_two_findings();
    let run = book.run(&["check", "--format", "github"]);
    assert_eq!(run.code, 1);
    let commands: Vec<&str> = run.stdout.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(commands.len(), 2, "{}", run.stdout);
    let link = commands
        .iter()
        .find(|l| l.contains("title=link/broken"))
        .unwrap();
    assert!(
        link.starts_with("::error file=content/personas/buyer.md,line=22,endLine=22,col=6,"),
        "{link}"
    );
    let drift = commands
        .iter()
        .find(|l| l.contains("title=message/drift"))
        .unwrap();
    assert!(drift.starts_with("::warning file="), "{drift}");
    // Line breaks inside a message are escaped: one finding stays one line.
    assert!(
        drift.contains("%0Ahelp: use {{msg:core.one-liner}}"),
        "{drift}"
    );
    assert!(run.stdout.contains("1 error, 1 warning"), "{}", run.stdout);
    // A clean book prints no command.
    let clean = Book::basic().run(&["check", "--format", "github"]);
    assert_eq!(clean.code, 0);
    assert!(!clean.stdout.contains("::"), "{}", clean.stdout);
}

#[test]
fn changed_since_reports_findings_in_or_related_to_changed_files() {
    // A repository with the book in a subfolder, as in a company's docs repository.
    let repo = tempfile::tempdir().unwrap();
    let book = Book::basic();
    let root = repo.path().join("handbook");
    std::fs::rename(book.path(), &root).unwrap();
    std::fs::write(
        root.join("content/playbooks/launch.md"),
        std::fs::read_to_string(root.join("content/playbooks/launch.md")).unwrap()
            + "\nRead [the plan](nowhere.md).\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/personas/buyer.md"),
        std::fs::read_to_string(root.join("content/personas/buyer.md")).unwrap()
            + "\nExample Product gives small operations teams a single plan for the week.\n",
    )
    .unwrap();
    git(repo.path(), &["init", "-q"]);
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-qm", "start"]);
    // gtmbook run from the repository's root, as CI runs it.
    let in_repo = |args: &[&str]| {
        assert_cmd::Command::cargo_bin("gtmbook")
            .unwrap()
            .args(args)
            .current_dir(repo.path())
            .env("GTMBOOK_TODAY", TODAY)
            .output()
            .unwrap()
    };
    let check = |args: &[&str]| {
        let mut all = vec!["check", "--root", "handbook", "--format", "json"];
        all.extend_from_slice(args);
        let out = in_repo(&all);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
        let files: Vec<String> = v["diagnostics"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|d| {
                        format!(
                            "{} {}",
                            d["rule"].as_str().unwrap(),
                            d["file"].as_str().unwrap()
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        (out.status.code(), files)
    };
    // Nothing changed: nothing reported, and the old findings do not fail the check.
    let (code, found) = check(&["--changed-since", "HEAD"]);
    assert_eq!((code, found.len()), (Some(0), 0), "{found:?}");
    // Without the option, both old findings are there.
    assert_eq!(check(&[]).1.len(), 2);

    // The canonical message changes: the drift in the untouched page is related to it.
    let core = root.join("content/messaging/core.md");
    std::fs::write(
        &core,
        std::fs::read_to_string(&core).unwrap() + "\nOne more line.\n",
    )
    .unwrap();
    // A new, uncommitted page with a broken link counts as changed.
    std::fs::write(root.join("content/new.md"), "# New\n\nSee [x](gone.md).\n").unwrap();
    let (code, found) = check(&["--changed-since", "HEAD"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        found,
        [
            "link/broken content/new.md",
            "message/drift content/personas/buyer.md"
        ]
    );

    // Paths in annotations are from the repository root, where CI runs.
    let out = in_repo(&[
        "check",
        "--root",
        "handbook",
        "--format",
        "github",
        "--changed-since",
        "HEAD",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("file=handbook/content/new.md,"), "{text}");

    // `impact` takes the same changed files: the edited message house is among them.
    let out = in_repo(&[
        "impact",
        "--root",
        "handbook",
        "--format",
        "json",
        "--changed-since",
        "HEAD",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let targets: Vec<&str> = v["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["file"].as_str().unwrap())
        .collect();
    assert_eq!(targets, ["content/messaging/core.md", "content/new.md"]);

    // A revision git does not know is a usage error.
    let (code, _) = check(&["--changed-since", "no-such-revision"]);
    assert_eq!(code, Some(2));
}
