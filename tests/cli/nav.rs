//! The sidebar of a long section: written once as a shared file, each page carrying only
//! its own place in it (a window without script), so a page's size does not grow with its
//! section; short sections keep the whole sidebar inline.

use crate::serve::{Server, get};
use crate::support::*;

/// A section `folder` of `n` pages titled "Page 000"…, each with the same body.
fn section(book: &Book, folder: &str, n: usize) {
    book.write(
        &format!("content/{folder}/_index.md"),
        &format!("---\ntitle: Section {folder}\n---\n\nAll the pages.\n"),
    );
    for i in 0..n {
        book.write(
            &format!("content/{folder}/p-{i:03}.md"),
            &format!("---\ntitle: Page {i:03}\nweight: {i}\n---\n\nThe same short body.\n"),
        );
    }
}

fn built(book: &Book) {
    let run = book.build();
    assert_eq!(run.code, 0, "build failed:\n{}\n{}", run.stdout, run.stderr);
}

fn long_book() -> Book {
    let book = Book::basic();
    section(&book, "mid", 50);
    section(&book, "big", 200);
    built(&book);
    book
}

const NAV: &str = "nav[aria-label=\"Handbook\"]";

#[test]
fn a_page_of_a_long_section_stays_small_and_keeps_its_place() {
    let book = long_book();
    let size = |rel: &str| book.read(&format!("public/{rel}/index.html")).len();
    let largest = |folder: &str, n: usize| {
        (0..n)
            .map(|i| size(&format!("{folder}/p-{i:03}")))
            .max()
            .unwrap()
    };
    let (mid, big) = (largest("mid", 50), largest("big", 200));
    // Four times the pages, the same size (titles and numbers aside).
    assert!(
        big <= mid + 200,
        "a page of a 200-page section is {big} bytes, of a 50-page one {mid}"
    );

    let page = book.html("public/big/p-100/index.html");
    let links = texts(&page, &format!("{NAV} a"));
    // Its own place: the page, its section, ten neighbours either side, the rest behind
    // "… N more" links to the section page.
    assert!(links.contains(&"Page 100".to_string()), "{links:?}");
    assert!(links.contains(&"Section big".to_string()), "{links:?}");
    for i in (90..=110).filter(|i| *i != 100) {
        assert!(
            links.contains(&format!("Page {i:03}")),
            "Page {i:03}: {links:?}"
        );
    }
    assert!(!links.contains(&"Page 089".to_string()), "{links:?}");
    assert!(!links.contains(&"Page 111".to_string()), "{links:?}");
    assert!(!links.contains(&"Page 000".to_string()), "{links:?}");
    assert!(links.contains(&"… 90 more".to_string()), "{links:?}");
    assert!(links.contains(&"… 89 more".to_string()), "{links:?}");
    let more = attrs(&page, &format!("{NAV} li.nav-more a"), "href");
    assert_eq!(more, ["/big/", "/big/"]);
    // Top-level sections stay listed, and the page is marked without script.
    assert!(links.contains(&"Section mid".to_string()), "{links:?}");
    assert_eq!(
        texts(&page, &format!("{NAV} a[aria-current=\"page\"]")),
        ["Page 100"]
    );

    // The first page of the section: nothing before it to leave out.
    let first = book.html("public/big/p-000/index.html");
    let links = texts(&first, &format!("{NAV} a"));
    assert!(links.contains(&"Page 010".to_string()), "{links:?}");
    assert!(!links.contains(&"Page 011".to_string()), "{links:?}");
    assert!(links.contains(&"… 189 more".to_string()), "{links:?}");
}

