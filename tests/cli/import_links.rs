//! Links resolve the way the published site resolves them (issue 15): relative links
//! from the page's URL (`.md` ones from the file), site paths under `base_url` and
//! `[build] mount`, `.html` forms, email autolinks, and every kind of anchor.

use crate::support::*;

/// A book of our own, with `link/broken` as a warning so that `build` writes the pages
/// of a book that also has broken links, and both can be asserted on one book.
fn book(toml_extra: &str, files: &[(&str, &str)]) -> Book {
    let book = Book {
        dir: tempfile::tempdir().unwrap(),
    };
    book.write(
        "book.toml",
        &format!(
            "[book]\ntitle = \"Links\"\n{toml_extra}\n[lint.rules]\n\"link/broken\" = \"warning\"\n"
        ),
    );
    book.write("content/_index.md", "# Home\n");
    for (path, text) in files {
        book.write(path, text);
    }
    book
}

/// The hrefs of the links in a built page's body, by link text.
fn hrefs(book: &Book, page: &str) -> Vec<(String, String)> {
    let html = book.html(page);
    let sel = scraper::Selector::parse("main article a:not(.anchor)").unwrap();
    html.select(&sel)
        .filter_map(|a| {
            let href = a.value().attr("href")?.to_string();
            Some((a.text().collect::<String>(), href))
        })
        .collect()
}

fn href_of(list: &[(String, String)], text: &str) -> String {
    list.iter()
        .find(|(t, _)| t == text)
        .map(|(_, h)| h.clone())
        .unwrap_or_else(|| panic!("no link `{text}` in {list:?}"))
}

