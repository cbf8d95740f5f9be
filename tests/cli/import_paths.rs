//! Page addresses of handbooks moved in from other generators: folder pages, a page
//! beside its folder, `.html.md` and `.markdown` files, case twins, `slug`, `permalink`,
//! old addresses that redirect, and language trees.

use crate::support::{Book, Finding, attrs, texts};

/// A book with these files (paths from the book root) and a minimal `book.toml`.
fn book(toml: &str, files: &[(&str, &str)]) -> Book {
    let book = Book {
        dir: tempfile::tempdir().unwrap(),
    };
    book.write("book.toml", &format!("[book]\ntitle = \"Paths\"\n{toml}"));
    for (path, text) in files {
        book.write(path, text);
    }
    book
}

fn page(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\n---\n{body}\n")
}

fn errors(findings: &[Finding]) -> Vec<&Finding> {
    findings.iter().filter(|f| f.severity == "error").collect()
}

fn lang(book: &Book, rel: &str) -> String {
    attrs(&book.html(rel), "html", "lang").join(" ")
}

#[test]
fn a_page_beside_its_folder_becomes_the_folder_page() {
    let book = book(
        "",
        &[
            ("content/_index.md", &page("Home", "Welcome.")),
            ("content/tools.md", &page("Tools", "How we pick our tools.")),
            ("content/tools/slack.md", &page("Slack", "Channels we use.")),
        ],
    );
    let (code, findings) = book.check();
    assert_eq!(code, 0, "{findings:#?}");
    assert!(errors(&findings).is_empty(), "{findings:#?}");
    let run = book.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let tools = book.html("public/tools/index.html");
    // The page's own body, not a generated listing.
    assert!(
        texts(&tools, "main")
            .join(" ")
            .contains("How we pick our tools."),
        "{}",
        tools.html()
    );
    // It is the section's page: its child is listed under it in navigation.
    let slack = book.html("public/tools/slack/index.html");
    assert!(attrs(&slack, "nav a", "href").contains(&"/tools/".to_string()));
    assert!(attrs(&tools, "a", "href").contains(&"/tools/slack/".to_string()));
}

#[test]
fn a_page_and_an_index_in_its_folder_are_one_finding_naming_both() {
    let book = book(
        "",
        &[
            ("content/tools.md", &page("Tools", "One text.")),
            (
                "content/tools/_index.md",
                &page("Tools too", "Another text."),
            ),
            ("content/tools/slack.md", &page("Slack", "Channels.")),
        ],
    );
    let (code, findings) = book.check();
    assert_eq!(code, 1);
    let dup: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == "id/duplicate")
        .collect();
    assert_eq!(dup.len(), 1, "{findings:#?}");
    let d = dup[0];
    assert_eq!(d.file, "content/tools/_index.md");
    assert!(d.message.contains("content/tools.md"), "{}", d.message);
    assert_eq!(d.related[0]["file"], "content/tools.md");
    assert_eq!(errors(&findings).len(), 1, "{findings:#?}");
}

#[test]
fn folder_pages_and_extra_extensions() {
    let book = book(
        "",
        &[
            ("content/index.html.md", &page("Home", "Middleman home.")),
            ("content/a/index.html.md", &page("Area A", "A.")),
            ("content/b/README.md", &page("Area B", "B.")),
            ("content/c/readme.md", &page("Area C", "C.")),
            ("content/x.html.md", &page("Page X", "X.")),
            ("content/y.markdown", &page("Page Y", "Y.")),
        ],
    );
    let run = book.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (file, title) in [
        ("public/index.html", "Home"),
        ("public/a/index.html", "Area A"),
        ("public/b/index.html", "Area B"),
        ("public/c/index.html", "Area C"),
        ("public/x/index.html", "Page X"),
        ("public/y/index.html", "Page Y"),
    ] {
        assert_eq!(
            texts(&book.html(file), "h1"),
            vec![title.to_string()],
            "{file}"
        );
    }
    assert!(!book.exists("public/x.html"));
    assert!(!book.exists("public/index.html/index.html"));
}

