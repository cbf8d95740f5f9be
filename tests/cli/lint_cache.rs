//! The lint cache (`lint::run_with`) gives the same findings as a fresh `lint::run`
//! after every kind of change to the sample handbook, and reuses what a change cannot
//! touch; and `gtmbook lsp`, which keeps one cache, publishes what `check` finds.

use crate::support::Book;
use gtmbook::diagnostics::Diagnostic;
use gtmbook::lint::{self, Cache};
use gtmbook::load::{Live, Patch, Purpose};
use std::path::{Path, PathBuf};

/// A copy of the sample handbook (book.toml and content/ of the repository).
/// A copy of the sample handbook (the repository's book.toml and content/).
fn sample() -> tempfile::TempDir {
    Book::sample().dir
}

fn fresh(live: &Live) -> Vec<Diagnostic> {
    lint::run(&live.hb, live.diags(), &mut |_| {})
}

fn cached(cache: &mut Cache, live: &Live) -> Vec<Diagnostic> {
    lint::run_with(cache, &live.hb, live.diags(), &mut |_| {})
}

fn applied(p: Patch) -> Live {
    match p {
        Patch::Applied(l) | Patch::Reload(l) => *l,
    }
}

fn rules(diags: &[Diagnostic]) -> Vec<&str> {
    diags.iter().map(|d| d.rule.id).collect()
}

/// Apply one change, then assert cached == fresh; returns the findings.
fn step(
    what: &str,
    cache: &mut Cache,
    live: &mut Option<Live>,
    change: impl FnOnce(Live) -> Live,
) -> Vec<Diagnostic> {
    let next = change(live.take().unwrap());
    let a = cached(cache, &next);
    let b = fresh(&next);
    assert_eq!(
        a, b,
        "after {what}: cached findings differ from a fresh run"
    );
    *live = Some(next);
    a
}

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap()
}

#[test]
fn cached_findings_equal_fresh_after_every_kind_of_change() {
    let book = sample();
    let root = book.path();
    let today = jiff::civil::date(2026, 6, 1);
    let mut cache = Cache::default();
    let mut live = Some(Live::load(root, today, Purpose::Check).unwrap());
    let docs = live.as_ref().unwrap().hb.docs.len();

    // The first run computes everything; a second run with nothing changed reuses all.
    let first = step("the first run", &mut cache, &mut live, |l| l);
    let s = cache.stats();
    assert_eq!((s.sentences_reused, s.sentences_computed), (0, docs));
    step("no change", &mut cache, &mut live, |l| l);
    let s = cache.stats();
    assert_eq!((s.sentences_reused, s.terms_reused), (docs, docs));

    // A page edited: a sentence that drifts from the one-liner, an avoided term, and a
    // line above the rest so every later finding of the page moves.
    let page = root.join("content/sales/first-call.md");
    let text = read(root, "content/sales/first-call.md");
    let edited = text
        .replacen(
            "Talk for a third of the call at most.",
            "Fieldline gives field-service teams one live schedule that dispatchers and \
             customers can all trust. Open the schedule grid together.",
            1,
        )
        .replacen("\n\n", "\n\nA new first paragraph.\n\n", 1);
    assert_ne!(edited, text);
    let found = step("a page edited", &mut cache, &mut live, |l| {
        applied(l.patch_texts(vec![(page.clone(), Some(edited.clone()))]))
    });
    let s = cache.stats();
    assert_eq!(s.sentences_computed, 1, "{s:?}");
    assert_eq!(s.terms_computed, 1, "{s:?}");
    assert!(
        rules(&found).contains(&"message/drift"),
        "{:?}",
        rules(&found)
    );
    assert!(rules(&found).contains(&"term/avoid"), "{:?}", rules(&found));
    assert_ne!(found, first);

    // A message text edited: the page's sentence now copies it; every document is
    // compared again, the glossary hits are kept.
    let house = root.join("content/messaging/platform.md");
    let house_text = read(root, "content/messaging/platform.md");
    let one_liner = "Fieldline gives field-service teams one live schedule that dispatchers, \
                     technicians and customers can all trust.";
    assert!(house_text.contains(one_liner));
    let found = step("a message text edited", &mut cache, &mut live, |l| {
        applied(l.patch_texts(vec![(
            house.clone(),
            Some(house_text.replacen(
                one_liner,
                "Fieldline gives field-service teams one live schedule that dispatchers and \
                 customers can all trust.",
                1,
            )),
        )]))
    });
    let s = cache.stats();
    assert_eq!(s.sentences_computed, docs, "{s:?}");
    assert_eq!(s.terms_computed, 1, "{s:?}");
    assert!(
        rules(&found).contains(&"message/copy"),
        "{:?}",
        rules(&found)
    );

    // A claim's number changed.
    let claims = root.join("content/reference/claims.md");
    let claims_text = read(root, "content/reference/claims.md");
    assert!(claims_text.contains("38% fewer late arrivals"));
    step("a claim number changed", &mut cache, &mut live, |l| {
        applied(l.patch_texts(vec![(
            claims.clone(),
            Some(claims_text.replacen("38% fewer late arrivals", "41% fewer late arrivals", 1)),
        )]))
    });

    // A glossary term: a new avoided word the edited page uses.
    let glossary = root.join("content/reference/glossary.md");
    let glossary_text = read(root, "content/reference/glossary.md");
    assert!(glossary_text.contains("avoid: [tech guy, field worker]"));
    let found = step("a glossary term added", &mut cache, &mut live, |l| {
        applied(l.patch_texts(vec![(
            glossary.clone(),
            Some(glossary_text.replacen(
                "avoid: [tech guy, field worker]",
                "avoid: [tech guy, field worker, first paragraph]",
                1,
            )),
        )]))
    });
    let s = cache.stats();
    assert_eq!(s.terms_computed, docs, "{s:?}");
    let avoid = found
        .iter()
        .filter(|d| d.rule.id == "term/avoid" && d.message.contains("first paragraph"))
        .count();
    assert!(avoid >= 1, "{:?}", rules(&found));

    // A page deleted (on disk; the editor's text of the page is given back first).
    let gone = root.join("content/sales/first-call.md");
    step("a page deleted", &mut cache, &mut live, |l| {
        std::fs::remove_file(&gone).unwrap();
        applied(l.patch_texts(vec![(gone.clone(), None)]))
    });

    // A page added, with a sentence that copies a message.
    let added: PathBuf = root.join("content/sales/new-page.md");
    let found = step("a page added", &mut cache, &mut live, |l| {
        let text = "---\ntitle: New page\nowner: sales\n---\n\n# New page\n\n\
                    Fieldline gives field-service teams one live schedule that dispatchers \
                    and customers can all trust.\n";
        std::fs::write(&added, text).unwrap();
        applied(l.patch(std::slice::from_ref(&added)))
    });
    assert!(
        found
            .iter()
            .any(|d| d.rule.id == "message/copy"
                && live_path(&live, d) == "content/sales/new-page.md"),
        "{:?}",
        rules(&found)
    );

    // Back to the files on disk, then a full reload: still equal.
    step("a reload", &mut cache, &mut live, |_| {
        Live::load(root, today, Purpose::Check).unwrap()
    });
}

fn live_path<'a>(live: &'a Option<Live>, d: &Diagnostic) -> &'a str {
    live.as_ref().unwrap().hb.sources.path(d.span.file)
}
