//! Every rule: a case that must fire (at the right file and line) and a near miss that
//! must not.

use crate::support::*;

const BUYER: &str = "content/personas/buyer.md";
const CORE: &str = "content/messaging/core.md";
const CLAIMS: &str = "content/reference/claims.md";

fn page(book: &Book, rel: &str, front: &str, body: &str) {
    book.write(rel, &format!("---\n{front}---\n\n{body}\n"));
}

fn lines(f: &[Finding]) -> Vec<(String, u64)> {
    f.iter().map(|f| (f.file.clone(), f.line)).collect()
}

// ---- frontmatter/syntax

#[test]
fn frontmatter_syntax_points_into_the_file() {
    let book = Book::basic();
    page(
        &book,
        "content/bad.md",
        "title: Bad\ntags: [a, b\nowner: x\n",
        "# Body",
    );
    let f = book.findings("frontmatter/syntax");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].file, "content/bad.md");
    assert!((3..=4).contains(&f[0].line), "{f:#?}");
    // The rest of the book is still checked.
    book.append(BUYER, "\n{{msg:core.missing}}\n");
    assert_eq!(book.findings("ref/unknown").len(), 1);
}

#[test]
fn frontmatter_syntax_near_miss_valid_yaml_and_dashes_in_body() {
    let book = Book::basic();
    page(
        &book,
        "content/ok.md",
        "title: \"Colon: fine\"\ntags: [a, b]\n",
        "Text\n\n---\n\nMore text.",
    );
    assert!(book.findings("frontmatter/syntax").is_empty());
}

#[test]
fn unclosed_front_matter_is_a_syntax_error() {
    let book = Book::basic();
    book.write("content/open.md", "---\ntitle: Open\n\nNo closing line.\n");
    let f = book.findings("frontmatter/syntax");
    assert_eq!(lines(&f), [("content/open.md".to_string(), 1)]);
}

// ---- frontmatter/schema

#[test]
fn frontmatter_schema_fires_on_missing_title_wrong_type_and_bad_date() {
    let book = Book::basic();
    page(&book, "content/a.md", "owner: x\n", "No heading here.");
    page(
        &book,
        "content/b.md",
        "title: B\nweight: heavy\nreviewed: 2026-02-30\ntype: memo\n",
        "Text.",
    );
    let f = book.findings("frontmatter/schema");
    let got = lines(&f);
    assert!(
        got.contains(&("content/a.md".into(), 2)) || got.contains(&("content/a.md".into(), 1)),
        "{f:#?}"
    );
    assert!(got.contains(&("content/b.md".into(), 3)), "{f:#?}");
    assert!(got.contains(&("content/b.md".into(), 4)), "{f:#?}");
    assert!(got.contains(&("content/b.md".into(), 5)), "{f:#?}");
}

#[test]
fn frontmatter_schema_near_miss_title_from_heading() {
    let book = Book::basic();
    page(
        &book,
        "content/a.md",
        "owner: x\n",
        "# A title from the body\n\nText.",
    );
    assert!(book.findings("frontmatter/schema").is_empty());
    book.write(
        "content/plain.md",
        "# Only a heading\n\nNo front-matter at all.\n",
    );
    assert!(book.findings("frontmatter/schema").is_empty());
}

// ---- frontmatter/unknown-key

#[test]
fn unknown_key_fires_with_suggestion() {
    let book = Book::basic();
    page(&book, "content/a.md", "title: A\nonwer: Dana\n", "Text.");
    let f = book.findings("frontmatter/unknown-key");
    assert_eq!(lines(&f), [("content/a.md".to_string(), 3)]);
    assert_eq!(f[0].help.as_deref(), Some("did you mean `owner`?"));
}

#[test]
fn unknown_key_near_miss_type_specific_keys() {
    let book = Book::basic();
    // `role` is known for personas...
    assert!(book.findings("frontmatter/unknown-key").is_empty());
    // ...but not for pages.
    page(&book, "content/a.md", "title: A\nrole: x\n", "Text.");
    assert_eq!(book.findings("frontmatter/unknown-key").len(), 1);
}

// ---- id/duplicate