#[test]
fn the_shared_sidebar_lists_every_page_and_pages_name_it() {
    let book = long_book();
    let page = book.html("public/big/p-100/index.html");
    // What the script reads: the shared file and the page to mark in it.
    let src = attrs(&page, "#sidebar [data-nav-src]", "data-nav-src");
    assert_eq!(src, ["/gtmbook/nav/big.html"]);
    assert_eq!(
        attrs(&page, "#sidebar [data-nav-src]", "data-nav-current"),
        ["/big/p-100/"]
    );
    let shared = scraper::Html::parse_fragment(&book.read("public/gtmbook/nav/big.html"));
    let hrefs = attrs(&shared, &format!("{NAV} a"), "href");
    for i in 0..200 {
        let url = format!("/big/p-{i:03}/");
        assert!(hrefs.contains(&url), "{url} not in the shared sidebar");
    }
    assert!(hrefs.contains(&"/mid/".to_string()));
    // It marks no page: the script marks the one it is put into.
    assert!(attrs(&shared, "[aria-current]", "href").is_empty());
    assert!(texts(&shared, "li.nav-more").is_empty());
    // The 50-page section's sidebar (its pages, the top level) is long too: shared.
    let mid = book.html("public/mid/p-000/index.html");
    assert_eq!(
        attrs(&mid, "#sidebar [data-nav-src]", "data-nav-src"),
        ["/gtmbook/nav/mid.html"]
    );
    // A short section's pages carry their whole sidebar, as before: no shared file.
    let short = book.html("public/personas/buyer/index.html");
    assert!(attrs(&short, "[data-nav-src]", "data-nav-src").is_empty());
    assert!(!book.exists("public/gtmbook/nav/personas.html"));
    assert!(
        texts(&short, &format!("{NAV} a[aria-current=\"page\"]")).len() == 1,
        "marked inline"
    );
}

#[test]
fn a_short_book_has_no_shared_sidebar() {
    let book = Book::basic();
    built(&book);
    assert!(!book.exists("public/gtmbook/nav.html"));
    assert!(!book.exists("public/gtmbook/nav"));
    let home = book.read("public/index.html");
    assert!(!home.contains("data-nav-src"));
}

#[test]
fn serve_answers_the_shared_sidebar_as_build_writes_it() {
    let book = long_book();
    let server = Server::start(&book);
    let (status, body) = get(&format!("{}gtmbook/nav/big.html", server.url));
    assert_eq!(status, 200);
    assert_eq!(body, book.read("public/gtmbook/nav/big.html"));
    assert!(
        !body.contains("reload.js"),
        "a fragment gets no reload script"
    );
    let (status, page) = get(&format!("{}big/p-100/", server.url));
    assert_eq!(status, 200);
    assert!(page.contains("data-nav-src=\"/gtmbook/nav/big.html\""));
    // A short section has none, as in the built site.
    let (status, _) = get(&format!("{}gtmbook/nav/personas.html", server.url));
    assert_eq!(status, 404);
}

#[test]
fn a_theme_that_prints_nav_gets_the_window_and_the_shared_file() {
    // A book's own base.html written for the old contract: `{{ nav | safe }}`, its own
    // partial, the default script.
    let book = Book::basic();
    book.write(
        "themes/default/templates/base.html",
        "<!doctype html><html><head><script defer src=\"{{ site.assets }}gtmbook.js\"></script></head>\
         <body><div class=\"my-side\">{{ nav | safe }}</div><h1>{{ page.title }}</h1>{% block content %}{% endblock content %}</body></html>",
    );
    book.write(
        "themes/default/templates/partials/nav.html",
        "<nav aria-label=\"Handbook\"><ol>{% for n in items %}<li class=\"k-{{ n.kind }}\"><a href=\"{{ n.url }}\">{{ n.title }}</a></li>{% endfor %}</ol></nav>",
    );
    section(&book, "big", 120);
    built(&book);
    let page = book.html("public/big/p-050/index.html");
    assert_eq!(
        attrs(&page, ".my-side [data-nav-src]", "data-nav-src"),
        ["/gtmbook/nav/big.html"]
    );
    let links = texts(&page, ".my-side a");
    assert!(links.len() < 40, "a window, not the whole: {links:?}");
    assert_eq!(
        texts(&page, ".my-side li.k-more a"),
        ["… 40 more", "… 59 more"]
    );
    assert_eq!(
        texts(&page, ".my-side a[aria-current=\"page\"]"),
        ["Page 050"]
    );
    // The shared file is made with the theme's own partial.
    let shared = book.read("public/gtmbook/nav/big.html");
    assert!(
        shared.starts_with("<nav aria-label=\"Handbook\"><ol>"),
        "{shared}"
    );
    assert_eq!(shared.matches("/big/p-").count(), 120);
}
