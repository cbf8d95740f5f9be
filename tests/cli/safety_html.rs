//! SPEC 8: front-matter values never become live HTML, links keep only safe schemes, and
//! `[build] sanitize = true` cleans body HTML.

use crate::support::*;
use std::collections::BTreeSet;
use std::path::Path;

/// Script, event handler and `javascript:` link, in one value.
const EVIL: &str = "X *em* <script>alert(1)</script> <img src=x onerror=alert(1)> <b>bold</b> [j](javascript:alert(1)) [k](jAvAsCrIpT:alert(2)) [t](java&#9;script:alert(3))";

fn q(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// The basic book with every front-matter field and book.toml value made hostile.
fn hostile(sanitize: bool) -> Book {
    let book = Book::basic();
    let e = q(EVIL);
    book.write(
        "book.toml",
        &format!(
            "[book]\ntitle = {t}\ndescription = {t}\nbase_url = \"/\"\nedit_url = \"javascript:alert(1)//{{path}}\"\n\n[build]\noutput = \"public\"\nsanitize = {sanitize}\n\n[lint.rules]\n\"link/unsafe\" = \"warning\"\n",
            t = toml_str(EVIL),
        ),
    );
    let meta = format!("owner: {e}\nreviewed: 2026-11-01\ndescription: {e}\ntags: [{e}]\n");
    book.write(
        "content/messaging/core.md",
        &format!("---\ntitle: {e}\ntype: messaging\nid: core\n{meta}channels: [website]\nmessages:\n  - id: one-liner\n    kind: one-liner\n    text: {e}\n  - id: pillar-shared-plan\n    kind: pillar\n    text: {e}\n    proof: [fewer-calls]\n  - id: objection-spreadsheet\n    kind: objection\n    text: {e}\n    response: {e}\n---\n\nUse it: {{{{msg:core.one-liner}}}} and {{{{claim:fewer-calls}}}}.\n"),
    );
    book.write(
        "content/reference/claims.md",
        &format!("---\ntitle: {e}\ntype: claims\nid: claims\n{meta}claims:\n  - id: fewer-calls\n    text: {e}\n    source: ' JaVaScRiPt:alert(document.cookie)'\n    as_of: 2026-10-01\n    expires: 2026-12-20\n---\n"),
    );
    book.write(
        "content/personas/buyer.md",
        &format!("---\ntitle: {e}\ntype: persona\nid: buyer\n{meta}role: {e}\ntrigger: {e}\npain: {e}\nstakes: {e}\ndecision_process: {e}\n---\n"),
    );
    book.write(
        "content/positioning.md",
        &format!("---\ntitle: {e}\ntype: positioning\nid: positioning\n{meta}product: {e}\ncategory: {e}\nfor: [buyer]\nnot_for: [{e}]\nproblem: {e}\nunlike: [spreadsheets]\ndifferentiators:\n  - {e}\n---\n"),
    );
    book.write(
        "content/competitors/spreadsheets.md",
        &format!("---\ntitle: {e}\ntype: competitor\nid: spreadsheets\n{meta}name: {e}\ndifferentiators: [core.pillar-shared-plan]\nlandmines:\n  - {e}\n---\n"),
    );
    book.write(
        "content/playbooks/launch.md",
        &format!("---\ntitle: {e}\ntype: playbook\nid: launch\n{meta}cadence: launch\naudience: [buyer]\nsteps:\n  - title: {e}\n    owner: {e}\n    when: {e}\n---\n"),
    );
    book.write(
        "content/reference/glossary.md",
        &format!("---\ntitle: {e}\ntype: glossary\nid: glossary\n{meta}terms:\n  - term: {e}\n    definition: {e}\n    avoid: [{e}]\nbanned:\n  - phrase: {e}\n    reason: {e}\n---\n"),
    );
    book
}

fn toml_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn html_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            html_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "html") {
            out.push(p);
        }
    }
}

fn scheme_is_js(v: &str) -> bool {
    let squeezed: String = v
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    squeezed.starts_with("javascript:")
        || squeezed.starts_with("vbscript:")
        || squeezed.starts_with("data:")
}

