//! `gtmbook build`: the site it writes, parsed as HTML and JSON.

use crate::support::*;
use std::collections::BTreeMap;
use std::path::Path;

fn all_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir(dir) {
        let rel = e
            .strip_prefix(dir)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        out.insert(rel, std::fs::read(&e).unwrap());
    }
    out
}

fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn built(book: &Book) {
    let run = book.build();
    assert_eq!(run.code, 0, "build failed:\n{}\n{}", run.stdout, run.stderr);
}

/// Every internal link and anchor in every page of `out` resolves.
pub fn assert_links_resolve(out: &Path, base: &str) {
    let files = all_files(out);
    let mut ids: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (rel, bytes) in &files {
        if rel.ends_with(".html") {
            let html = scraper::Html::parse_document(&String::from_utf8_lossy(bytes));
            ids.insert(rel.clone(), attrs(&html, "[id]", "id"));
        }
    }
    let mut broken = Vec::new();
    for (rel, bytes) in &files {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = scraper::Html::parse_document(&String::from_utf8_lossy(bytes));
        let mut targets = attrs(&html, "a[href]", "href");
        targets.extend(attrs(&html, "link[href]", "href"));
        targets.extend(attrs(&html, "script[src]", "src"));
        targets.extend(attrs(&html, "img[src]", "src"));
        for href in targets {
            if href.contains("://") || href.starts_with("mailto:") {
                continue;
            }
            let (path, anchor) = match href.split_once('#') {
                Some((p, a)) => (p.to_string(), Some(a.to_string())),
                None => (href.clone(), None),
            };
            let target = if path.is_empty() {
                rel.clone()
            } else {
                let Some(p) = path.strip_prefix(base) else {
                    broken.push(format!("{rel}: {href} is not under {base}"));
                    continue;
                };
                let p = p.replace("%20", " ");
                if p.is_empty() || p.ends_with('/') {
                    format!("{p}index.html")
                } else {
                    p
                }
            };
            if !files.contains_key(&target) {
                broken.push(format!("{rel}: {href} (no {target})"));
                continue;
            }
            if let Some(a) = anchor
                && !a.is_empty()
                && !ids.get(&target).is_some_and(|ids| ids.contains(&a))
            {
                broken.push(format!("{rel}: {href} (no #{a} in {target})"));
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn every_document_has_a_page_and_links_resolve() {
    let book = Book::basic();
    // Messages and claims can be linked by their plain ids or their prefixed anchors.
    book.append(
        "content/personas/buyer.md",
        "\n[a](../messaging/core.md#one-liner) [b](../messaging/core.md#msg-pillar-shared-plan) [c](../reference/claims.md#fewer-calls)\n",
    );
    built(&book);
    for page in [
        "index.html",
        "positioning/index.html",
        "messaging/core/index.html",
        "personas/buyer/index.html",
        "playbooks/launch/index.html",
        "competitors/spreadsheets/index.html",
        "reference/claims/index.html",
        "reference/glossary/index.html",
        // folders without _index.md get a generated section page
        "messaging/index.html",
        "reference/index.html",
        // generated pages
        "gtmbook/message-map/index.html",
        "gtmbook/claims/index.html",
        "gtmbook/glossary/index.html",
        "gtmbook/health/index.html",
        "404.html",
    ] {
        assert!(book.exists(&format!("public/{page}")), "missing {page}");
    }
    assert_links_resolve(&book.output(), "/");
}

#[test]
fn references_render_canonical_text_with_data_msg() {
    let book = Book::basic();
    built(&book);
    let html = book.html("public/personas/buyer/index.html");
    let msgs = texts(&html, "main [data-msg=\"core.pillar-shared-plan\"]");
    assert!(
        msgs.iter()
            .any(|t| t == "Everyone works from the same plan, updated when a job moves."),
        "{msgs:?}"
    );
    let home = book.html("public/index.html");
    assert_eq!(
        texts(&home, "[data-msg=\"core.one-liner\"]")
            .first()
            .map(String::as_str),
        Some("Example Product gives small operations teams one plan for the week.")
    );
    let claims = book.html("public/reference/claims/index.html");
    let claim = texts(&claims, "main [data-claim=\"fewer-calls\"]");
    assert!(
        claim
            .iter()
            .any(|t| t.starts_with("Teams that share one plan make 30% fewer calls")),
        "{claim:?}"
    );
}

#[test]
fn markdown_links_are_rewritten_with_anchors() {
    let book = Book::basic();
    book.append(
        "content/playbooks/launch.md",
        "\nSee [the buyer](../personas/buyer.md#what-they-hear-first) and [home](/).\n",
    );
    built(&book);
    let html = book.html("public/playbooks/launch/index.html");
    let hrefs = attrs(&html, "main a", "href");
    assert!(
        hrefs.contains(&"/personas/buyer/#what-they-hear-first".to_string()),
        "{hrefs:?}"
    );
    assert!(hrefs.contains(&"/messaging/core/".to_string()), "{hrefs:?}");
    let buyer = book.html("public/personas/buyer/index.html");
    assert!(attrs(&buyer, "h2", "id").contains(&"what-they-hear-first".to_string()));
}

#[test]
fn hostile_title_is_escaped() {
    let book = Book::basic();
    book.write(
        "content/evil.md",
        "---\ntitle: \"<script>alert('x')</script> & co\"\ndescription: \"<img src=x onerror=alert(1)>\"\nowner: \"<b>me</b>\"\n---\n\nBody.\n",
    );
    built(&book);
    let raw = book.read("public/evil/index.html");
    assert!(!raw.contains("<script>alert"), "unescaped title");
    assert!(!raw.contains("<img src=x"), "unescaped description");
    assert!(!raw.contains("<b>me</b>"), "unescaped owner");
    let html = book.html("public/evil/index.html");
    assert_eq!(
        texts(&html, "h1").first().map(String::as_str),
        Some("<script>alert('x')</script> & co")
    );
    // Other pages list it in navigation, escaped too.
    assert!(!book.read("public/index.html").contains("<script>alert"));
}

#[test]
fn navigation_orders_by_weight_then_title() {
    let book = Book::basic();
    book.write(
        "content/guides/zebra.md",
        "---\ntitle: Zebra\nweight: 1\n---\nText.\n",
    );
    book.write(
        "content/guides/apple.md",
        "---\ntitle: Apple\nweight: 2\n---\nText.\n",
    );
    book.write(
        "content/guides/mango.md",
        "---\ntitle: Mango\nweight: 2\n---\nText.\n",
    );
    built(&book);
    let html = book.html("public/guides/zebra/index.html");
    let links = texts(&html, "nav[aria-label=\"Handbook\"] a");
    let pos = |t: &str| {
        links
            .iter()
            .position(|l| l == t)
            .unwrap_or_else(|| panic!("{t} not in {links:?}"))
    };
    assert!(pos("Zebra") < pos("Apple"));
    assert!(pos("Apple") < pos("Mango"));
    // The current page is marked.
    assert_eq!(
        texts(
            &html,
            "nav[aria-label=\"Handbook\"] a[aria-current=\"page\"]"
        ),
        ["Zebra"]
    );
    // previous/next follow the same order
    let next = attrs(&html, "a[rel=\"next\"]", "href");
    assert_eq!(next, ["/guides/apple/"]);
}

#[test]
fn navigation_opens_any_depth_down_to_the_current_page() {
    let book = Book::basic();
    let deep = "content/a/b/c/d/e/f/g";
    book.write(
        &format!("{deep}/deepest.md"),
        "---\ntitle: Deepest page\n---\nText.\n",
    );
    book.write(
        "content/a/b/sibling.md",
        "---\ntitle: Sibling\n---\nText.\n",
    );
    built(&book);
    let html = book.html("public/a/b/c/d/e/f/g/deepest/index.html");
    let nav = "nav[aria-label=\"Handbook\"]";
    assert_eq!(
        texts(&html, &format!("{nav} a[aria-current=\"page\"]")),
        ["Deepest page"]
    );
    // Eight lists deep: the top list, then one per folder a..g.
    let nested = format!("{nav} {}", ["ul"; 8].join(" > li > "));
    assert_eq!(
        texts(&html, &format!("{nested} > li > a")),
        ["Deepest page"]
    );
    // Lists close where their folder ends: the sibling is back at the level of `b`.
    let at_b = format!("{nav} {} > li > a", ["ul"; 3].join(" > li > "));
    assert!(
        texts(&html, &at_b).contains(&"Sibling".to_string()),
        "{:?}",
        texts(&html, &at_b)
    );
    // Entries after the open folder are top-level again.
    assert_eq!(
        texts(&html, &format!("{nav} > ul > li > a")),
        [
            "A",
            "Competitors",
            "Messaging",
            "Personas",
            "Playbooks",
            "Reference",
            "Positioning"
        ]
    );
}

#[test]
fn builds_are_byte_identical() {
    let book = Book::basic();
    let a = book.path().join("out-a");
    let b = book.path().join("out-b");
    assert_eq!(book.run(&["build", "-o", a.to_str().unwrap()]).code, 0);
    assert_eq!(book.run(&["build", "-o", b.to_str().unwrap()]).code, 0);
    let fa = all_files(&a);
    let fb = all_files(&b);
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (k, v) in &fa {
        assert!(fb[k] == *v, "{k} differs between builds");
    }
}

#[test]
fn failed_build_keeps_previous_site() {
    let book = Book::basic();
    built(&book);
    let before = all_files(&book.output());
    book.append("content/personas/buyer.md", "\n{{msg:core.missing}}\n");
    book.write("content/new-page.md", "---\ntitle: New\n---\nNew.\n");
    let run = book.build();
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("ref/unknown"), "{}", run.stderr);
    assert_eq!(
        all_files(&book.output()),
        before,
        "the old site must stay as it was"
    );
}

#[test]
fn deleted_pages_do_not_linger_and_static_is_copied() {
    let book = Book::basic();
    book.write("content/temp.md", "---\ntitle: Temporary\n---\nText.\n");
    book.write("static/files/brief.txt", "a static file\n");
    built(&book);
    assert!(book.exists("public/temp/index.html"));
    assert_eq!(book.read("public/files/brief.txt"), "a static file\n");
    book.remove("content/temp.md");
    built(&book);
    assert!(!book.exists("public/temp/index.html"));
    assert!(!book.exists("public/temp"));
    // Later builds reuse the replaced site as their staging folder: stale files go too.
    book.write("content/other.md", "---\ntitle: Other\n---\nText.\n");
    built(&book);
    book.remove("content/other.md");
    built(&book);
    built(&book);
    assert!(!book.exists("public/other"));
    assert!(!book.exists("public/temp"));
    assert!(book.exists("public/personas/buyer/index.html"));
}

#[test]
fn theme_override_replaces_one_template() {
    let book = Book::basic();
    book.write(
        "themes/default/templates/page.html",
        "<!doctype html><html><body><h1 class=\"custom\">{{ page.title }}</h1>{{ page.content_html | safe }}</body></html>",
    );
    book.write("content/plain.md", "---\ntitle: Plain page\n---\nHello.\n");
    built(&book);
    let html = book.html("public/plain/index.html");
    assert_eq!(texts(&html, "h1.custom"), ["Plain page"]);
    // Other templates still come from the built-in theme.
    let persona = book.read("public/personas/buyer/index.html");
    assert!(!persona.contains("class=\"custom\""));
    assert!(book.exists("public/assets/style.css"));
}

#[test]
fn malformed_document_is_reported_while_the_rest_builds() {
    let book = Book::basic();
    book.write(
        "content/broken.md",
        "---\ntitle: [unclosed\n---\n# Broken page\n\nBody survives.\n",
    );
    book.append(
        "book.toml",
        "\n[lint.rules]\n\"frontmatter/syntax\" = \"warning\"\n",
    );
    let run = book.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("content/broken.md"), "{}", run.stderr);
    assert!(book.exists("public/personas/buyer/index.html"));
    let html = book.html("public/broken/index.html");
    assert!(
        texts(&html, "main")
            .iter()
            .any(|t| t.contains("Body survives."))
    );
}

#[test]
fn api_json_round_trips_the_model() {
    let book = Book::basic();
    built(&book);
    let m: serde_json::Value =
        serde_json::from_str(&book.read("public/api/messages.json")).unwrap();
    let messages = m["messages"].as_array().unwrap();
    let ids: Vec<&str> = messages.iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "core.one-liner",
            "core.pillar-shared-plan",
            "core.objection-spreadsheet"
        ]
    );
    let pillar = &messages[1];
    assert_eq!(pillar["kind"], "pillar");
    assert_eq!(pillar["proof"][0], "fewer-calls");
    assert_eq!(pillar["defined_in"]["path"], "content/messaging/core.md");
    let used: Vec<&str> = pillar["used_by"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u.as_str().unwrap())
        .collect();
    assert!(used.contains(&"/personas/buyer/"), "{used:?}");
    assert!(used.contains(&"/competitors/spreadsheets/"), "{used:?}");
    let c: serde_json::Value = serde_json::from_str(&book.read("public/api/claims.json")).unwrap();
    assert_eq!(c["claims"][0]["id"], "fewer-calls");
    assert_eq!(c["claims"][0]["expires"], "2028-10-01");
    let t: serde_json::Value = serde_json::from_str(&book.read("public/api/terms.json")).unwrap();
    assert_eq!(t["terms"][0]["term"], "Example Product");
    assert_eq!(t["terms"][0]["case_sensitive"], true);
    assert_eq!(t["banned"][0]["phrase"], "world-class");
}

