//! Issue 15, part 5: other generators' syntax (Kramdown, Liquid, Hugo, ERB, MDX) is one
//! `syntax/foreign` finding per kind and file, and never reaches the published page;
//! Markdown inside `<aside markdown="1">` is rendered.

use crate::support::*;

const RULE: &str = "syntax/foreign";

/// A page moved in from Jekyll, Hugo, Middleman and an MDX site at once.
const MIXED: &str = "---\ntitle: Moved in\n---\n\n* TOC\n{:toc}\n\nIntro paragraph.\n{: .lead}\n\n## Pricing tiers\n{: #tiers}\n\nSee {% include cta.html %} now.\n\n{{< note >}}\nInner note text.\n{{< /note >}}\n\nHello <%= user.name %> there.\n\nimport Tabs from '@theme/Tabs';\n\n<Tabs>\n\nTab body text.\n\n</Tabs>\n\n[Back to tiers](#tiers)\n";

fn book_with(page: &str) -> Book {
    let book = Book::basic();
    book.write("content/moved.md", page);
    book
}

fn content_text(book: &Book, rel: &str) -> String {
    texts(&book.html(rel), "div.content").join(" ")
}

#[test]
fn each_syntax_is_named_once_per_kind() {
    let book = book_with(MIXED);
    let f = book.findings(RULE);
    let msgs: Vec<&str> = f.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(f.len(), 5, "{msgs:#?}");
    assert!(
        f.iter()
            .all(|f| f.severity == "warning" && f.file == "content/moved.md")
    );
    let at = |needle: &str| {
        f.iter()
            .find(|f| f.message.starts_with(&format!("`{needle}")))
            .unwrap_or_else(|| panic!("no finding for {needle}: {msgs:#?}"))
    };
    // Kramdown: the first one is `{:toc}` on line 6, and the count says three.
    let k = at("{:toc}");
    assert_eq!((k.line, k.column), (6, 1));
    assert!(k.message.contains("(3 Kramdown"), "{}", k.message);
    let l = at("{% include cta.html %}");
    assert_eq!((l.line, l.column), (14, 5));
    assert!(l.message.contains("Liquid"));
    let h = at("{{< note >}}");
    assert!(h.message.contains("(2 Hugo shortcodes"), "{}", h.message);
    assert!(at("<%= user.name %>").message.contains("ERB"));
    let m = at("import Tabs from");
    assert_eq!(m.line, 22);
    assert!(m.message.contains("(3 MDX"), "{}", m.message);
}

#[test]
fn the_page_holds_none_of_it() {
    let book = book_with(MIXED);
    let run = book.build();
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let text = content_text(&book, "public/moved/index.html");
    for token in [
        "{:",
        "{%",
        "{{<",
        "{{%",
        "<%",
        "%>",
        "TOC",
        "import Tabs",
        "Tabs>",
    ] {
        assert!(!text.contains(token), "{token} published: {text}");
    }
    // What paired tags held is kept.
    for kept in [
        "Intro paragraph.",
        "Inner note text.",
        "Tab body text.",
        "See now.",
    ] {
        assert!(
            text.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .contains(kept),
            "{kept} missing: {text}"
        );
    }
    let html = book.read("public/moved/index.html");
    assert!(!html.contains("{:") && !html.contains("{%") && !html.contains("<Tabs"));
}

#[test]
fn a_kramdown_id_names_its_heading() {
    let book = book_with(MIXED);
    assert!(book.findings("link/broken").is_empty());
    book.build();
    let h = book.html("public/moved/index.html");
    assert_eq!(attrs(&h, "h2#tiers", "id"), ["tiers"]);
    assert_eq!(texts(&h, "h2#tiers a.anchor"), ["#"]);
}

#[test]
fn nothing_in_code_is_named_or_changed() {
    let page = "---\ntitle: Docs of syntax\n---\n\nWrite `{: .lead}` or `{% include x %}` or `{{< note >}}`, `<%= x %>`, `<Tabs>`.\n\n```\n* TOC\n{:toc}\n{% raw %}\n{{% note %}}\nimport Tabs from '@theme/Tabs';\n<Tabs>\n```\n\n<pre>{% include y %}</pre>\n\n<!-- {% include hidden %} -->\n\nEscaped \\{% not a tag %}.\n";
    let book = book_with(page);
    assert!(book.findings(RULE).is_empty());
    book.build();
    let h = book.html("public/moved/index.html");
    let code = texts(&h, "div.content code").join(" ");
    for token in [
        "{: .lead}",
        "{% include x %}",
        "{{< note >}}",
        "<%= x %>",
        "<Tabs>",
        "{:toc}",
        "{% raw %}",
        "{{% note %}}",
        "import Tabs",
    ] {
        assert!(code.contains(token), "{token} not in code: {code}");
    }
    assert!(
        texts(&h, "div.content pre")
            .join(" ")
            .contains("{% include y %}")
    );
}

#[test]
fn mail_merge_fields_stay_text() {
    let page = "---\ntitle: Welcome email\n---\n\nHi {{ first_name }}, welcome to {{company}}. Use <Table> and <NAME> freely.\n";
    let book = book_with(page);
    assert!(book.findings(RULE).is_empty());
    book.build();
    let text = content_text(&book, "public/moved/index.html");
    assert!(
        text.contains("Hi {{ first_name }}, welcome to {{company}}."),
        "{text}"
    );
}