#[test]
fn case_twins_are_one_finding_and_the_old_site_stays() {
    let book = book("", &[("content/Case.md", &page("Upper", "First."))]);
    assert_eq!(book.build().code, 0);
    book.write("content/case.md", &page("Lower", "Second."));
    let (code, findings) = book.check();
    assert_eq!(code, 1);
    let dup: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == "id/duplicate")
        .collect();
    assert_eq!(dup.len(), 1, "{findings:#?}");
    assert_eq!(dup[0].file, "content/case.md");
    assert!(
        dup[0].message.contains("only by case"),
        "{}",
        dup[0].message
    );
    assert!(
        dup[0].message.contains("content/Case.md"),
        "{}",
        dup[0].message
    );
    assert_eq!(dup[0].related[0]["file"], "content/Case.md");
    let run = book.build();
    assert_eq!(run.code, 1);
    assert!(!run.stderr.contains("Is a directory"), "{}", run.stderr);
    assert_eq!(
        texts(&book.html("public/Case/index.html"), "h1"),
        vec!["Upper"]
    );
    assert!(!book.exists("public/case"));
}

#[test]
fn a_page_at_a_generated_address_is_a_finding() {
    let book = book(
        "",
        &[("content/gtmbook/claims.md", &page("Our claims", "Mine."))],
    );
    let (code, findings) = book.check();
    assert_eq!(code, 1);
    let dup: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == "id/duplicate")
        .collect();
    assert_eq!(dup.len(), 1, "{findings:#?}");
    assert!(
        dup[0].message.contains("\"Claims register\""),
        "{}",
        dup[0].message
    );
    // A page elsewhere in `gtmbook/` is free.
    book.remove("content/gtmbook/claims.md");
    book.write("content/gtmbook/notes.md", &page("Notes", "Mine."));
    assert!(book.findings("id/duplicate").is_empty());
}

#[test]
fn permalink_and_slug_set_the_address() {
    let book = book(
        "",
        &[
            (
                "content/p.md",
                "---\ntitle: Moved\npermalink: /go/here\n---\nHere.\n",
            ),
            (
                "content/sales/q.md",
                "---\ntitle: Quick\nslug: quick-start\n---\nQuick.\n",
            ),
            ("content/sales/r.md", &page("Plain", "Plain.")),
            (
                "content/team/_index.md",
                "---\ntitle: Team\nslug: people\n---\nOur team.\n",
            ),
            ("content/team/a.md", &page("Member", "A.")),
        ],
    );
    let run = book.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    // A section page with a slug: navigation and breadcrumbs follow it.
    assert_eq!(
        texts(&book.html("public/people/index.html"), "h1"),
        vec!["Team"]
    );
    let member = book.html("public/team/a/index.html");
    assert!(attrs(&member, "#sidebar a", "href").contains(&"/people/".to_string()));
    assert!(attrs(&member, ".breadcrumbs a", "href").contains(&"/people/".to_string()));
    assert!(!book.exists("public/team/index.html"));
    assert_eq!(
        texts(&book.html("public/go/here/index.html"), "h1"),
        vec!["Moved"]
    );
    assert_eq!(
        texts(&book.html("public/sales/quick-start/index.html"), "h1"),
        vec!["Quick"]
    );
    assert!(!book.exists("public/p"));
    assert!(!book.exists("public/sales/q"));
    assert!(book.exists("public/sales/r/index.html"));
}

#[test]
fn unsafe_or_templated_permalinks_keep_the_default_address() {
    let book = book(
        "",
        &[
            (
                "content/a.md",
                "---\ntitle: A\npermalink: ../../outside/\n---\nA.\n",
            ),
            (
                "content/b.md",
                "---\ntitle: B\npermalink: https://example.com/b/\n---\nB.\n",
            ),
            (
                "content/c.md",
                "---\ntitle: C\npermalink: /:categories/:title/\n---\nC.\n",
            ),
            ("content/d.md", "---\ntitle: D\nslug: a/b\n---\nD.\n"),
        ],
    );
    let (_, findings) = book.check();
    let schema: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == "frontmatter/schema")
        .collect();
    assert_eq!(schema.len(), 4, "{findings:#?}");
    let by_file = |f: &str| schema.iter().find(|d| d.file == f).unwrap();
    assert_eq!(by_file("content/a.md").severity, "error");
    assert_eq!(
        (by_file("content/a.md").line, by_file("content/a.md").column),
        (3, 12)
    );
    assert_eq!(by_file("content/b.md").severity, "error");
    assert_eq!(by_file("content/d.md").severity, "error");
    let c = by_file("content/c.md");
    assert_eq!(c.severity, "warning");
    assert!(c.message.contains("placeholders"), "{}", c.message);
    // The templated one still publishes, at its default address.
    book.remove("content/a.md");
    book.remove("content/b.md");
    book.remove("content/d.md");
    assert_eq!(book.build().code, 0);
    assert!(book.exists("public/c/index.html"));
    assert!(!book.exists("public/:categories"));
}