#[test]
fn message_map_lists_users_and_channels() {
    let book = Book::basic();
    book.replace(
        "content/personas/buyer.md",
        "type: persona\n",
        "type: persona\nchannels: [demo]\n",
    );
    built(&book);
    let html = book.html("public/gtmbook/message-map/index.html");
    let body = texts(&html, "main").join(" ");
    for m in [
        "core.one-liner",
        "core.pillar-shared-plan",
        "core.objection-spreadsheet",
    ] {
        assert!(body.contains(m), "{m} missing from the message map");
    }
    let links = attrs(&html, "main a", "href");
    assert!(links.contains(&"/personas/buyer/".to_string()), "{links:?}");
    assert!(body.contains("demo"));
}

#[test]
fn health_page_lists_stale_documents() {
    let book = Book::basic();
    book.replace(
        "content/positioning.md",
        "reviewed: 2026-11-01",
        "reviewed: 2025-01-01",
    );
    built(&book);
    let html = book.html("public/gtmbook/health/index.html");
    let body = texts(&html, "main").join(" ");
    assert!(body.contains("Positioning"), "{body}");
    assert!(attrs(&html, "main a", "href").contains(&"/positioning/".to_string()));
    // and the page itself shows a stale banner
    let page = book.html("public/positioning/index.html");
    assert!(!texts(&page, "[role=note]").is_empty() || !texts(&page, ".banner").is_empty());
}

