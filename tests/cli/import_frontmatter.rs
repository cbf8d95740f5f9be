//! Front-matter written for other generators (Jekyll, Hugo, Eleventy, Docusaurus): read
//! for what it means to gtmbook, not flagged; a project's own keys and vocabulary get
//! one clear finding each, or none when the book says so.

use crate::support::*;

fn page(book: &Book, rel: &str, front: &str, body: &str) {
    book.write(rel, &format!("---\n{front}---\n\n{body}\n"));
}

fn of<'a>(findings: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
    findings.iter().filter(|f| f.rule == rule).collect()
}

fn in_file<'a>(findings: &'a [Finding], file: &str) -> Vec<&'a Finding> {
    findings.iter().filter(|f| f.file == file).collect()
}

/// Set `[lint]` keys in the basic book's `book.toml`.
fn lint_keys(book: &Book, keys: &str) {
    book.replace("book.toml", "[lint]\n", &format!("[lint]\n{keys}\n"));
}

fn lower_rule(book: &Book, rule: &str, severity: &str) {
    book.append(
        "book.toml",
        &format!("\n[lint.rules]\n\"{rule}\" = \"{severity}\"\n"),
    );
}

const JEKYLL: &str = "title: Travel and expenses\nredirect_from:\n  - /travel/\nquestions:\n  - Who approves a trip?\nkeywords: travel, expenses, per diem\ncSpell: ignore\nlayout: page\n";

// ---- Jekyll / Eleventy front-matter (18F style)

#[test]
fn jekyll_front_matter_with_extra_keys_is_quiet() {
    let book = Book::basic();
    page(&book, "content/travel.md", JEKYLL, "Book trips early.");
    lint_keys(&book, "extra_keys = [\"questions\", \"cSpell\"]");
    let (_, f) = book.check();
    let here = in_file(&f, "content/travel.md");
    // `redirect_from` is an address key, read by another part of gtmbook; nothing else
    // on this page is reported.
    assert!(
        here.iter()
            .all(|f| f.rule == "frontmatter/unknown-key" && f.message.contains("`redirect_from`")),
        "{here:#?}"
    );
    assert!(book.build().code == 0);
    let html = book.html("public/travel/index.html");
    assert_eq!(texts(&html, "h1"), ["Travel and expenses"]);
}

#[test]
fn a_projects_own_keys_are_reported_without_extra_keys() {
    let book = Book::basic();
    page(&book, "content/travel.md", JEKYLL, "Book trips early.");
    let f = book.findings("frontmatter/unknown-key");
    let mut keys: Vec<_> = f
        .iter()
        .filter(|f| f.file == "content/travel.md" && !f.message.contains("`redirect_from`"))
        .map(|f| {
            (
                f.line,
                f.message.clone(),
                f.help.clone().unwrap_or_default(),
            )
        })
        .collect();
    keys.sort();
    assert_eq!(keys.len(), 2, "{keys:#?}");
    // `keywords` and `layout` are other generators' template keys: known, silent.
    assert_eq!(keys[0].0, 5);
    assert!(keys[0].1.contains("`questions`"), "{keys:#?}");
    assert!(keys[0].2.contains("[lint] extra_keys"), "{keys:#?}");
    assert_eq!(keys[1].0, 8);
    assert!(keys[1].1.contains("`cSpell`"), "{keys:#?}");
}

#[test]
fn author_and_summary_name_gtmbooks_keys() {
    let book = Book::basic();
    page(
        &book,
        "content/a.md",
        "title: A\nauthor: Dana Ruiz\nsummary: Short.\n",
        "Text.",
    );
    let f = book.findings("frontmatter/unknown-key");
    let helps: Vec<_> = f
        .iter()
        .map(|f| f.help.clone().unwrap_or_default())
        .collect();
    assert_eq!(helps.len(), 2, "{f:#?}");
    assert!(helps[0].contains("`owner`"), "{helps:?}");
    assert!(helps[1].contains("`description`"), "{helps:?}");
}

// ---- did-you-mean hints

#[test]
fn unrelated_keys_get_no_misleading_hint() {
    let book = Book::basic();
    page(
        &book,
        "content/a.md",
        "title: A\nclass: pquote\nlang: en\nrelated: [b]\n",
        "Text.",
    );
    let f = book.findings("frontmatter/unknown-key");
    let class = f.iter().find(|f| f.message.contains("`class`")).unwrap();
    assert!(
        !class
            .help
            .clone()
            .unwrap_or_default()
            .contains("did you mean"),
        "{class:#?}"
    );
    assert!(
        f.iter()
            .all(|f| !f.help.clone().unwrap_or_default().contains("did you mean")),
        "{f:#?}"
    );
}