fn built(book: &Book) {
    let run = book.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn relative_links_resolve_from_the_page_url_and_md_links_from_the_file() {
    let book = book(
        "",
        &[
            (
                "content/tools/_index.md",
                "# Tools\n\n[section](getting-started/)\n",
            ),
            (
                "content/tools/getting-started.md",
                "# Getting started\n\n## First steps\n",
            ),
            (
                "content/tools/slack.md",
                "# Slack\n\n[sub](getting-started/) [up](../getting-started/) [md](getting-started.md#first-steps) [html](../getting-started.html)\n",
            ),
            // What is published at /tools/slack/getting-started/: a file copied as it
            // is (a page there would be a section of its own, another issue's part).
            (
                "content/tools/slack/getting-started/index.html",
                "<p>Slack: getting started</p>\n",
            ),
            (
                "content/tools/zoom.md",
                "# Zoom\n\n[old](getting-started/) [nowhere](intro/)\n",
            ),
        ],
    );
    let f = book.findings("link/broken");
    // The page at /tools/zoom/ has no getting-started/ below it: reported once, with
    // where it lands and what to write instead.
    assert_eq!(f.len(), 2, "{f:#?}");
    assert_eq!(f[0].file, "content/tools/zoom.md");
    assert_eq!((f[0].line, f[0].column), (3, 1));
    assert_eq!(
        f[0].message,
        "broken link: `getting-started/` does not exist"
    );
    let help = f[0].help.as_deref().unwrap();
    assert!(
        help.contains("this page is at `/tools/zoom/`")
            && help.contains("points to `/tools/zoom/getting-started/`")
            && help.contains("write `../getting-started/`"),
        "{help}"
    );
    assert!(
        f[1].help
            .as_deref()
            .unwrap()
            .contains("points to `/tools/zoom/intro/`, where there is no page or file"),
        "{f:#?}"
    );

    built(&book);
    let slack = hrefs(&book, "public/tools/slack/index.html");
    assert_eq!(href_of(&slack, "sub"), "/tools/slack/getting-started/");
    assert_eq!(href_of(&slack, "up"), "/tools/getting-started/");
    assert_eq!(href_of(&slack, "md"), "/tools/getting-started/#first-steps");
    assert_eq!(href_of(&slack, "html"), "/tools/getting-started/");
    let section = hrefs(&book, "public/tools/index.html");
    assert_eq!(href_of(&section, "section"), "/tools/getting-started/");
    // A link that resolves to nothing is written as it stands: the browser reads it
    // from the page's URL, as `check` did.
    let zoom = hrefs(&book, "public/tools/zoom/index.html");
    assert_eq!(href_of(&zoom, "old"), "getting-started/");

    // `impact` follows the same resolver: the broken link from zoom does not count.
    let run = book.run(&[
        "impact",
        "--format",
        "json",
        "content/tools/getting-started.md",
    ]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let from: Vec<&str> = v["targets"][0]["linked_from"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["file"].as_str().unwrap())
        .collect();
    assert_eq!(from, ["content/tools/_index.md", "content/tools/slack.md"]);
}

#[test]
fn site_paths_resolve_under_base_url_and_mount_in_every_page_form() {
    let book = book(
        "base_url = \"/docs/\"\n[build]\nmount = \"handbook\"",
        &[
            ("content/a/b.md", "# B\n\n## Part\n"),
            ("content/files/sheet.csv", "a,b\n"),
            (
                "content/links.md",
                "# Links\n\n[base](/docs/a/b/) [mount](/handbook/a/b/) [both](/docs/handbook/a/b) \
                 [html](/a/b.html) [index](/handbook/a/b/index.html) [query](/a/b/?tab=1#part) \
                 [file](/handbook/files/sheet.csv) [root](/handbook/) [md](/handbook/a/b.md) \
                 [gone](/handbook/a/c/) [gone anchor](/docs/a/b/#nope) \
                 [liquid](<{{ site.baseurl }}/a/b/>) [eleventy]({{base.baseurl}}/handbook/a/b/#part)\n",
            ),
        ],
    );
    let f = book.findings("link/broken");
    let msgs: Vec<&str> = f.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(
        msgs,
        [
            "broken link: `/handbook/a/c/` does not exist",
            "broken link: `content/a/b.md` has no heading `#nope`"
        ],
        "{f:#?}"
    );
    built(&book);
    let h = hrefs(&book, "public/links/index.html");
    for text in ["base", "mount", "both", "html", "index", "md"] {
        assert_eq!(href_of(&h, text), "/docs/a/b/", "{text}");
    }
    assert_eq!(href_of(&h, "query"), "/docs/a/b/?tab=1#part");
    assert_eq!(href_of(&h, "file"), "/docs/files/sheet.csv");
    assert_eq!(href_of(&h, "root"), "/docs/");
    // The base URL as the old generator's template wrote it.
    assert_eq!(href_of(&h, "liquid"), "/docs/a/b/");
    assert_eq!(href_of(&h, "eleventy"), "/docs/a/b/#part");
    assert!(book.exists("public/files/sheet.csv"));
}

#[test]
fn a_site_path_under_a_prefix_without_mount_is_broken() {
    let book = book(
        "",
        &[
            ("content/a/b.md", "# B\n"),
            ("content/links.md", "# Links\n\n[x](/handbook/a/b/)\n"),
        ],
    );
    let f = book.findings("link/broken");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].message, "broken link: `/handbook/a/b/` does not exist");
}

#[test]
fn email_autolinks_are_mailto_links_and_never_broken() {
    let book = book(
        "",
        &[(
            "content/contact.md",
            "# Contact\n\nWrite to <name@example.com> or [sales](mailto:sales@example.com?subject=Hi).\n",
        )],
    );
    assert!(book.findings("link/broken").is_empty());
    built(&book);
    let h = hrefs(&book, "public/contact/index.html");
    assert_eq!(href_of(&h, "name@example.com"), "mailto:name@example.com");
    assert_eq!(href_of(&h, "sales"), "mailto:sales@example.com?subject=Hi");
}

const TARGET: &str = "# Café Title

<a name=\"old-anchor\"></a>

<div id='box'>A box</div>

## Custom heading {#custom}

## Café

## हिन्दी शीर्षक

## তথ্য ও প্রশ্ন

## தமிழ் தலைப்பு

## 508 - Accessibility

## Pains

## Pains
";