#[test]
fn duplicate_claim_ids_show_both_places() {
    let book = Book::basic();
    page(
        &book,
        "content/more-claims.md",
        "title: More\ntype: claims\nowner: x\nclaims:\n  - id: fewer-calls\n    text: Another text.\n    source: https://example.com/x\n",
        "Text.",
    );
    let f = book.findings("id/duplicate");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].related.len(), 1);
    let files: Vec<String> = vec![
        f[0].file.clone(),
        f[0].related[0]["file"].as_str().unwrap().into(),
    ];
    assert!(files.contains(&"content/more-claims.md".to_string()));
    assert!(files.contains(&CLAIMS.to_string()));
}

#[test]
fn duplicate_near_miss_default_page_ids() {
    let book = Book::basic();
    page(&book, "content/sales/index.md", "title: Sales\n", "Text.");
    page(&book, "content/legal/index.md", "title: Legal\n", "Text.");
    page(&book, "content/a/notes.md", "title: A notes\n", "Text.");
    page(&book, "content/b/notes.md", "title: B notes\n", "Text.");
    assert!(book.findings("id/duplicate").is_empty());
}

#[test]
fn duplicate_explicit_document_ids() {
    let book = Book::basic();
    page(&book, "content/a/x.md", "title: X\nid: same\n", "Text.");
    page(&book, "content/b/y.md", "title: Y\nid: same\n", "Text.");
    assert_eq!(book.findings("id/duplicate").len(), 1);
}

// ---- ref/unknown

#[test]
fn ref_unknown_in_body_and_front_matter() {
    let book = Book::basic();
    book.append(BUYER, "\n{{claim:fewer-call}} and {{persona:buyr}}\n");
    book.replace(
        "content/playbooks/launch.md",
        "audience: [buyer]",
        "audience: [buyer, cfo]",
    );
    book.replace(CORE, "proof: [fewer-calls]", "proof: [fewer-calls, nope]");
    book.replace(
        "content/positioning.md",
        "unlike: [spreadsheets]",
        "unlike: [spreadsheet]",
    );
    let f = book.findings("ref/unknown");
    assert_eq!(f.len(), 5, "{f:#?}");
    assert!(
        f.iter()
            .any(|f| f.help.as_deref() == Some("did you mean `fewer-calls`?"))
    );
    assert!(f.iter().any(|f| f.file == "content/positioning.md"
        && f.help.as_deref() == Some("did you mean `spreadsheets`?")));
}

#[test]
fn ref_unknown_near_miss_code_escapes_and_other_shortcodes() {
    let book = Book::basic();
    book.append(BUYER, "\n`{{msg:core.nope}}` \\{{msg:core.nope}} {{generator:foo}} {{ site.title }}\n\n```\n{{msg:core.nope}}\n```\n");
    assert!(book.findings("ref/unknown").is_empty());
}

// ---- ref/retired

#[test]
fn ref_retired_fires_for_retired_message() {
    let book = Book::basic();
    book.replace(
        CORE,
        "    text: Our spreadsheet already works.\n",
        "    text: Our spreadsheet already works.\n    status: retired\n",
    );
    let f = book.findings("ref/retired");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].file, BUYER);
    assert_eq!(f[0].related[0]["file"], CORE);
}

#[test]
fn ref_retired_near_miss_unreferenced_retired_message() {
    let book = Book::basic();
    book.replace(
        CORE,
        "messages:\n",
        "messages:\n  - id: old-tagline\n    kind: tagline\n    text: Plans that keep up.\n    status: retired\n",
    );
    assert!(book.findings("ref/retired").is_empty());
    assert!(
        book.findings("message/unused").is_empty(),
        "retired messages are not unused"
    );
}

// ---- link/broken

#[test]
fn link_broken_files_and_anchors() {
    let book = Book::basic();
    book.append(
        BUYER,
        "\n[a](../nope.md) [b](../positioning.md#nope) [c](/nowhere/)\n",
    );
    let f = book.findings("link/broken");
    assert_eq!(f.len(), 3, "{f:#?}");
    assert!(f.iter().all(|f| f.file == BUYER));
}