#[test]
fn old_addresses_get_redirect_pages() {
    let book = book(
        "",
        &[
            (
                "content/new.md",
                "---\ntitle: New <home>\naliases: [/old/place/, /older.html]\n---\nNew.\n",
            ),
            (
                "content/b.md",
                "---\ntitle: B\nredirect_from: /x/y\n---\nB.\n",
            ),
        ],
    );
    let run = book.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    for file in ["public/old/place/index.html", "public/older.html"] {
        let html = book.html(file);
        let refresh = attrs(&html, "meta[http-equiv=refresh]", "content");
        assert_eq!(refresh, vec!["0; url=/new/".to_string()], "{file}");
        assert_eq!(attrs(&html, "link[rel=canonical]", "href"), vec!["/new/"]);
        assert_eq!(attrs(&html, "a", "href"), vec!["/new/"]);
        assert_eq!(
            attrs(&html, "meta[name=robots]", "content"),
            vec!["noindex"]
        );
        // The title is escaped.
        assert_eq!(texts(&html, "a"), vec!["New <home>"]);
    }
    let html = book.html("public/x/y/index.html");
    assert_eq!(attrs(&html, "link[rel=canonical]", "href"), vec!["/b/"]);
    // Old addresses are not pages: no unknown-key findings either.
    assert!(book.findings("frontmatter/unknown-key").is_empty());
}

#[test]
fn an_old_address_that_is_a_page_is_a_finding() {
    let book = book(
        "",
        &[
            ("content/a.md", "---\ntitle: A\naliases: [/b/]\n---\nA.\n"),
            ("content/b.md", &page("B", "B.")),
        ],
    );
    let (code, findings) = book.check();
    assert_eq!(code, 1);
    let dup: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == "id/duplicate")
        .collect();
    assert_eq!(dup.len(), 1, "{findings:#?}");
    assert_eq!((dup[0].file.as_str(), dup[0].line), ("content/a.md", 3));
    assert!(
        dup[0].message.contains("content/b.md"),
        "{}",
        dup[0].message
    );
}

#[test]
fn hugo_language_folders_publish_under_their_prefix() {
    let book = book(
        "",
        &[
            ("content/en/_index.md", &page("Home", "Hello.")),
            ("content/en/about.md", &page("About", "About us.")),
            ("content/en/team/_index.md", &page("Team", "Our team.")),
            ("content/en/team/sales.md", &page("Sales", "Sales team.")),
            ("content/fr/_index.md", &page("Accueil", "Bonjour.")),
            ("content/fr/about.md", &page("À propos", "Qui nous sommes.")),
        ],
    );
    let run = book.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(texts(&book.html("public/index.html"), "h1"), vec!["Home"]);
    assert_eq!(lang(&book, "public/about/index.html"), "en");
    assert_eq!(lang(&book, "public/team/sales/index.html"), "en");
    assert_eq!(lang(&book, "public/fr/index.html"), "fr");
    assert_eq!(lang(&book, "public/fr/about/index.html"), "fr");
    assert!(!book.exists("public/en"));
    // The default tree's sections are at the root.
    let sales = book.html("public/team/sales/index.html");
    let en_nav = attrs(&sales, "#sidebar a", "href");
    assert!(en_nav.contains(&"/team/".to_string()), "{en_nav:?}");
    // Each language's sidebar holds its own tree only.
    assert!(!en_nav.iter().any(|h| h.starts_with("/fr/")), "{en_nav:?}");
    let fr_nav = attrs(
        &book.html("public/fr/about/index.html"),
        "#sidebar a",
        "href",
    );
    assert!(fr_nav.contains(&"/fr/about/".to_string()), "{fr_nav:?}");
    assert!(!fr_nav.contains(&"/team/".to_string()), "{fr_nav:?}");
    // Previous and next never cross into the other language.
    for (file, fr) in [
        ("public/index.html", false),
        ("public/about/index.html", false),
        ("public/team/index.html", false),
        ("public/team/sales/index.html", false),
        ("public/fr/index.html", true),
        ("public/fr/about/index.html", true),
    ] {
        let pager = attrs(&book.html(file), "nav.pager a", "href");
        assert!(
            pager.iter().all(|h| h.starts_with("/fr/") == fr),
            "{file}: {pager:?}"
        );
    }
    // A French folder without a page of its own is listed in French.
    book.write("content/fr/equipe/ventes.md", &page("Ventes", "Vente."));
    assert_eq!(book.build().code, 0);
    assert_eq!(lang(&book, "public/fr/equipe/index.html"), "fr");
}