#[test]
fn markdown_inside_marked_html_is_rendered() {
    let page = "---\ntitle: Quotes\n---\n\n<aside markdown=\"1\" class=\"pquote\">\n  A **bold** claim from a user.\n  <p markdown=\"1\" class=\"credit\">\n— @someone, [their post](https://example.com/post)\n  </p>\n</aside>\nAfter the quote, *still* Markdown.\n\n<details markdown=\"1\">\n<summary>More</summary>\n\n- one\n- two\n</details>\n\n<div>\nplain **HTML** block\n</div>\n";
    let book = book_with(page);
    assert!(book.findings(RULE).is_empty());
    let run = book.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let h = book.html("public/moved/index.html");
    assert_eq!(texts(&h, "aside.pquote strong"), ["bold"]);
    assert_eq!(
        attrs(&h, "aside.pquote p.credit a", "href"),
        ["https://example.com/post"]
    );
    assert_eq!(texts(&h, "div.content em"), ["still"]);
    assert_eq!(texts(&h, "details li"), ["one", "two"]);
    assert!(attrs(&h, "[markdown]", "markdown").is_empty());
    // Without the attribute, an HTML block stays HTML, as CommonMark says.
    assert!(content_text(&book, "public/moved/index.html").contains("plain **HTML** block"));
}

#[test]
fn other_findings_keep_their_place() {
    // The broken link stands after a tag that is blanked: its column is the source's.
    let page =
        "---\ntitle: Spans\n---\n\n{% include a.html %} {: .x} see [gone](missing.md) now.\n";
    let book = book_with(page);
    let broken = book.findings("link/broken");
    assert_eq!(broken.len(), 1, "{broken:?}");
    let line = page.lines().nth(4).unwrap();
    let column = line.find("[gone]").unwrap() as u64 + 1;
    assert_eq!((broken[0].line, broken[0].column), (5, column));
}

#[test]
fn a_tag_standing_for_a_link_target_gives_its_argument() {
    let page = "---\ntitle: Links\n---\n\nSee [the plans]({% page \"/positioning/\" %}) and [more]({{< ref \"positioning.md\" >}}). Ask in {% slack_channel \"help\" %}.\n";
    let book = book_with(page);
    let f = book.findings(RULE);
    assert_eq!(f.len(), 2, "{f:?}");
    assert!(
        f[0].message
            .contains("the link goes to its argument `/positioning/`"),
        "{}",
        f[0].message
    );
    // Both targets are checked, and both are there (a bare argument is from the root).
    assert!(book.findings("link/broken").is_empty());
    book.build();
    let h = book.html("public/moved/index.html");
    let hrefs = attrs(&h, "div.content a", "href");
    assert_eq!(hrefs.len(), 2, "{hrefs:?}");
    assert_eq!(hrefs[0].trim(), "/positioning/");
    assert_eq!(hrefs[1].trim(), "/positioning/");
    assert!(content_text(&book, "public/moved/index.html").contains("Ask in ."));
}

#[test]
fn raw_keeps_its_inside_and_comments_go() {
    let page = "---\ntitle: Raw\n---\n\n{% raw %}Shown: {{ page.title }} and {% if x %}{% endraw %}\n\n{% comment %}\nNot for readers.\n{% endcomment %}\n\nEnd.\n";
    let book = book_with(page);
    let f = book.findings(RULE);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(
        f[0].message.contains("(2 Liquid tags in this file)"),
        "{}",
        f[0].message
    );
    book.build();
    let text = content_text(&book, "public/moved/index.html");
    assert!(
        text.contains("Shown: {{ page.title }} and {% if x %}"),
        "{text}"
    );
    assert!(
        !text.contains("Not for readers") && !text.contains("endraw"),
        "{text}"
    );
}

#[test]
fn the_rule_can_be_switched_off() {
    let book = book_with(MIXED);
    book.append(
        "book.toml",
        "\n[lint.rules]\n\"syntax/foreign\" = \"off\"\n",
    );
    assert!(book.findings(RULE).is_empty());
    let out = assert_cmd::Command::cargo_bin("gtmbook")
        .unwrap()
        .args(["explain", RULE])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("{:toc}"));
}

#[test]
fn a_placeholder_tag_is_named_for_what_it_is() {
    let page = "---\ntitle: Template\n---\n\nTask 1: <Name of task>\n\nTask 2: <Name of task>\n";
    let book = book_with(page);
    let f = book.findings(RULE);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(
        f[0].message
            .contains("a JSX component, or a tag no browser shows"),
        "{}",
        f[0].message
    );
    assert!(f[0].message.contains("(2 MDX"), "{}", f[0].message);
}

#[test]
fn hostile_bodies_stay_fast() {
    // One long line of tokens, openings that never close, and many marked elements.
    let mut page = String::from("---\ntitle: Big\n---\n\n");
    page.push_str(&"{: .x} {% comment %} {::comment} <Ab ".repeat(20_000));
    page.push_str("\n\n");
    page.push_str(&"<div markdown=\"1\">\n*a*\n".repeat(5_000));
    page.push_str(&"<div markdown=\"1\">x</div>\n".repeat(5_000));
    let book = book_with(&page);
    let started = std::time::Instant::now();
    let (_, findings) = book.check();
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    assert!(findings.iter().any(|f| f.rule == RULE));
    let run = book.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
}