/// Every `<script>` of the site (as HTML), and every problem found in its pages.
/// The refresh of a page gtmbook writes at an old or generated address: to a path of
/// the site itself.
fn own_redirect(v: &scraper::node::Element) -> bool {
    v.attr("http-equiv") == Some("refresh")
        && v.attr("content").is_some_and(|c| c.starts_with("0; url=/"))
}

fn walk(site: &Path) -> (BTreeSet<String>, Vec<String>) {
    let mut files = Vec::new();
    html_files(site, &mut files);
    assert!(files.len() > 5, "{files:?}");
    let mut scripts = BTreeSet::new();
    let mut bad = Vec::new();
    let all = scraper::Selector::parse("*").unwrap();
    for f in files {
        let html = scraper::Html::parse_document(&std::fs::read_to_string(&f).unwrap());
        for el in html.select(&all) {
            let v = el.value();
            let name = v.name();
            if name == "script" {
                scripts.insert(el.html());
            }
            if matches!(name, "iframe" | "object" | "embed")
                || (name == "meta" && v.attr("http-equiv").is_some() && !own_redirect(v))
            {
                bad.push(format!("{}: <{name}>", f.display()));
            }
            for (a, val) in v.attrs() {
                if a.to_ascii_lowercase().starts_with("on") {
                    bad.push(format!("{}: <{name} {a}=\"{val}\">", f.display()));
                }
                if matches!(a, "href" | "src" | "action" | "formaction") && scheme_is_js(val) {
                    bad.push(format!("{}: <{name} {a}=\"{val}\">", f.display()));
                }
            }
        }
    }
    (scripts, bad)
}

#[test]
fn hostile_front_matter_is_inert_on_every_page() {
    let clean = Book::basic();
    assert_eq!(clean.build().code, 0);
    let (clean_scripts, clean_bad) = walk(&clean.output());
    assert!(clean_bad.is_empty(), "{clean_bad:#?}");

    let book = hostile(false);
    let run = book.build();
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let (scripts, bad) = walk(&book.output());
    assert!(bad.is_empty(), "{bad:#?}");
    let extra: Vec<_> = scripts.difference(&clean_scripts).collect();
    assert!(
        extra.is_empty(),
        "scripts the theme does not emit: {extra:#?}"
    );

    // The words are still there, as text.
    let page = book.html("public/messaging/core/index.html");
    let texts = texts(&page, ".msg-card .msg-text");
    assert!(
        texts
            .iter()
            .any(|t| t.contains("<script>alert(1)</script>") && t.contains("<b>bold</b>")),
        "{texts:#?}"
    );
    // The link text stays, the link goes.
    assert!(texts.iter().any(|t| t.contains(" j ") || t.contains(" j")));

    // Each unsafe link is a finding naming its place.
    let (_, findings) = book.check();
    let unsafe_: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == "link/unsafe")
        .collect();
    assert!(
        unsafe_
            .iter()
            .any(|f| f.file == "book.toml" && f.line == 5 && f.message.contains("edit_url")),
        "{unsafe_:#?}"
    );
    let source = unsafe_
        .iter()
        .find(|f| f.file.ends_with("claims.md") && f.message.contains("source"))
        .unwrap_or_else(|| panic!("{unsafe_:#?}"));
    assert_eq!(source.line, 12);
    // One per bad link in message texts, responses, claims and every prose field.
    assert!(unsafe_.len() > 30, "{}", unsafe_.len());
    assert!(unsafe_.iter().all(|f| f.severity == "warning"));

    // Raw HTML in front-matter is named where it stands, in every file that carries it.
    let html: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == "frontmatter/html")
        .collect();
    for file in [
        "content/messaging/core.md",
        "content/reference/claims.md",
        "content/personas/buyer.md",
        "content/positioning.md",
        "content/competitors/spreadsheets.md",
        "content/playbooks/launch.md",
        "content/reference/glossary.md",
    ] {
        assert!(
            html.iter()
                .any(|f| f.file == file && f.message.contains("<script>")),
            "{file}: {html:#?}"
        );
    }
    assert!(html.iter().all(|f| f.severity == "warning" && f.line > 1));
}