#[test]
fn anchors_of_titles_raw_html_attributes_and_unicode_headings_resolve() {
    let book = book(
        "",
        &[
            ("content/target.md", TARGET),
            (
                "content/from.md",
                "# From\n\n[title](target.md#café-title) [name](target.md#old-anchor) [id](target.md#box) \
                 [attr](target.md#custom) [pct](target.md#caf%C3%A9) [entity](target.md#caf&eacute;) \
                 [hindi](target.md#हिन्दी-शीर्षक) [hindi pct](target.md#%E0%A4%B9%E0%A4%BF%E0%A4%A8%E0%A5%8D%E0%A4%A6%E0%A5%80-%E0%A4%B6%E0%A5%80%E0%A4%B0%E0%A5%8D%E0%A4%B7%E0%A4%95) \
                 [bengali](target.md#তথ্য-ও-প্রশ্ন) [tamil](target.md#தமிழ்-தலைப்பு) [second](target.md#pains-1) \
                 [own](#from) [own case](#From) [case](target.md#Custom) [slugger](target.md#508-accessibility)\n",
            ),
        ],
    );
    let f = book.findings("link/broken");
    assert!(f.is_empty(), "{f:#?}");

    built(&book);
    let page = book.html("public/target/index.html");
    assert_eq!(attrs(&page, "main h1", "id"), ["café-title"]);
    let ids = attrs(&page, "main article .page-main h2", "id");
    assert_eq!(
        ids,
        [
            "custom",
            "café",
            "हिन्दी-शीर्षक",
            "তথ্য-ও-প্রশ্ন",
            "தமிழ்-தலைப்பு",
            "508---accessibility",
            "pains",
            "pains-1"
        ]
    );
    let h = hrefs(&book, "public/from/index.html");
    assert_eq!(href_of(&h, "title"), "/target/#caf%C3%A9-title");
    assert_eq!(href_of(&h, "own"), "#from");
    assert_eq!(href_of(&h, "own case"), "#from");
    // Ids another slugger spelt differently point at the id the page has.
    assert_eq!(href_of(&h, "case"), "/target/#custom");
    assert_eq!(href_of(&h, "slugger"), "/target/#508---accessibility");
}

#[test]
fn an_anchor_that_is_not_there_is_reported_once_with_the_closest() {
    let book = book(
        "",
        &[
            ("content/target.md", TARGET),
            (
                "content/from.md",
                // The second is the slug gtmbook made before, with the viramas dropped.
                "# From\n\n[third](target.md#pains-2) [marks](target.md#हिनदी-शीरषक) [gone](target.md#old-anchr)\n",
            ),
        ],
    );
    let f = book.findings("link/broken");
    let got: Vec<(&str, Option<&str>)> = f
        .iter()
        .map(|f| (f.message.as_str(), f.help.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "broken link: `content/target.md` has no heading `#pains-2`",
                Some("did you mean `#pains`?")
            ),
            (
                "broken link: `content/target.md` has no heading `#हिनदी-शीरषक`",
                Some("did you mean `#हिन्दी-शीर्षक`?")
            ),
            (
                "broken link: `content/target.md` has no heading `#old-anchr`",
                Some("did you mean `#old-anchor`?")
            ),
        ],
        "{f:#?}"
    );
}

#[test]
fn a_raw_html_href_that_looks_like_a_link_hole_is_left_alone() {
    let book = book(
        "",
        &[
            ("content/a.md", "# A\n"),
            (
                "content/b.md",
                "# B\n\n[a](a.md) <a href=\"%01L0%02\">raw</a>\n",
            ),
        ],
    );
    built(&book);
    let h = hrefs(&book, "public/b/index.html");
    assert_eq!(href_of(&h, "a"), "/a/");
    assert_eq!(href_of(&h, "raw"), "%01%4C0%02");
}

#[test]
fn sanitized_builds_fill_link_hrefs_too() {
    let book = book(
        "[build]\nsanitize = true",
        &[
            ("content/tools/getting-started.md", "# Getting started\n"),
            (
                "content/spare.md",
                "---\ntitle: Spare lines\ntype: messaging\nid: spare\nmessages:\n  - id: promise\n    kind: promise\n    text: Plans that stay true all week.\n---\n",
            ),
            (
                "content/tools/slack.md",
                "# Slack\n\n[up](../getting-started/) {{msg:spare.promise}} [md](getting-started.md)\n",
            ),
        ],
    );
    built(&book);
    let h = hrefs(&book, "public/tools/slack/index.html");
    assert_eq!(href_of(&h, "up"), "/tools/getting-started/");
    assert_eq!(href_of(&h, "md"), "/tools/getting-started/");
    let page = book.read("public/tools/slack/index.html");
    assert!(page.contains("Plans that stay true all week."), "{page}");
}