#[test]
fn typos_still_get_the_hint() {
    let book = Book::basic();
    page(
        &book,
        "content/a.md",
        "titel: A\nreveiwed: 2026-11-01\n",
        "# A\n\nText.",
    );
    let f = book.findings("frontmatter/unknown-key");
    let helps: Vec<_> = f
        .iter()
        .map(|f| f.help.clone().unwrap_or_default())
        .collect();
    assert_eq!(
        helps,
        ["did you mean `title`?", "did you mean `reviewed`?"],
        "{f:#?}"
    );
}

// ---- drafts

#[test]
fn draft_true_is_not_published_unless_drafts_are_built() {
    let book = Book::basic();
    page(
        &book,
        "content/plan.md",
        "title: Plan\ndraft: true\n",
        "Soon.",
    );
    page(
        &book,
        "content/old.md",
        "title: Old\npublished: false\n",
        "Gone.",
    );
    page(
        &book,
        "content/live.md",
        "title: Live\ndraft: false\n",
        "Here.",
    );
    let (code, f) = book.check();
    assert_eq!(code, 0, "{f:#?}");
    assert!(f.is_empty(), "{f:#?}");
    assert_eq!(book.build().code, 0);
    assert!(!book.exists("public/plan/index.html"));
    assert!(!book.exists("public/old/index.html"));
    assert!(book.exists("public/live/index.html"));
    assert_eq!(book.run(&["build", "--drafts"]).code, 0);
    assert!(book.exists("public/plan/index.html"));
    assert!(book.exists("public/old/index.html"));
    let html = book.html("public/plan/index.html");
    assert_eq!(texts(&html, ".banner-draft").len(), 1);
}

#[test]
fn draft_true_with_status_approved_is_one_warning_and_a_draft() {
    let book = Book::basic();
    page(
        &book,
        "content/plan.md",
        "title: Plan\nstatus: approved\ndraft: true\n",
        "Soon.",
    );
    let (code, f) = book.check();
    let here = in_file(&f, "content/plan.md");
    assert_eq!(here.len(), 1, "{here:#?}");
    assert_eq!(here[0].rule, "frontmatter/schema");
    assert_eq!(here[0].severity, "warning");
    assert_eq!(here[0].line, 4);
    assert!(here[0].message.contains("treated as a draft"), "{here:#?}");
    assert_eq!(code, 0);
    assert_eq!(book.build().code, 0);
    assert!(!book.exists("public/plan/index.html"));
}

// ---- status and type outside gtmbook's vocabulary

#[test]
fn status_completed_is_one_finding_listing_the_values() {
    let book = Book::basic();
    page(
        &book,
        "content/done.md",
        "title: Done\nstatus: Completed\n",
        "Finished.",
    );
    let (code, f) = book.check();
    let here = in_file(&f, "content/done.md");
    assert_eq!(here.len(), 1, "{here:#?}");
    assert_eq!(here[0].rule, "frontmatter/schema");
    assert_eq!((here[0].line, here[0].column), (3, 9));
    for word in ["draft", "approved", "retired", "`Completed`"] {
        assert!(here[0].message.contains(word), "{here:#?}");
    }
    assert_eq!(code, 1);
    assert_ne!(book.build().code, 0);

    // Lowered by the book, the page is built as approved.
    lower_rule(&book, "frontmatter/schema", "warning");
    let (code, f) = book.check();
    assert_eq!(code, 0, "{f:#?}");
    assert_eq!(in_file(&f, "content/done.md").len(), 1);
    assert_eq!(book.build().code, 0);
    let html = book.html("public/done/index.html");
    assert_eq!(texts(&html, "h1"), ["Done"]);
    assert!(texts(&html, ".banner").is_empty());
}

#[test]
fn status_in_another_case_is_accepted() {
    let book = Book::basic();
    page(&book, "content/a.md", "title: A\nstatus: Draft\n", "x");
    page(&book, "content/b.md", "title: B\nstatus: APPROVED\n", "x");
    let (code, f) = book.check();
    assert_eq!(code, 0, "{f:#?}");
    assert!(f.is_empty(), "{f:#?}");
    assert_eq!(book.build().code, 0);
    assert!(!book.exists("public/a/index.html"));
    assert!(book.exists("public/b/index.html"));
}

#[test]
fn an_unknown_type_is_one_finding_and_a_plain_page() {
    let book = Book::basic();
    page(
        &book,
        "content/memo.md",
        "title: Memo\ntype: memo\nmessages:\n  - x\nsteps: [a]\n",
        "Text.",
    );
    let (_, f) = book.check();
    let here = in_file(&f, "content/memo.md");
    assert_eq!(here.len(), 1, "{here:#?}");
    assert_eq!(here[0].rule, "frontmatter/schema");
    assert_eq!(here[0].line, 3);
    assert!(here[0].message.contains("plain page"), "{here:#?}");
    assert!(here[0].message.contains("messaging"), "{here:#?}");
    lower_rule(&book, "frontmatter/schema", "warning");
    assert_eq!(book.build().code, 0);
    assert!(book.exists("public/memo/index.html"));
}