#[test]
fn markdown_and_a_less_than_sign_in_front_matter_are_not_html() {
    let book = Book::basic();
    book.write(
        "content/personas/ops.md",
        "---\ntitle: Ops lead\ntype: persona\nid: ops\nowner: Dana\nrole: Runs **every** shift for < 40 people, see [the plan](https://example.com/plan).\npain: Shifts of `<=` 8 hours.\n---\n",
    );
    assert!(book.findings("frontmatter/html").is_empty());
    book.write(
        "content/personas/ops.md",
        "---\ntitle: Ops lead\ntype: persona\nid: ops\nowner: Dana\nrole: Runs <b>every</b> shift.\n---\n",
    );
    let f = book.findings("frontmatter/html");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(
        (f[0].file.as_str(), f[0].line),
        ("content/personas/ops.md", 6)
    );
    assert!(f[0].message.contains("`<b>`"), "{}", f[0].message);
}

#[test]
fn an_unsafe_link_is_an_error_by_default_and_a_safe_one_passes() {
    let book = Book::basic();
    book.replace(
        "content/reference/claims.md",
        "source: https://example.com/replace-with-your-study",
        "source: \"java\\tscript:alert(1)\"",
    );
    let f = book.findings("link/unsafe");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].severity, "error");
    assert_eq!((f[0].line, f[0].column), (10, 13));
    assert_eq!(book.build().code, 1);

    // Near miss: http, https, mailto and relative links are fine, and link.
    let ok = Book::basic();
    ok.replace(
        "content/messaging/core.md",
        "text: Our spreadsheet already works.",
        "text: 'See [the study](HTTPS://example.com/a:b), [mail](mailto:a@example.com) and [the plan](../positioning.md).'",
    );
    assert!(ok.findings("link/unsafe").is_empty());
    assert_eq!(ok.build().code, 0);
    let hrefs = attrs(
        &ok.html("public/messaging/core/index.html"),
        ".msg-text a",
        "href",
    );
    assert!(
        hrefs.iter().any(|h| h == "HTTPS://example.com/a:b"),
        "{hrefs:?}"
    );
    assert!(
        hrefs.iter().any(|h| h == "mailto:a@example.com"),
        "{hrefs:?}"
    );
}

#[test]
fn front_matter_prose_is_inline_markdown_with_html_escaped() {
    let book = Book::basic();
    book.replace(
        "content/messaging/core.md",
        "text: Example Product gives small operations teams one plan for the week.",
        "text: 'One *plan* with `code` and <b>no bold</b>.'",
    );
    book.replace(
        "content/personas/buyer.md",
        "pain: Plans live in one person's spreadsheet and go stale by Tuesday.",
        "pain: '**Stale** plans <i>x</i>'",
    );
    assert_eq!(book.build().code, 0);
    let page = book.html("public/messaging/core/index.html");
    assert_eq!(texts(&page, ".one-liner .msg-text em"), vec!["plan"]);
    assert_eq!(texts(&page, ".one-liner .msg-text code"), vec!["code"]);
    assert!(texts(&page, ".one-liner .msg-text b").is_empty());
    assert!(texts(&page, ".one-liner .msg-text")[0].contains("<b>no bold</b>"));
    let persona = book.html("public/personas/buyer/index.html");
    assert_eq!(texts(&persona, "dd strong"), vec!["Stale"]);
    assert!(texts(&persona, "dd i").is_empty());
    let map = book.html("public/gtmbook/message-map/index.html");
    assert!(texts(&map, "td b").is_empty());
    assert_eq!(texts(&map, "td em"), vec!["plan"]);
}

