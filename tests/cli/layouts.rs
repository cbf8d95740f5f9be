//! What a reader sees on the typed and generated pages: the message house under its
//! headings in the table of contents, the message map's channel gaps, one claims
//! register and one glossary, health findings that name their page, one `<h1>`.

use crate::support::*;

fn built(book: &Book) {
    let run = book.build();
    assert_eq!(run.code, 0, "build failed: {}", run.stderr);
}

#[test]
fn message_house_headings_are_in_the_table_of_contents() {
    let book = Book::basic();
    built(&book);
    let html = book.html("public/messaging/core/index.html");
    let toc = texts(&html, ".toc a");
    for h in ["Core story", "Pillars", "Objections"] {
        assert!(toc.contains(&h.to_string()), "{h} missing from {toc:?}");
    }
    // Every entry points at a heading of the page.
    let ids = attrs(&html, "h2", "id");
    for href in attrs(&html, ".toc a", "href") {
        assert!(
            ids.contains(&href.trim_start_matches('#').to_string()),
            "{href}"
        );
    }
    // Kinds are headings; the one `<h1>` is the title.
    assert_eq!(texts(&html, "h3.msg-kind")[0], "One-liner");
    assert_eq!(texts(&html, "h1").len(), 1);
}

#[test]
fn message_map_shows_gaps_between_approved_and_used_channels() {
    let book = Book::basic();
    // The one-liner is approved for website and sales; the home page (no channels) and
    // a website page render it: sales is a gap.
    book.write(
        "content/web.md",
        "---\ntitle: Web copy\nchannels: [website]\n---\n\n{{msg:core.one-liner}}\n",
    );
    built(&book);
    let html = book.html("public/gtmbook/message-map/index.html");
    let row = "#msg-core-one-liner";
    assert_eq!(
        texts(&html, &format!("{row} .chip-gap")),
        vec!["gap: sales"]
    );
    assert_eq!(
        texts(&html, &format!("{row} .chip-used")),
        vec!["✓ website"]
    );
    let stats = texts(&html, ".stats li").join(" | ");
    assert!(stats.contains("with channel gaps"), "{stats}");
}

#[test]
fn one_claims_register_and_one_glossary() {
    let book = Book::basic();
    built(&book);
    let home = book.html("public/index.html");
    let foot: Vec<String> = attrs(&home, ".foot a", "href");
    assert!(foot.contains(&"/reference/claims/".to_string()), "{foot:?}");
    assert!(
        foot.contains(&"/reference/glossary/".to_string()),
        "{foot:?}"
    );
    // The generated addresses send readers to the book's own pages.
    let moved = book.read("public/gtmbook/claims/index.html");
    assert!(moved.contains("url=/reference/claims/"), "{moved}");
    let moved = book.read("public/gtmbook/glossary/index.html");
    assert!(moved.contains("url=/reference/glossary/"), "{moved}");
    // The book's claims page lists every claim of the handbook, with who uses it.
    let claims = book.html("public/reference/claims/index.html");
    assert!(!texts(&claims, "tr#claim-fewer-calls").is_empty());
}

#[test]
fn health_findings_name_their_page_and_line() {
    let book = Book::basic();
    book.write(
        "content/notes.md",
        "---\ntitle: Field notes\n---\n\nExample Product gives small operations teams one plan for each week.\n",
    );
    built(&book);
    let html = book.html("public/gtmbook/health/index.html");
    let found = texts(&html, ".findings li").join(" | ");
    assert!(found.contains("Field notes"), "{found}");
    assert!(found.contains("line 5"), "{found}");
    assert!(attrs(&html, ".findings a", "href").contains(&"/notes/".to_string()));
    // Counts read as English.
    let stats = texts(&html, ".stats li").join(" | ");
    assert!(!stats.contains("1 notes"), "{stats}");
}

#[test]
fn body_headings_stay_below_the_title_and_task_boxes_are_labelled() {
    let book = Book::basic();
    book.write(
        "content/tasks.md",
        "---\ntitle: Tasks\n---\n\n# Welcome\n\n- [ ] brief sales\n- [x] write copy\n",
    );
    built(&book);
    let html = book.html("public/tasks/index.html");
    assert_eq!(texts(&html, "h1"), vec!["Tasks"]);
    assert_eq!(
        attrs(&html, "input[type=checkbox]", "aria-label"),
        vec!["To do", "Done"]
    );
}

#[test]
fn positioning_statement_reads_as_labelled_fields() {
    let book = Book::basic();
    built(&book);
    let html = book.html("public/positioning/index.html");
    let labels = texts(&html, ".statement dt");
    assert_eq!(labels.first().map(String::as_str), Some("For"));
    assert!(labels.contains(&"Category".to_string()), "{labels:?}");
    let text = texts(&html, ".statement").join(" ");
    assert!(!text.contains("whose problem is this"), "{text}");
}
