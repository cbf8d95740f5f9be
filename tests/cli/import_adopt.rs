//! Adopting gtmbook on an existing handbook: `[build] exclude`, the baseline of
//! accepted findings, and `gtmbook import` of Hugo, Jekyll, Middleman, Eleventy and
//! mdBook trees.

use crate::support::*;
use std::path::Path;

fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("bad JSON ({e}):\n{}\n{}", run.stdout, run.stderr))
}

fn set_build(book: &Book, line: &str) {
    book.replace("book.toml", "[build]\n", &format!("[build]\n{line}\n"));
}

fn set_lint(book: &Book, line: &str) {
    book.replace("book.toml", "[lint]\n", &format!("[lint]\n{line}\n"));
}

// ---------------------------------------------------------------- exclude

#[test]
fn excluded_files_are_not_checked_or_published() {
    let book = Book::basic();
    set_build(&book, r#"exclude = ["drafts/**", "*.tmp.md"]"#);
    book.write(
        "content/drafts/idea.md",
        "---\ntitle: Idea\n---\n\nSee [nothing](nowhere.md).\n",
    );
    book.write(
        "content/playbooks/scratch.tmp.md",
        "---\ntitle: Scratch\nbogus_key: 1\n---\n\nText.\n",
    );
    let (code, findings) = book.check();
    assert_eq!(code, 0, "{findings:#?}");
    assert!(findings.is_empty(), "{findings:#?}");
    let run = book.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(book.exists("public/index.html"));
    assert!(!book.exists("public/drafts/idea/index.html"));
    assert!(!book.exists("public/drafts"));
    assert!(!book.exists("public/playbooks/scratch.tmp/index.html"));
}

#[test]
fn without_exclude_the_same_files_are_checked() {
    let book = Book::basic();
    book.write(
        "content/drafts/idea.md",
        "---\ntitle: Idea\n---\n\nSee [nothing](nowhere.md).\n",
    );
    let broken = book.findings("link/broken");
    assert_eq!(broken.len(), 1, "{broken:#?}");
    assert_eq!(broken[0].file, "content/drafts/idea.md");
}

#[test]
fn a_link_to_an_excluded_page_is_broken_and_says_why() {
    let book = Book::basic();
    set_build(&book, r#"exclude = ["drafts/"]"#);
    book.write("content/drafts/idea.md", "---\ntitle: Idea\n---\n\nText.\n");
    book.write(
        "content/plans.md",
        "---\ntitle: Plans\n---\n\nRead [the idea](drafts/idea.md) first.\n",
    );
    let broken = book.findings("link/broken");
    assert_eq!(broken.len(), 1, "{broken:#?}");
    assert_eq!(broken[0].file, "content/plans.md");
    assert!(
        broken[0]
            .help
            .as_deref()
            .is_some_and(|h| h.contains("excluded by [build] exclude")),
        "{broken:#?}"
    );
}

#[test]
fn a_bad_exclude_glob_is_exit_2_naming_it() {
    let book = Book::basic();
    set_build(&book, r#"exclude = ["drafts/[oops"]"#);
    let run = book.run(&["check"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("drafts/[oops"), "{}", run.stderr);
    assert!(run.stderr.contains("book.toml:"), "{}", run.stderr);
}

// ---------------------------------------------------------------- baseline

const NOTES: &str = "---\ntitle: Notes\n---\n\nFirst paragraph with [a link](missing-one.md).\n\nSecond paragraph with [another](missing-two.md).\n";

fn baselined(book: &Book) -> (i32, serde_json::Value) {
    let run = book.run(&["check", "--format", "json"]);
    (run.code, json(&run))
}

#[test]
fn baseline_round_trip() {
    let book = Book::basic();
    book.write("content/notes.md", NOTES);
    assert_eq!(book.check().0, 1);

    let run = book.run(&["check", "--write-baseline", "gtmbook-baseline.json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("link/broken"), "{}", run.stderr);
    let first = book.read("gtmbook-baseline.json");
    let v: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert_eq!(v["findings"].as_array().unwrap().len(), 2);
    set_lint(&book, r#"baseline = "gtmbook-baseline.json""#);

    // Hidden, and the summary says how many.
    let (code, v) = baselined(&book);
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(v["summary"]["baselined"], 2);
    assert!(v["diagnostics"].as_array().unwrap().is_empty(), "{v:#}");
    let human = book.run(&["check"]);
    assert!(
        human.stdout.contains("2 findings hidden by the baseline"),
        "{}",
        human.stdout
    );
    let build = book.build();
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(
        build.stderr.contains("hidden by the baseline"),
        "{}",
        build.stderr
    );

    // Moving paragraphs (new lines above, order swapped) keeps them hidden.
    book.write(
        "content/notes.md",
        "---\ntitle: Notes\n---\n\nA new opening paragraph.\n\nSecond paragraph with [another](missing-two.md).\n\nFirst paragraph with [a link](missing-one.md).\n",
    );
    let (code, v) = baselined(&book);
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(v["summary"]["baselined"], 2);

    // The text of a finding changed: it shows again.
    book.replace("content/notes.md", "[a link]", "[the link]");
    let (code, v) = baselined(&book);
    assert_eq!(code, 1);
    let shown = v["diagnostics"].as_array().unwrap();
    assert_eq!(shown.len(), 1, "{v:#}");
    assert!(
        shown[0]["message"]
            .as_str()
            .unwrap()
            .contains("missing-one.md")
    );
    assert_eq!(v["summary"]["baselined"], 1);
    book.replace("content/notes.md", "[the link]", "[a link]");

    // A new finding fails the check, the old ones stay hidden.
    book.append("content/notes.md", "\nAlso [this](missing-three.md).\n");
    let (code, v) = baselined(&book);
    assert_eq!(code, 1);
    let shown = v["diagnostics"].as_array().unwrap();
    assert_eq!(shown.len(), 1, "{v:#}");
    assert!(
        shown[0]["message"]
            .as_str()
            .unwrap()
            .contains("missing-three.md")
    );

    // Fix one, write again: it drops out; writing twice gives the same bytes.
    book.replace("content/notes.md", "[another](missing-two.md)", "another");
    assert_eq!(
        book.run(&["check", "--write-baseline", "gtmbook-baseline.json"])
            .code,
        0
    );
    let second = book.read("gtmbook-baseline.json");
    assert!(!second.contains("missing-two.md"), "{second}");
    assert!(second.contains("missing-one.md") && second.contains("missing-three.md"));
    book.run(&["check", "--write-baseline", "gtmbook-baseline.json"]);
    assert_eq!(book.read("gtmbook-baseline.json"), second);
    assert_eq!(baselined(&book).0, 0);
    // Everything, also what the baseline hides.
    let all = book.run(&["check", "--no-baseline", "--format", "json"]);
    assert_eq!(all.code, 1);
    assert_eq!(json(&all)["diagnostics"].as_array().unwrap().len(), 2);
}

#[test]
fn without_a_baseline_the_summary_has_no_count() {
    let book = Book::basic();
    let (code, v) = baselined(&book);
    assert_eq!(code, 0);
    assert!(v["summary"].get("baselined").is_none(), "{v:#}");
    assert!(!book.run(&["check"]).stdout.contains("baseline"));
}

#[test]
fn a_malformed_or_missing_baseline_is_exit_2_naming_it() {
    let book = Book::basic();
    book.write("content/notes.md", NOTES);
    book.write("accepted.json", "{ not json");
    for args in [
        &["check", "--baseline", "accepted.json"][..],
        &["build", "--baseline", "accepted.json"][..],
        &["check", "--baseline", "nothing-here.json"][..],
    ] {
        let run = book.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        let name = args[2];
        assert!(run.stderr.contains(name), "{}", run.stderr);
        assert_eq!(run.stderr.trim().lines().count(), 1, "{}", run.stderr);
    }
    set_lint(&book, r#"baseline = "accepted.json""#);
    let run = book.run(&["check"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("accepted.json"), "{}", run.stderr);
}

#[test]
fn a_baseline_is_only_written_inside_the_book() {
    let book = Book::basic();
    let run = book.run(&["check", "--write-baseline", "../outside-baseline.json"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!book.path().join("../outside-baseline.json").exists());
}

// ---------------------------------------------------------------- import

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn import(dir: &Path, args: &[&str]) -> Run {
    let out = assert_cmd::Command::cargo_bin("gtmbook")
        .unwrap()
        .arg("import")
        .arg(dir)
        .args(args)
        .env("GTMBOOK_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    Run::from(out)
}

fn gtmbook(dir: &Path, args: &[&str]) -> Run {
    let out = assert_cmd::Command::cargo_bin("gtmbook")
        .unwrap()
        .args(args)
        .arg("--root")
        .arg(dir)
        .env("GTMBOOK_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    Run::from(out)
}

fn book_toml(dir: &Path) -> toml::Table {
    let text = std::fs::read_to_string(dir.join("book.toml")).unwrap();
    text.parse().unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn strs(v: &toml::Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

fn hugo_tree(dir: &Path) {
    write(
        dir,
        "hugo.toml",
        "baseURL = \"https://example.org/handbook/\"\ntitle = \"Field Guide\"\ndefaultContentLanguage = \"en\"\n\n[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n",
    );
    let page = |title: &str| {
        format!("---\ntitle: {title}\nlastmod: 2026-01-02\nteam_channel: growth\n---\n\nHello.\n")
    };
    write(dir, "content/en/_index.md", &page("Home"));
    write(dir, "content/en/tools/slack.md", &page("Slack"));
    write(dir, "content/fr/_index.md", &page("Accueil"));
    write(dir, "content/fr/tools/slack.md", &page("Slack"));
}

#[test]
fn import_a_hugo_tree() {
    let dir = tempfile::tempdir().unwrap();
    hugo_tree(dir.path());
    let run = import(dir.path(), &[]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("Hugo"), "{}", run.stdout);
    assert!(run.stdout.contains("hugo.toml"), "{}", run.stdout);
    assert!(run.stdout.contains("4 pages"), "{}", run.stdout);
    let t = book_toml(dir.path());
    assert_eq!(t["book"]["title"].as_str(), Some("Field Guide"));
    assert_eq!(t["book"]["language"].as_str(), Some("en"));
    assert_eq!(t["build"]["content"].as_str(), Some("content"));
    assert_eq!(t["build"]["mount"].as_str(), Some("/handbook/"));
    assert_eq!(strs(&t["build"]["languages"]), ["en", "fr"]);
    assert_eq!(strs(&t["lint"]["reviewed_from"]), ["lastmod"]);
    assert!(strs(&t["lint"]["extra_keys"]).contains(&"team_channel".to_string()));
    assert_eq!(
        t["lint"]["baseline"].as_str(),
        Some("gtmbook-baseline.json")
    );
    assert!(dir.path().join("gtmbook-baseline.json").is_file());
    // The first check passes: today's findings are in the baseline.
    let check = gtmbook(dir.path(), &["check"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    // Importing again replaces gtmbook's own book.toml.
    assert_eq!(import(dir.path(), &[]).code, 0);
}

#[test]
fn dry_run_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    hugo_tree(dir.path());
    let list = |d: &Path| {
        let mut v: Vec<_> = walkdir(d);
        v.sort();
        v
    };
    let before = list(dir.path());
    let run = import(dir.path(), &["--dry-run"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(list(dir.path()), before);
    let text = run.stdout.split("would be:").nth(1).unwrap();
    let t: toml::Table = text.parse().unwrap();
    assert_eq!(t["build"]["mount"].as_str(), Some("/handbook/"));
}

fn walkdir(d: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(d).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            out.extend(walkdir(&e.path()));
        } else {
            out.push(e.path().display().to_string());
        }
    }
    out
}

#[test]
fn import_a_jekyll_tree() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "_config.yml",
        "title: Open Guides\nbaseurl: /guides\ncollections:\n  articles:\n    output: true\n",
    );
    for name in ["starting", "finding-users", "legal"] {
        write(
            d,
            &format!("_articles/{name}.md"),
            &format!("---\ntitle: {name}\nclass: {name}\norder: 1\n---\n\nText.\n"),
        );
    }
    write(d, "notices.md", "---\ntitle: Notices\n---\n\nThanks.\n");
    write(d, "README.md", "# Repo\n");
    let run = import(d, &[]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("Jekyll"), "{}", run.stdout);
    // The page outside the collection is named, as something to look at.
    assert!(run.stdout.contains("notices.md"), "{}", run.stdout);
    let t = book_toml(d);
    assert_eq!(t["book"]["title"].as_str(), Some("Open Guides"));
    assert_eq!(t["build"]["content"].as_str(), Some("_articles"));
    assert_eq!(t["build"]["mount"].as_str(), Some("/guides/"));
    let extra = strs(&t["lint"]["extra_keys"]);
    assert!(extra.contains(&"class".to_string()), "{extra:?}");
    assert!(!extra.contains(&"title".to_string()), "{extra:?}");
    assert!(t["build"].get("languages").is_none());
}

#[test]
fn import_a_middleman_tree() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "config.rb", "activate :livereload\n");
    write(d, "source/index.html.md", "---\ntitle: Home\n---\n\nHi.\n");
    write(d, "source/about.html.md", "---\ntitle: About\n---\n\nUs.\n");
    write(d, "source/layouts/layout.erb", "<%= yield %>\n");
    let run = import(d, &[]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("Middleman"), "{}", run.stdout);
    let t = book_toml(d);
    assert_eq!(t["build"]["content"].as_str(), Some("source"));
    let exclude = strs(&t["build"]["exclude"]);
    assert!(exclude.contains(&"layouts/".to_string()), "{exclude:?}");
    assert!(t["lint"].get("extra_keys").is_none());
}

#[test]
fn import_an_eleventy_tree() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "eleventy.config.js",
        "module.exports = function () {\n  return { pathPrefix: \"/handbook/\", dir: { input: \"pages\", output: \"_site\" } };\n};\n",
    );
    write(
        d,
        "pages/index.md",
        "---\ntitle: Home\nkeywords: a, b\n---\n\nHi.\n",
    );
    write(
        d,
        "pages/tools/slack.md",
        "---\ntitle: Slack\nkeywords: c\n---\n\nChat.\n",
    );
    write(d, "docs/notes.md", "# Notes\n");
    let run = import(d, &[]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("Eleventy"), "{}", run.stdout);
    let t = book_toml(d);
    assert_eq!(t["build"]["content"].as_str(), Some("pages"));
    assert_eq!(t["build"]["mount"].as_str(), Some("/handbook/"));
    assert_eq!(strs(&t["lint"]["extra_keys"]), ["keywords"]);
    let build = gtmbook(d, &["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
}

#[test]
fn import_never_overwrites_an_mdbook_book_toml() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mdbook = "[book]\ntitle = \"The Guide\"\nsrc = \"src\"\nlanguage = \"en\"\n\n[output.html]\nsite-url = \"/guide/\"\n";
    write(d, "book.toml", mdbook);
    write(d, "src/SUMMARY.md", "# Summary\n\n- [Intro](intro.md)\n");
    write(d, "src/intro.md", "# Intro\n\nHello.\n");
    let run = import(d, &[]);
    assert_eq!(run.code, 2, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("mdBook"), "{}", run.stderr);
    assert!(run.stderr.contains("book.toml"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(d.join("book.toml")).unwrap(),
        mdbook
    );
    assert!(!d.join("gtmbook-baseline.json").exists());

    // --dry-run shows what it would write, from mdBook's settings.
    let dry = import(d, &["--dry-run"]);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    let t: toml::Table = dry
        .stdout
        .split("would be:")
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(t["book"]["title"].as_str(), Some("The Guide"));
    assert_eq!(t["build"]["content"].as_str(), Some("src"));
    assert_eq!(t["build"]["mount"].as_str(), Some("/guide/"));
    assert!(strs(&t["build"]["exclude"]).contains(&"/SUMMARY.md".to_string()));

    // Moved aside, as the message says: the import goes through.
    std::fs::rename(d.join("book.toml"), d.join("mdbook.toml")).unwrap();
    let run = import(d, &[]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(book_toml(d)["build"]["content"].as_str(), Some("src"));
}

#[test]
fn a_book_toml_a_person_wrote_is_left_alone() {
    let book = Book::basic();
    let before = book.read("book.toml");
    let run = import(book.path(), &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(book.read("book.toml"), before);
}

#[test]
fn without_generator_config_the_folder_with_most_markdown_is_content() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for name in ["a", "b", "c"] {
        write(
            d,
            &format!("pages/{name}.md"),
            &format!("# {name}\n\nText.\n"),
        );
    }
    write(d, "misc/one.md", "# One\n");
    write(d, "misc/two.md", "# Two\n");
    write(d, "misc/three.md", "# Three\n");
    write(d, "misc/four.md", "# Four\n");
    write(d, "LICENSE.md", "Licence.\n");
    let run = import(d, &["--no-baseline"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let t = book_toml(d);
    // `pages` is a name sites use for their pages: preferred over a bigger `misc`.
    assert_eq!(t["build"]["content"].as_str(), Some("pages"));
    assert!(t["lint"].get("baseline").is_none());
    assert!(!d.join("gtmbook-baseline.json").exists());
}

// ---------------------------------------------------------------- serve

#[test]
fn serve_skips_excluded_saves_and_hides_the_baseline() {
    use crate::serve::{Server, get};
    let book = Book::basic();
    set_build(&book, r#"exclude = ["drafts/**"]"#);
    book.write("content/notes.md", NOTES);
    assert_eq!(
        book.run(&["check", "--write-baseline", "gtmbook-baseline.json"])
            .code,
        0
    );
    set_lint(&book, r#"baseline = "gtmbook-baseline.json""#);
    let server = Server::start(&book);
    let said = server.first.join("\n");
    assert!(said.contains("2 findings hidden by the baseline"), "{said}");

    book.write(
        "content/drafts/idea.md",
        "---\ntitle: Idea\n---\n\nSecret.\n",
    );
    book.write("content/visible.md", "---\ntitle: Visible\n---\n\nShown.\n");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let (status, _) = get(&format!("{}visible/", server.url));
        if status == 200 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "visible page never served"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let (status, _) = get(&format!("{}drafts/idea/", server.url));
    assert_eq!(status, 404);
}

#[test]
fn init_from_a_folder_is_import() {
    let dir = tempfile::tempdir().unwrap();
    hugo_tree(dir.path());
    let out = assert_cmd::Command::cargo_bin("gtmbook")
        .unwrap()
        .args(["init", "--from"])
        .arg(dir.path())
        .env("GTMBOOK_TODAY", TODAY)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Hugo"));
    let t = book_toml(dir.path());
    assert_eq!(t["book"]["title"].as_str(), Some("Field Guide"));
    // The starter handbook of plain `init` is not written.
    assert!(!dir.path().join("content/messaging").exists());
    // `--from` with a title of its own is refused: import takes the site's title.
    let both = assert_cmd::Command::cargo_bin("gtmbook")
        .unwrap()
        .args(["init", "--title", "X", "--from"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(both.status.code(), Some(2));
}