const HOSTILE_BODY: &str = "# Hostile\n\nHello {{msg:core.one-liner}} there.\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n<a href=\"javascript:alert(1)\">j</a>\n\n<iframe src=\"https://example.com\"></iframe>\n\n<meta http-equiv=\"refresh\" content=\"0;url=https://example.com\">\n\n| a | b |\n|:-:|---|\n| 1 | 2 |\n\n- [x] done\n\nNote[^1].\n\n[^1]: The note.\n\n## Second part\n";

fn body_book(sanitize: bool) -> Book {
    let book = Book::basic();
    book.append("book.toml", &format!("\n[build]\nsanitize = {sanitize}\n"));
    book.replace("book.toml", "[build]\noutput = \"public\"\n", "");
    book.write(
        "content/hostile.md",
        &format!("---\nid: hostile\n---\n{HOSTILE_BODY}"),
    );
    book
}

#[test]
fn sanitize_removes_active_html_from_bodies_and_keeps_references() {
    let book = body_book(true);
    let run = book.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let raw = book.read("public/hostile/index.html");
    assert!(!raw.contains("alert(1)</script>"), "{raw}");
    assert!(!raw.contains("onerror"));
    assert!(!raw.contains("javascript:"));
    assert!(!raw.contains("<iframe"));
    assert!(!raw.contains("http-equiv"));
    let page = book.html("public/hostile/index.html");
    // References are filled after sanitizing.
    assert_eq!(
        attrs(&page, ".content span.msg", "data-msg"),
        vec!["core.one-liner"]
    );
    // What gtmbook's Markdown needs survives.
    assert_eq!(attrs(&page, ".content h2", "id"), vec!["second-part"]);
    assert_eq!(
        attrs(&page, ".content h2 a.anchor", "href"),
        vec!["#second-part"]
    );
    assert_eq!(attrs(&page, ".content input", "type"), vec!["checkbox"]);
    assert_eq!(
        attrs(&page, ".content th", "style"),
        vec!["text-align:center"]
    );
    assert_eq!(
        attrs(&page, ".content .footnote-definition", "id"),
        vec!["1"]
    );
    assert_eq!(texts(&page, ".content a[href=\"#1\"]"), vec!["1"]);
    let (_, bad) = walk(&book.output());
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn without_sanitize_body_html_is_kept_byte_for_byte() {
    let book = body_book(false);
    assert_eq!(book.build().code, 0);
    let raw = book.read("public/hostile/index.html");
    for kept in [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">j</a>",
        "<iframe src=\"https://example.com\"></iframe>",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://example.com\">",
    ] {
        assert!(raw.contains(kept), "{kept} missing:\n{raw}");
    }
    // And sanitize leaves a clean body as it was.
    let clean_off = Book::basic();
    let clean_on = Book::basic();
    clean_on.append("book.toml", "\n[build]\nsanitize = true\n");
    clean_on.replace("book.toml", "[build]\noutput = \"public\"\n", "");
    assert_eq!(clean_off.build().code, 0);
    assert_eq!(clean_on.build().code, 0);
    for page in ["positioning/index.html", "messaging/core/index.html"] {
        let a = texts(&clean_off.html(&format!("public/{page}")), "main .content");
        let b = texts(&clean_on.html(&format!("public/{page}")), "main .content");
        assert_eq!(a, b, "{page}");
    }
}

const CORE: &str = "content/messaging/core.md";

#[test]
fn references_in_front_matter_prose_expand_one_level_and_count_as_uses() {
    let book = Book::basic();
    // A new message cited only from another message's response.
    book.replace(
        CORE,
        "messages:\n",
        "messages:\n  - id: boilerplate\n    kind: boilerplate\n    text: 'Plans *the week*, see {{claim:fewer-calls}}.'\n",
    );
    assert_eq!(book.findings("message/unused").len(), 1);
    book.replace(
        CORE,
        "response: It works for the person who keeps it; the plan works for the whole team.",
        "response: 'It works for one person. {{msg:core.boilerplate}}'",
    );
    book.replace(
        "content/personas/buyer.md",
        "stakes: Late jobs mean refunds and churn.",
        "stakes: 'Late jobs: {{msg:core.boilerplate}} `{{msg:core.nothing}}`'",
    );
    let (_, all) = book.check();
    assert!(all.iter().all(|f| f.rule != "message/unused"), "{all:#?}");
    assert!(all.iter().all(|f| f.rule != "ref/unknown"), "{all:#?}");
    assert_eq!(book.build().code, 0);
    let page = book.html("public/messaging/core/index.html");
    // Response → boilerplate (expanded) → its claim (one level further: left as text).
    let cited = attrs(&page, ".response span.msg", "data-msg");
    assert_eq!(cited, vec!["core.boilerplate"]);
    assert_eq!(texts(&page, ".response span.msg em"), vec!["the week"]);
    assert!(texts(&page, ".response span.msg span.claim").is_empty());
    assert!(texts(&page, ".response span.msg")[0].contains("{{claim:fewer-calls}}"));
    // The message itself shows its claim, expanded.
    assert_eq!(
        attrs(&page, ".boilerplate .msg-text span.claim", "data-claim"),
        vec!["fewer-calls"]
    );
    // A persona field expands too, but not inside code.
    let persona = book.html("public/personas/buyer/index.html");
    assert_eq!(
        attrs(&persona, "dd span.msg", "data-msg"),
        vec!["core.boilerplate"]
    );
    assert_eq!(texts(&persona, "dd code"), vec!["{{msg:core.nothing}}"]);
}

#[test]
fn an_unknown_reference_in_front_matter_prose_is_found_at_its_place() {
    let book = Book::basic();
    book.replace(
        "content/personas/buyer.md",
        "pain: Plans live in one person's spreadsheet and go stale by Tuesday.",
        "pain: Plans go stale, {{claim:fewer-cals}} says so.",
    );
    let f = book.findings("ref/unknown");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert!(f[0].file.ends_with("buyer.md"));
    assert_eq!((f[0].line, f[0].column), (9, 23));
    assert!(f[0].help.as_deref().unwrap_or("").contains("fewer-calls"));
}

#[test]
fn texts_citing_each_other_in_a_circle_are_a_finding() {
    let book = Book::basic();
    book.replace(
        CORE,
        "text: Our spreadsheet already works.",
        "text: 'Our sheet works. {{msg:core.pillar-shared-plan}}'",
    );
    // Near miss: one direction only.
    assert!(book.findings("ref/cycle").is_empty());
    book.replace(
        CORE,
        "text: Everyone works from the same plan, updated when a job moves.",
        "text: 'Everyone works from the same plan: {{msg:core.objection-spreadsheet}}'",
    );
    let f = book.findings("ref/cycle");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].severity, "warning");
    assert!(f[0].file.ends_with("core.md"));
    // The build ends: each text shows the other's words once, the circle as text.
    assert_eq!(book.build().code, 0);
    let page = book.html("public/messaging/core/index.html");
    assert!(!texts(&page, ".objection .msg-text span.msg").is_empty());
}

#[test]
fn an_unsafe_base_url_is_a_finding_and_the_site_is_built_at_the_root() {
    let book = Book::basic();
    book.replace(
        "book.toml",
        "base_url = \"/\"",
        "base_url = \"JavaScript://%0aalert(1)/\"",
    );
    let f = book.findings("link/unsafe");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!((f[0].file.as_str(), f[0].line), ("book.toml", 5));
    assert!(f[0].message.contains("base_url"));
    book.append(
        "book.toml",
        "\n[lint.rules]\n\"link/unsafe\" = \"warning\"\n",
    );
    assert_eq!(book.build().code, 0);
    let (_, bad) = walk(&book.output());
    assert!(bad.is_empty(), "{bad:#?}");
    let hrefs = attrs(&book.html("public/index.html"), "a", "href");
    assert!(
        hrefs.iter().any(|h| h.starts_with("/messaging/")),
        "{hrefs:?}"
    );

    // Near miss: an absolute https base is kept.
    let ok = Book::basic();
    ok.replace(
        "book.toml",
        "base_url = \"/\"",
        "base_url = \"https://example.com/hb/\"",
    );
    assert!(ok.findings("link/unsafe").is_empty());
}