#[test]
fn link_to_a_draft_is_a_warning_unless_drafts_are_built() {
    let book = Book::basic();
    book.write(
        "content/playbooks/next-launch.md",
        "---\ntitle: Next launch\nstatus: draft\n---\nSee [the launch](launch.md).\n",
    );
    book.append(
        BUYER,
        "\nThe [next launch](../playbooks/next-launch.md) is coming.\n",
    );
    let (code, all) = book.check();
    assert_eq!(code, 0, "a warning does not fail: {all:#?}");
    let f: Vec<_> = all.iter().filter(|f| f.rule == "link/broken").collect();
    // Only the published page's link: the draft's own links are not on the site.
    assert_eq!(f.len(), 1, "{all:#?}");
    assert_eq!(f[0].file, BUYER);
    assert_eq!(f[0].severity, "warning");
    assert!(f[0].message.contains("link to a draft"), "{}", f[0].message);
    // Built with drafts, the page exists and nothing is reported.
    let run = book.run(&["build", "--drafts", "--format", "json"]);
    assert_eq!(run.code, 0);
    assert!(!run.stderr.contains("link to a draft"), "{}", run.stderr);
    assert!(book.exists("public/playbooks/next-launch/index.html"));
}

#[test]
fn link_broken_suggests_the_link_as_it_should_be_written() {
    let book = Book::basic();
    book.append(
        BUYER,
        "
[a](../messaging/coer.md#one-liner) [b](../playbooks/lanch.md) [c](../reference/zzzz.md)
",
    );
    let f = book.findings("link/broken");
    let helps: Vec<Option<&str>> = f.iter().map(|f| f.help.as_deref()).collect();
    assert_eq!(
        helps,
        [
            Some("did you mean `../messaging/core.md#one-liner`?"),
            Some("did you mean `../playbooks/launch.md`?"),
            None
        ],
        "{f:#?}"
    );
}

#[test]
fn link_broken_near_miss_valid_links() {
    // `buyer.md` is published at `/personas/buyer/`: a folder link is read from there,
    // as the browser reads it, so the reference folder is `../../reference/`.
    let book = Book::basic();
    book.append(
        BUYER,
        "\n[z](../messaging/core.md#one-liner) [y](../reference/claims.md#fewer-calls) [a](../positioning.md) [b](#what-they-hear-first) [c](/playbooks/launch/) [d](../../reference/) [e](https://example.com/x.md) [f](../messaging/core.md#msg-one-liner) [g](../messaging/core.md#msg-core-one-liner)\n",
    );
    let f = book.findings("link/broken");
    assert!(f.is_empty(), "{f:#?}");
}

// ---- message rules

#[test]
fn message_unused_fires_and_near_miss() {
    let book = Book::basic();
    book.replace(
        CORE,
        "messages:\n",
        "messages:\n  - id: boilerplate\n    kind: boilerplate\n    text: Example Product plans the week for small teams.\n",
    );
    let f = book.findings("message/unused");
    assert_eq!(lines(&f), [(CORE.to_string(), 9)]);
    assert_eq!(f[0].severity, "info");
    book.append(BUYER, "\n{{msg:core.boilerplate}}\n");
    assert!(book.findings("message/unused").is_empty());
}

#[test]
fn message_unproven_fires_and_near_miss() {
    let book = Book::basic();
    book.replace(CORE, "    proof: [fewer-calls]\n", "");
    let f = book.findings("message/unproven");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].file, CORE);
    // A proof message without proof is fine; only pillars need it.
    let book = Book::basic();
    book.replace(CORE, "messages:\n", "messages:\n  - id: how\n    kind: process\n    text: We import your current plan in an afternoon.\n");
    book.append(BUYER, "\n{{msg:core.how}}\n");
    assert!(book.findings("message/unproven").is_empty());
}

#[test]
fn message_no_response_fires_and_near_miss() {
    let book = Book::basic();
    book.replace(
        CORE,
        "    response: It works for the person who keeps it; the plan works for the whole team.\n",
        "",
    );
    let f = book.findings("message/no-response");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, "error");
    assert!(Book::basic().findings("message/no-response").is_empty());
}

// ---- claim rules

#[test]
fn claim_expired_error_at_use_warning_at_definition() {
    let book = Book::basic();
    book.replace(CLAIMS, "expires: 2028-10-01", "expires: 2026-11-01");
    let f = book.findings("claim/expired");
    let errors: Vec<_> = f.iter().filter(|f| f.severity == "error").collect();
    let warnings: Vec<_> = f.iter().filter(|f| f.severity == "warning").collect();
    assert_eq!(errors.len(), 2, "{f:#?}"); // the body reference and the pillar's proof
    assert!(
        warnings.is_empty(),
        "referenced: no warning at the definition"
    );
    // Defined only: a warning at the definition.
    book.replace(CLAIMS, "{{claim:fewer-calls}}", "the claim");
    book.replace(CORE, "    proof: [fewer-calls]\n", "");
    let f = book.findings("claim/expired");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!((f[0].severity.as_str(), f[0].line), ("warning", 12));
}