#[test]
fn raw_html_links_are_checked_and_written_with_the_page_address() {
    let book = book(
        "",
        &[
            ("content/tools/zoom.md", "# Zoom\n\n## Set up\n"),
            (
                "content/tools/index.md",
                "# Tools\n\n<div class=\"cards\">\n  <a href=\"zoom.md#set-up\" class=\"card\">Zoom</a>\n  <a href='gone.md'>Gone</a>\n  <a href=\"https://example.com/x.md\">Out</a>\n</div>\n\n<!-- <a href=\"commented.md\">old</a> -->\n\nText with <a href=\"zoom.md\">inline</a> HTML.\n",
            ),
        ],
    );
    let broken = book.findings("link/broken");
    assert_eq!(broken.len(), 1, "{broken:?}");
    assert!(broken[0].message.contains("gone.md"), "{broken:?}");
    assert_eq!(broken[0].file, "content/tools/index.md");
    // The finding points at the attribute's value.
    assert_eq!((broken[0].line, broken[0].column), (5, 12), "{broken:?}");
    let run = book.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let list = hrefs(&book, "public/tools/index.html");
    assert_eq!(href_of(&list, "Zoom"), "/tools/zoom/#set-up");
    assert_eq!(href_of(&list, "inline"), "/tools/zoom/");
    assert_eq!(href_of(&list, "Out"), "https://example.com/x.md");
    // Unresolved, it is written as a Markdown link to it would be.
    assert_eq!(href_of(&list, "Gone"), "/tools/gone/");
}

#[test]
fn an_anchor_on_a_folder_without_a_page_is_broken_and_names_the_page_that_has_it() {
    let book = book(
        "",
        &[
            ("content/guide/guide.md", "# Guide\n\n## Making changes\n"),
            ("content/guide/more.md", "# More\n"),
            (
                "content/a.md",
                "# A\n\nSee [changes](/guide/#making-changes) and [the folder](/guide/).\n",
            ),
        ],
    );
    let broken = book.findings("link/broken");
    assert_eq!(broken.len(), 1, "{broken:?}");
    assert!(broken[0].message.contains("#making-changes"), "{broken:?}");
    let help = broken[0].help.clone().unwrap_or_default();
    assert!(help.contains("content/guide/guide.md"), "{help}");
}

#[test]
fn a_reference_definition_to_a_liquid_page_tag_is_a_link() {
    let book = book(
        "",
        &[
            ("content/travel/guide.md", "# Guide\n"),
            (
                "content/a.md",
                "# A\n\nKeep [the travel guide][tg] and [the other][missing] at hand.\n\n[tg]: {% page \"/travel/guide/\" %}\n[missing]: {% page \"/travel/nothing/\" %}\n",
            ),
        ],
    );
    let broken = book.findings("link/broken");
    assert_eq!(broken.len(), 1, "{broken:?}");
    assert!(broken[0].message.contains("/travel/nothing/"), "{broken:?}");
    assert!(book.build().code == 0);
    let list = hrefs(&book, "public/a/index.html");
    assert_eq!(href_of(&list, "the travel guide"), "/travel/guide/");
}

#[test]
fn an_ampersand_spelt_and_by_another_slugger_finds_its_heading() {
    let book = book(
        "",
        &[
            (
                "content/travel.md",
                "# Travel\n\n## Meals and incidental expenses (M&IE)\n",
            ),
            (
                "content/a.md",
                "# A\n\nSee [meals](travel.md#meals-and-incidental-expenses-m-and-ie) and [nope](travel.md#meals-m-and-ie).\n",
            ),
        ],
    );
    let broken = book.findings("link/broken");
    assert_eq!(broken.len(), 1, "{broken:?}");
    assert!(broken[0].message.contains("#meals-m-and-ie"), "{broken:?}");
    assert_eq!(book.build().code, 0);
    let list = hrefs(&book, "public/a/index.html");
    assert_eq!(
        href_of(&list, "meals"),
        "/travel/#meals-and-incidental-expenses-mie"
    );
}