#[test]
fn a_type_in_another_case_is_that_type() {
    let book = Book::basic();
    page(
        &book,
        "content/p.md",
        "title: P\ntype: Persona\nid: champion\nowner: Dana\nrole: Champion\n",
        "x",
    );
    let (code, f) = book.check();
    assert_eq!(code, 0, "{f:#?}");
    assert!(in_file(&f, "content/p.md").is_empty(), "{f:#?}");
}

// ---- dates

#[test]
fn reviewed_from_feeds_reviewed_only_when_asked() {
    let book = Book::basic();
    page(
        &book,
        "content/old.md",
        "title: Old\ndate: 2026-11-01\nlastmod: 2020-01-02 10:00:00 -0700\n",
        "x",
    );
    // Not asked: the dates are read and say nothing.
    let (code, f) = book.check();
    assert_eq!(code, 0, "{f:#?}");
    assert!(f.is_empty(), "{f:#?}");

    lint_keys(&book, "reviewed_from = [\"lastmod\", \"date\"]");
    let stale = book.findings("freshness/stale");
    assert_eq!(stale.len(), 1, "{stale:#?}");
    assert_eq!(
        (stale[0].file.as_str(), stale[0].line),
        ("content/old.md", 4)
    );
    assert!(
        stale[0].message.contains("reviewed 2020-01-02"),
        "{stale:#?}"
    );

    // The order is the preference: `date` first is recent.
    book.replace(
        "book.toml",
        "[\"lastmod\", \"date\"]",
        "[\"date\", \"lastmod\"]",
    );
    assert!(book.findings("freshness/stale").is_empty());

    // An explicit `reviewed:` always wins.
    book.replace("book.toml", "[\"date\", \"lastmod\"]", "[\"lastmod\"]");
    book.replace(
        "content/old.md",
        "title: Old\n",
        "title: Old\nreviewed: 2026-11-20\n",
    );
    assert!(book.findings("freshness/stale").is_empty());
}

#[test]
fn generator_dates_take_a_time_and_zone_but_not_nonsense() {
    let book = Book::basic();
    page(
        &book,
        "content/a.md",
        "title: A\ndate: 2024-06-25T10:00:00Z\nlastmod: 2024-06-25 10:00:00 -0700\nlast_modified_at: 2024-06-25T10:00:00.5+02:00\n",
        "x",
    );
    page(
        &book,
        "content/b.md",
        "title: B\ndate: June 25th\nlastmod: 2024-06-25T25:00\n",
        "x",
    );
    let (_, f) = book.check();
    assert!(in_file(&f, "content/a.md").is_empty(), "{f:#?}");
    let bad = in_file(&f, "content/b.md");
    let lines: Vec<_> = bad.iter().map(|f| (f.rule.as_str(), f.line)).collect();
    assert_eq!(
        lines,
        [("frontmatter/schema", 3), ("frontmatter/schema", 4)],
        "{bad:#?}"
    );
}