#[test]
fn claim_expired_near_miss_expires_today() {
    let book = Book::basic();
    book.replace(CLAIMS, "expires: 2028-10-01", &format!("expires: {TODAY}"));
    assert!(book.findings("claim/expired").is_empty());
}

#[test]
fn claim_unsourced_fires_and_near_miss() {
    let book = Book::basic();
    book.replace(
        CLAIMS,
        "    source: https://example.com/replace-with-your-study\n",
        "",
    );
    assert_eq!(book.findings("claim/unsourced").len(), 1);
    assert!(Book::basic().findings("claim/unsourced").is_empty());
}

#[test]
fn claim_unbacked_fires_and_near_miss() {
    let book = Book::basic();
    book.replace(
        CORE,
        "messages:\n",
        "messages:\n  - id: speed\n    kind: proof\n    text: Teams plan their week in 20 minutes.\n",
    );
    book.append(BUYER, "\n{{msg:core.speed}}\n");
    let f = book.findings("claim/unbacked");
    assert_eq!(lines(&f), [(CORE.to_string(), 11)]);
    book.replace(
        CORE,
        "in 20 minutes.\n",
        "in 20 minutes.\n    proof: [fewer-calls]\n",
    );
    assert!(book.findings("claim/unbacked").is_empty());
}

// ---- positioning, meta, freshness

#[test]
fn positioning_conflict_fires_and_near_miss() {
    let book = Book::basic();
    let second = "title: EMEA positioning\ntype: positioning\nid: emea\nowner: x\nproduct: Example Product\ncategory: workforce management\n";
    page(&book, "content/emea.md", second, "Text.");
    let f = book.findings("positioning/conflict");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].related.len(), 1);
    book.replace(
        "content/emea.md",
        "category: workforce management",
        "category: Planning software for small operations teams",
    );
    assert!(
        book.findings("positioning/conflict").is_empty(),
        "same category, other case"
    );
    book.replace(
        "content/emea.md",
        "product: Example Product",
        "product: Another Product",
    );
    book.replace("content/emea.md", "category: Planning", "category: Other");
    assert!(book.findings("positioning/conflict").is_empty());
}

#[test]
fn meta_owner_fires_for_typed_only() {
    let book = Book::basic();
    book.replace("content/positioning.md", "owner: Product Marketing\n", "");
    page(
        &book,
        "content/plain.md",
        "title: Plain page without owner\n",
        "Text.",
    );
    let f = book.findings("meta/owner");
    assert_eq!(lines(&f), [("content/positioning.md".to_string(), 4)]);
}

#[test]
fn freshness_stale_says_days_and_owner() {
    let book = Book::basic();
    book.replace(
        "content/positioning.md",
        "reviewed: 2026-11-01",
        "reviewed: 2026-01-01",
    );
    let f = book.findings("freshness/stale");
    assert_eq!(lines(&f), [("content/positioning.md".to_string(), 6)]);
    // due 2026-06-30, today 2026-11-24: 147 days
    assert!(f[0].message.contains("147 days"), "{}", f[0].message);
    assert!(f[0].message.contains("Product Marketing"));
}

#[test]
fn freshness_near_miss_own_review_period() {
    let book = Book::basic();
    book.replace(
        "content/positioning.md",
        "reviewed: 2026-11-01",
        "reviewed: 2026-01-01\nreview_every: 365",
    );
    assert!(book.findings("freshness/stale").is_empty());
}

// ---- term rules

#[test]
fn term_avoid_fires_in_body_and_front_matter() {
    let book = Book::basic();
    book.append(BUYER, "\nShare the Rota with the team.\n");
    book.replace(
        BUYER,
        "title: Operations lead",
        "title: Operations lead who keeps the rota",
    );
    let f = book.findings("term/avoid");
    assert_eq!(f.len(), 2, "{f:#?}");
    assert!(f.iter().all(|f| f.message.contains("weekly plan")));
    assert!(f.iter().any(|f| f.line == 2 && f.column == 38), "{f:#?}");
}