/// The documents holding `term` in the built search index, with their records:
/// the manifest's chunk boundaries, the term chunk, delta-coded postings, document chunks.
pub fn search_lookup(book: &Book, term: &str) -> Vec<(u64, serde_json::Value)> {
    let read = |rel: &str| -> serde_json::Value {
        serde_json::from_str(&book.read(&format!("public/search/{rel}"))).unwrap()
    };
    let manifest = read("index.json");
    assert_eq!(manifest["version"], 2);
    let fields: Vec<&str> = manifest["posting_fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert_eq!(fields, ["doc_delta", "score"]);
    let firsts: Vec<&str> = manifest["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert!(firsts.windows(2).all(|w| w[0] < w[1]), "sorted chunks");
    let chunk = firsts.iter().rposition(|f| *f <= term).unwrap_or(0);
    let terms = read(&format!("terms-{chunk}.json"));
    let Some(postings) = terms[term].as_array() else {
        return Vec::new();
    };
    let per = manifest["doc_chunk"].as_u64().unwrap();
    let mut doc = 0;
    postings
        .chunks(2)
        .map(|p| {
            doc += p[0].as_u64().unwrap();
            let docs = read(&format!("docs-{}.json", doc / per));
            (doc, docs[(doc % per) as usize].clone())
        })
        .collect()
}

#[test]
fn search_index_finds_body_text_with_its_snippet() {
    let book = Book::basic();
    book.write(
        "content/notes.md",
        "---\ntitle: Notes\n---\n\nThe zanzibar procedure applies.\n",
    );
    built(&book);
    let hits = search_lookup(&book, "zanzibar");
    assert_eq!(hits.len(), 1, "{hits:?}");
    let record = &hits[0].1;
    // title, url, section, text: the snippet comes from the index, not from the page.
    assert_eq!(record[0], "Notes");
    assert_eq!(record[1], "/notes/");
    assert_eq!(record[3], "The zanzibar procedure applies.");
    // Every document is in exactly one document chunk.
    let manifest: serde_json::Value =
        serde_json::from_str(&book.read("public/search/index.json")).unwrap();
    let n = manifest["docs"].as_u64().unwrap();
    let per = manifest["doc_chunk"].as_u64().unwrap();
    let mut listed = 0;
    for c in 0..n.div_ceil(per) {
        let docs: serde_json::Value =
            serde_json::from_str(&book.read(&format!("public/search/docs-{c}.json"))).unwrap();
        listed += docs.as_array().unwrap().len() as u64;
    }
    assert_eq!(listed, n);
    assert!(
        !book.exists("public/search/docs.json"),
        "no list of every page"
    );
}

#[test]
fn base_url_prefixes_every_link() {
    let book = Book::basic();
    book.replace("book.toml", "base_url = \"/\"", "base_url = \"/handbook/\"");
    built(&book);
    assert_links_resolve(&book.output(), "/handbook/");
}

#[test]
fn sample_handbook_has_no_findings_and_every_link_resolves() {
    let book = Book {
        dir: tempfile::tempdir().unwrap(),
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join("book.toml"), book.path().join("book.toml")).unwrap();
    let src = root.join("content");
    for file in walkdir(&src) {
        let rel = file.strip_prefix(&src).unwrap();
        let target = book.path().join("content").join(rel);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&file, target).unwrap();
    }
    let (code, findings) = book.check();
    assert_eq!(code, 0);
    let serious: Vec<_> = findings.iter().filter(|f| f.severity != "info").collect();
    assert!(serious.is_empty(), "{serious:#?}");
    built(&book);
    assert_links_resolve(&book.output(), "/");
    // Every document type has its page.
    let msg = book.html("public/messaging/platform/index.html");
    assert!(!texts(&msg, "[data-msg=\"platform.one-liner\"]").is_empty());
    let persona = book.html("public/personas/ops-director/index.html");
    assert!(texts(&persona, ".buyer-card dt").contains(&"Trigger".to_string()));
}