#[test]
fn a_folder_of_another_name_is_not_a_language() {
    let book = book(
        "",
        &[
            ("content/en/about.md", &page("About", "About us.")),
            ("content/sales/call.md", &page("Call", "Call.")),
        ],
    );
    assert_eq!(book.build().code, 0);
    assert!(book.exists("public/en/about/index.html"));
    assert!(book.exists("public/sales/call/index.html"));
}

#[test]
fn configured_languages_and_front_matter_lang() {
    let book = book(
        "language = \"en\"\n[build]\nlanguages = [\"en\", \"de\"]\n",
        &[
            ("content/en/a.md", &page("A", "A.")),
            ("content/de/a.md", &page("A de", "A.")),
            ("content/guide.md", &page("Guide", "Outside the trees.")),
            (
                "content/es/how.md",
                "---\ntitle: Cómo\nlang: es\n---\nHola.\n",
            ),
        ],
    );
    let run = book.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(lang(&book, "public/a/index.html"), "en");
    assert_eq!(lang(&book, "public/de/a/index.html"), "de");
    assert_eq!(lang(&book, "public/guide/index.html"), "en");
    // Not a listed language: published by its path, with the language it declares.
    assert_eq!(lang(&book, "public/es/how/index.html"), "es");
    assert!(book.findings("config/unknown-key").is_empty());
}

#[test]
fn opensource_guide_translations_keep_their_paths() {
    let book = book(
        "[build]\ncontent = \"_articles\"\n",
        &[
            (
                "_articles/how-to-contribute.md",
                &page("How to contribute", "Hi."),
            ),
            (
                "_articles/es/how-to-contribute.md",
                "---\ntitle: Cómo contribuir\nlang: es\n---\nHola.\n",
            ),
        ],
    );
    let run = book.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(lang(&book, "public/how-to-contribute/index.html"), "en");
    assert_eq!(lang(&book, "public/es/how-to-contribute/index.html"), "es");
}

#[test]
fn a_bad_lang_is_a_finding_and_never_reaches_the_page() {
    let book = book(
        "",
        &[(
            "content/a.md",
            "---\ntitle: A\nlang: \"en\\\" onload=\\\"x\"\n---\nA.\n",
        )],
    );
    let findings = book.findings("frontmatter/schema");
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert!(findings[0].message.contains("language tag"));
}

#[test]
fn with_the_finding_turned_down_the_first_page_keeps_its_address() {
    let book = book(
        "[lint.rules]\n\"id/duplicate\" = \"warning\"\n",
        &[
            ("content/about.md", &page("Page about", "Page.")),
            ("content/about/index.md", &page("Index about", "Index.")),
            ("content/Team.md", &page("Upper team", "Upper.")),
            ("content/team.md", &page("Lower team", "Lower.")),
            ("static/files/index.html", "<p>a static file</p>"),
            ("content/files.md", &page("Files", "Files.")),
        ],
    );
    let (code, findings) = book.check();
    assert_eq!(code, 0, "{findings:#?}");
    let dup: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == "id/duplicate")
        .collect();
    assert_eq!(dup.len(), 3, "{findings:#?}");
    let files = dup.iter().find(|d| d.file == "content/files.md").unwrap();
    assert!(
        files.message.contains("files/index.html"),
        "{}",
        files.message
    );
    let run = book.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        texts(&book.html("public/about/index.html"), "h1"),
        vec!["Page about"]
    );
    assert_eq!(
        texts(&book.html("public/Team/index.html"), "h1"),
        vec!["Upper team"]
    );
    assert!(!book.exists("public/team"));
    assert_eq!(book.read("public/files/index.html"), "<p>a static file</p>");
}

#[test]
fn an_old_address_at_a_folder_without_a_page_replaces_its_listing() {
    let book = book(
        "",
        &[(
            "content/team/about/handbook.md",
            "---\ntitle: Handbook\nredirect_from:\n  - /team/\n  - /team/about/handbook/\n---\nThe handbook.\n",
        )],
    );
    let (code, findings) = book.check();
    assert_eq!(code, 0, "{findings:#?}");
    // The page's own address as an old one: nothing to redirect, nothing to report.
    assert!(book.findings("id/duplicate").is_empty());
    assert_eq!(book.build().code, 0);
    let team = book.html("public/team/index.html");
    assert_eq!(
        attrs(&team, "link[rel=canonical]", "href"),
        vec!["/team/about/handbook/"]
    );
    assert_eq!(
        texts(&book.html("public/team/about/handbook/index.html"), "h1"),
        vec!["Handbook"]
    );
}