#[test]
fn term_avoid_near_miss_part_of_word_and_code() {
    let book = Book::basic();
    book.append(
        BUYER,
        "\nThe rotation is fixed. Use `rota` only in code.\n\n```\nrota\n```\n",
    );
    assert!(book.findings("term/avoid").is_empty());
}

#[test]
fn term_case_fires_for_wrong_case_only() {
    let book = Book::basic();
    book.append(
        BUYER,
        "\nThey try example product first. Example Product then wins.\n",
    );
    let f = book.findings("term/case");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert!(f[0].message.contains("write `Example Product`"));
}

#[test]
fn term_banned_fires_with_reason_and_near_miss() {
    let book = Book::basic();
    book.append(BUYER, "\nA World-Class planner.\n");
    let f = book.findings("term/banned");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, "error");
    assert!(f[0].message.contains("A superlative we cannot prove."));
    let book = Book::basic();
    book.append(BUYER, "\nA class of its own in the world, with classes.\n");
    assert!(book.findings("term/banned").is_empty());
}

// ---- drift, copy, claim mismatch

#[test]
fn message_drift_shows_similarity_and_word_difference() {
    let book = Book::basic();
    book.append(
        BUYER,
        "\nExample Product gives small operations teams a single plan for the week.\n",
    );
    let (_, all) = book.check();
    let f: Vec<_> = all.iter().filter(|f| f.rule == "message/drift").collect();
    assert_eq!(f.len(), 1, "{all:#?}");
    assert_eq!(f[0].file, BUYER);
    assert_eq!((f[0].line, f[0].column), (22, 1));
    assert!(f[0].message.contains("core.one-liner"), "{}", f[0].message);
    assert!(f[0].message.contains("similarity 0.83"), "{}", f[0].message);
    assert_eq!(f[0].help.as_deref(), Some("use {{msg:core.one-liner}}"));
    assert_eq!(f[0].related[0]["file"], CORE);
    let human = book.run(&["check"]).stdout;
    assert!(human.contains("words changed: +a, one → single"), "{human}");
}

#[test]
fn message_drift_near_miss_different_sentence_and_reference() {
    let book = Book::basic();
    book.append(BUYER, "\nSmall operations teams often plan their week on paper and regret it.\n\n{{msg:core.one-liner}}\n");
    assert!(book.findings("message/drift").is_empty());
    assert!(book.findings("message/copy").is_empty());
}

#[test]
fn message_drift_threshold_is_configurable() {
    let book = Book::basic();
    book.append(
        BUYER,
        "\nExample Product gives small operations teams a single plan for the week.\n",
    );
    book.replace("book.toml", "[lint]\n", "[lint]\ndrift_threshold = 0.9\n");
    assert!(book.findings("message/drift").is_empty());
}

#[test]
fn message_copy_fires_for_typed_out_message() {
    let book = Book::basic();
    book.append(
        BUYER,
        "\nEveryone works from the same plan, updated when a job moves!\n",
    );
    let f = book.findings("message/copy");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].severity, "info");
    assert!(book.findings("message/drift").is_empty());
}

#[test]
fn short_sentences_are_not_compared() {
    let book = Book::basic();
    book.replace(
        CORE,
        "    text: Our spreadsheet already works.\n",
        "    text: Our spreadsheet works.\n",
    );
    book.append(BUYER, "\nOur spreadsheet works.\n");
    assert!(book.findings("message/copy").is_empty());
}

#[test]
fn claim_mismatch_fires_on_other_numbers() {
    let book = Book::basic();
    book.append(
        BUYER,
        "\nTeams that share one plan make 45% fewer calls to ask where a job stands.\n",
    );
    let f = book.findings("claim/mismatch");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].severity, "error");
    assert!(
        f[0].message.contains("45%") && f[0].message.contains("30%"),
        "{}",
        f[0].message
    );
    assert_eq!(f[0].related[0]["file"], CLAIMS);
}

#[test]
fn claim_mismatch_near_miss_same_numbers_or_other_sentence() {
    let book = Book::basic();
    book.append(BUYER, "\nTeams that share one plan make 30% fewer calls to ask where a job stands.\n\nWe shipped 45 releases in 2025 across every region.\n");
    assert!(book.findings("claim/mismatch").is_empty());
}