#[test]
fn reviewed_from_names_date_keys_only() {
    let book = Book::basic();
    lint_keys(&book, "reviewed_from = [\"modified\"]");
    let run = book.run(&["check"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("reviewed_from"), "{}", run.stderr);
    assert!(run.stderr.contains("lastmod"), "{}", run.stderr);
}

// ---- navigation order

#[test]
fn order_keys_of_other_generators_set_the_navigation_order() {
    let book = Book::basic();
    page(
        &book,
        "content/imp/a.md",
        "title: Ay\nsidebar_position: 4\n",
        "x",
    );
    page(&book, "content/imp/b.md", "title: Bee\nnav_order: 3\n", "x");
    page(&book, "content/imp/c.md", "title: Cee\norder: \"2\"\n", "x");
    page(
        &book,
        "content/imp/d.md",
        "title: Dee\nweight: 1.2\norder: 9\n",
        "x",
    );
    page(&book, "content/imp/e.md", "title: Ee\norder: soon\n", "x");
    let (_, f) = book.check();
    let bad: Vec<_> = f
        .iter()
        .filter(|f| f.file.starts_with("content/imp/"))
        .map(|f| (f.file.as_str(), f.rule.as_str(), f.line))
        .collect();
    assert_eq!(
        bad,
        [("content/imp/e.md", "frontmatter/schema", 3)],
        "{f:#?}"
    );
    lower_rule(&book, "frontmatter/schema", "warning");
    assert_eq!(book.build().code, 0);
    let html = book.html("public/imp/a/index.html");
    let nav: Vec<_> = texts(&html, "nav[aria-label=Handbook] a")
        .into_iter()
        .filter(|t| ["Ay", "Bee", "Cee", "Dee", "Ee"].contains(&t.as_str()))
        .collect();
    assert_eq!(nav, ["Ee", "Dee", "Cee", "Bee", "Ay"]);
}

// ---- TOML front-matter (Hugo)

#[test]
fn hugo_toml_front_matter_is_read() {
    let book = Book::basic();
    book.write(
        "content/hugo.md",
        "+++\ntitle = \"From Hugo\"\ndate = 2024-06-25T10:00:00Z\ndraft = false\nweight = 3\ntags = [\"pricing\"]\n[params]\nhero = true\n+++\n\nBody text.\n",
    );
    lint_keys(&book, "extra_keys = [\"params\"]");
    let (code, f) = book.check();
    assert_eq!(code, 0, "{f:#?}");
    assert!(f.is_empty(), "{f:#?}");
    assert_eq!(book.build().code, 0);
    let html = book.html("public/hugo/index.html");
    assert_eq!(texts(&html, "h1"), ["From Hugo"]);
    assert!(!book.read("public/hugo/index.html").contains("+++"));
}

#[test]
fn toml_findings_point_at_the_toml_line() {
    let book = Book::basic();
    book.write(
        "content/hugo.md",
        "+++\ntitle = \"From Hugo\"\nweight = \"heavy\"\nreviwed = 2024-06-25\ndraft = true\n+++\n\nBody.\n",
    );
    let (_, f) = book.check();
    let here: Vec<_> = in_file(&f, "content/hugo.md")
        .iter()
        .map(|f| (f.rule.clone(), f.line, f.column))
        .collect();
    assert_eq!(
        here,
        [
            ("frontmatter/schema".to_string(), 3, 10),
            ("frontmatter/unknown-key".to_string(), 4, 1)
        ],
        "{f:#?}"
    );
    assert!(
        of(&f, "frontmatter/unknown-key")[0]
            .help
            .clone()
            .unwrap_or_default()
            .contains("`reviewed`")
    );
}

#[test]
fn a_toml_syntax_error_is_one_finding_at_its_place() {
    let book = Book::basic();
    book.write(
        "content/hugo.md",
        "+++\ntitle = \"From Hugo\"\nweight = = 3\n+++\n\nBody.\n",
    );
    let (_, f) = book.check();
    let here = in_file(&f, "content/hugo.md");
    assert_eq!(here.len(), 1, "{here:#?}");
    assert_eq!(here[0].rule, "frontmatter/syntax");
    assert_eq!(here[0].line, 3);
    assert!(here[0].column >= 9, "{here:#?}");
    assert!(here[0].message.contains("TOML"), "{here:#?}");
}

// ---- where the front-matter starts

#[test]
fn front_matter_after_blank_lines_is_read_with_one_warning() {
    let book = Book::basic();
    book.write(
        "content/late.md",
        "\n\n---\ntitle: Late start\nowner: Dana\n---\n\nBody.\n",
    );
    let (code, f) = book.check();
    assert_eq!(code, 0, "{f:#?}");
    let here = in_file(&f, "content/late.md");
    assert_eq!(here.len(), 1, "{here:#?}");
    assert_eq!(here[0].rule, "frontmatter/placement");
    assert_eq!(here[0].severity, "warning");
    assert_eq!((here[0].line, here[0].column), (3, 1));
    assert!(here[0].message.contains("first line"), "{here:#?}");
    assert_eq!(book.build().code, 0);
    let page = book.read("public/late/index.html");
    assert!(!page.contains("owner: Dana"), "{page}");
    let html = book.html("public/late/index.html");
    assert_eq!(texts(&html, "h1"), ["Late start"]);
}

#[test]
fn a_rule_after_blank_lines_is_body_not_front_matter() {
    let book = Book::basic();
    book.write("content/rule.md", "\n# Ruled\n\n---\n\nAfter the rule.\n");
    book.write("content/setext.md", "\n\n---\nA heading\n---\n\nText.\n");
    let (_, f) = book.check();
    assert!(in_file(&f, "content/rule.md").is_empty(), "{f:#?}");
    let here = in_file(&f, "content/setext.md");
    assert!(
        here.iter()
            .all(|f| f.rule != "frontmatter/placement" && f.rule != "frontmatter/syntax"),
        "{here:#?}"
    );
}

#[test]
fn a_bom_before_the_front_matter_is_no_finding() {
    let book = Book::basic();
    book.write(
        "content/bom.md",
        "\u{feff}---\ntitle: With a mark\n---\n\nBody.\n",
    );
    let (code, f) = book.check();
    assert_eq!(code, 0, "{f:#?}");
    assert!(f.is_empty(), "{f:#?}");
    assert_eq!(book.build().code, 0);
    let html = book.html("public/bom/index.html");
    assert_eq!(texts(&html, "h1"), ["With a mark"]);
}
