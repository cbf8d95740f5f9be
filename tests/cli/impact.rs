//! `gtmbook impact`: who uses a message, claim, persona or document.

use crate::support::*;

fn impact(book: &Book, args: &[&str]) -> (i32, serde_json::Value) {
    let mut all = vec!["impact", "--format", "json"];
    all.extend_from_slice(args);
    let run = book.run(&all);
    let v = serde_json::from_str(&run.stdout).unwrap_or_default();
    (run.code, v)
}

fn files(pages: &serde_json::Value) -> Vec<String> {
    pages
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["file"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_message_lists_the_pages_that_render_it_and_a_new_use_shows_up() {
    let book = Book::basic();
    let (code, v) = impact(&book, &["core.one-liner"]);
    assert_eq!(code, 0);
    let item = &v["targets"][0]["items"][0];
    assert_eq!(item["kind"], "message");
    assert_eq!(files(&item["used_by"]), ["content/_index.md"]);
    // Rendering it in one more page makes that page part of the impact.
    book.append("content/playbooks/launch.md", "\n{{msg:core.one-liner}}\n");
    let (_, v) = impact(&book, &["core.one-liner"]);
    assert_eq!(
        files(&v["targets"][0]["items"][0]["used_by"]),
        ["content/_index.md", "content/playbooks/launch.md"]
    );
    assert_eq!(v["pages"], 2);
}

#[test]
fn a_document_lists_each_thing_it_defines_and_who_links_to_it() {
    let book = Book::basic();
    let (_, v) = impact(&book, &["content/messaging/core.md"]);
    let t = &v["targets"][0];
    assert_eq!(t["file"], "content/messaging/core.md");
    let ids: Vec<&str> = t["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"core.one-liner") && ids.contains(&"core.pillar-shared-plan"));
    assert!(files(&t["linked_from"]).contains(&"content/playbooks/launch.md".to_string()));
    // A persona by id: the pages written for it.
    let (_, v) = impact(&book, &["buyer"]);
    let persona = &v["targets"][0]["items"][0];
    assert_eq!(persona["kind"], "persona");
    assert!(files(&persona["used_by"]).contains(&"content/positioning.md".to_string()));
    // A message nobody renders is "not used" in the human report.
    book.write(
        "content/messaging/spare.md",
        "---\ntitle: Spare lines\ntype: messaging\nid: spare\nmessages:\n  - id: promise\n    kind: promise\n    text: Plans that stay true all week.\n---\n",
    );
    let human = book.run(&["impact", "buyer", "spare.promise"]).stdout;
    assert!(human.contains("persona buyer: 2 pages"), "{human}");
    assert!(human.contains("message spare.promise: not used"), "{human}");
}

#[test]
fn an_unknown_target_is_exit_2_and_no_target_is_a_usage_error() {
    let book = Book::basic();
    let run = book.run(&["impact", "core.one-lner"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("did you mean `core.one-liner`"),
        "{}",
        run.stderr
    );
    assert_eq!(book.run(&["impact"]).code, 2);
}

fn git(book: &Book, args: &[&str]) {
    let ok = std::process::Command::new("git")
        .args(["-c", "user.email=t@example.com", "-c", "user.name=t"])
        .args(["-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(book.path())
        .output()
        .unwrap()
        .status
        .success();
    assert!(ok, "git {args:?}");
}

#[test]
fn changed_since_lists_a_renamed_heading_with_only_the_links_it_breaks() {
    let book = Book::basic();
    book.append(
        "content/playbooks/launch.md",
        "\nPrepare for [their objections](../personas/buyer.md#when-they-push-back).\n",
    );
    git(&book, &["init", "-q"]);
    git(&book, &["add", "-A"]);
    git(&book, &["commit", "-qm", "start"]);
    book.replace(
        "content/personas/buyer.md",
        "## When they push back",
        "## Objections they raise",
    );
    let (code, v) = impact(&book, &["--changed-since", "HEAD"]);
    assert_eq!(code, 0);
    let targets = v["targets"].as_array().unwrap();
    assert_eq!(targets.len(), 1, "{v:#}");
    let t = &targets[0];
    assert_eq!(t["items"][0]["kind"], "document");
    assert_eq!(t["items"][0]["change"], "changed");
    // The page itself changes; of the pages linking to it, only the one whose anchor is
    // gone is at risk (the home page links to the page without an anchor).
    assert_eq!(
        files(&t["items"][0]["used_by"]),
        ["content/personas/buyer.md"]
    );
    assert_eq!(files(&t["linked_from"]), ["content/playbooks/launch.md"]);
    assert_eq!(v["pages"], 2);
    let human = book.run(&["impact", "--changed-since", "HEAD"]).stdout;
    assert!(
        human.contains("links that may be broken now: 1 page(s)"),
        "{human}"
    );
}