#[test]
fn serve_answers_old_addresses_and_folder_pages_after_a_save() {
    use crate::serve::{Server, get};
    let book = book(
        "",
        &[
            ("content/_index.md", &page("Home", "Welcome.")),
            ("content/tools.md", &page("Tools", "How we pick our tools.")),
            (
                "content/new.md",
                "---\ntitle: New\naliases: [/old/]\n---\nNew.\n",
            ),
        ],
    );
    let server = Server::start(&book);
    let (status, body) = get(&format!("{}old/", server.url));
    assert_eq!(status, 200);
    let html = scraper::Html::parse_document(&body);
    assert_eq!(attrs(&html, "link[rel=canonical]", "href"), vec!["/new/"]);
    // A folder appears beside the page: the page becomes its folder's page.
    book.write("content/tools/slack.md", &page("Slack", "Channels."));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let (status, _) = get(&format!("{}tools/slack/", server.url));
        if status == 200 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the new page never showed"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let (_, tools) = get(&format!("{}tools/", server.url));
    assert!(tools.contains("How we pick our tools."), "{tools}");
    let tools = scraper::Html::parse_document(&tools);
    assert!(attrs(&tools, "main a", "href").contains(&"/tools/slack/".to_string()));
}

#[test]
fn links_go_to_the_address_a_page_is_published_at() {
    let book = book(
        "",
        &[
            (
                "content/en/moved.md",
                "---\ntitle: Moved\npermalink: /go/here/\n---\nHere.\n",
            ),
            (
                "content/en/new.md",
                "---\ntitle: New\nredirect_from: /old/place/\n---\nNew.\n",
            ),
            (
                "content/en/a.md",
                "---\ntitle: A\n---\nSee [moved](moved.md), [new](new.md), \
                 [the old place](/old/place/) and [nowhere](/old/nowhere/).\n",
            ),
            ("content/fr/a.md", &page("A fr", "Bonjour.")),
        ],
    );
    let broken = book.findings("link/broken");
    assert_eq!(broken.len(), 1, "{broken:?}");
    assert!(broken[0].message.contains("/old/nowhere/"), "{broken:?}");
    book.replace("content/en/a.md", " and [nowhere](/old/nowhere/)", "");
    let run = book.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    // `content/en/` is the default language's tree, published at `/`.
    let html = book.html("public/a/index.html");
    let hrefs = attrs(&html, "main a", "href");
    for want in ["/go/here/", "/new/"] {
        assert!(hrefs.contains(&want.to_string()), "{want} in {hrefs:?}");
    }
    // The old address is linked as the page it now names, not through its redirect.
    assert!(!hrefs.iter().any(|h| h.contains("old")), "{hrefs:?}");
    assert!(!hrefs.iter().any(|h| h.starts_with("/en/")), "{hrefs:?}");
}

#[test]
fn a_glossary_applies_to_the_pages_of_its_own_language() {
    let glossary = "---\ntitle: Glossary\ntype: glossary\nid: glossary\nterms:\n  - term: weekly plan\n    definition: The plan.\n    avoid: [rota]\n---\n";
    let book = book(
        "",
        &[
            ("content/en/glossary.md", glossary),
            (
                "content/en/a.md",
                &page("A", "We share the rota every Monday."),
            ),
            (
                "content/fr/a.md",
                &page("A", "Voici la rota de la semaine."),
            ),
        ],
    );
    let avoid = book.findings("term/avoid");
    assert_eq!(avoid.len(), 1, "{avoid:?}");
    assert_eq!(avoid[0].file, "content/en/a.md");
}

#[test]
fn a_language_or_mount_that_is_not_one_stops_with_exit_2() {
    for (toml, word) in [
        (
            "[build]\nlanguages = [\"en\", \"../fr\"]\n",
            "build.languages",
        ),
        ("[build]\nmount = \"../x\"\n", "build.mount"),
        ("[build]\nmount = \"https://x.test/\"\n", "build.mount"),
    ] {
        let book = book(toml, &[("content/a.md", &page("A", "A."))]);
        let run = book.run(&["check"]);
        assert_eq!(run.code, 2, "{toml}: {}", run.stderr);
        assert!(run.stderr.contains(word), "{}", run.stderr);
        assert!(run.stderr.contains("book.toml"), "{}", run.stderr);
    }
    let fine = book(
        "[build]\nlanguages = [\"en\", \"pt-BR\", \"zh-hant\"]\nmount = \"/handbook\"\n",
        &[("content/a.md", &page("A", "A."))],
    );
    assert_eq!(fine.run(&["check"]).code, 0);
}
