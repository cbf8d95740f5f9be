//! A page's key before its context is made: what every page may read of the whole
//! handbook (the book key), with the page's own document (its parse key).
//!
//! A page's context (`page::page_ctx`) reads its own document whole and, of every other
//! document, what the model holds besides its body's HTML and prose (titles, ids,
//! addresses, messages, claims, headings, links, references) and of the prose only the
//! first sentence that card summaries show (`typed::first_sentence`). The book key hashes
//! exactly that for every document (every field, by a destructuring the compiler keeps
//! complete), with the settings, the day, the layout and the files links may point at.
//! An edit to a page's text that moves none of its headings, links or references (spans
//! are hashed too) and leaves its first sentence leaves the book key as it was: every
//! other page is then reused without its context being made. Any other edit changes the
//! book key, and pages fall back to the key of their context (`template::page_key`).

use super::template::Hashing;
use crate::model::{Body, Document, Handbook};
use rayon::prelude::*;

/// A hash of what any page's context may read of the whole handbook; none when a
/// document could not be hashed.
pub(super) fn book_key(hb: &Handbook) -> Option<u128> {
    // Without the cache no document has a parse key, and no page an input key.
    if hb.docs.iter().all(|d| d.key == 0) {
        return None;
    }
    let faces: Vec<u128> = hb.docs.par_iter().map(face).collect::<Option<_>>()?;
    let mut h = Hashing(xxhash_rust::xxh3::Xxh3::new());
    let described = format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
        hb.config, hb.today, hb.layout, hb.assets, hb.config_file
    );
    h.0.update(&(described.len() as u64).to_le_bytes());
    h.0.update(described.as_bytes());
    for f in faces {
        h.0.update(&f.to_le_bytes());
    }
    Some(h.0.digest128())
}

/// The key of document `i`'s page before its context is made; none when its document
/// was not loaded through the cache (no parse key) or the site has no key.
pub(super) fn page_inputs(
    book: Option<u128>,
    site: u128,
    nav: u128,
    i: usize,
    d: &Document,
) -> Option<u128> {
    let book = book?;
    if d.key == 0 || site == 0 {
        return None;
    }
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for part in [book, site, nav, d.key, i as u128, u128::from(d.file.0)] {
        h.update(&part.to_le_bytes());
    }
    Some(h.digest128())
}

/// Hash each named field of a value of type `$ty` into `$h`, the others (`skip`) not:
/// the fields are named once, in a destructuring without `..`, so a field added to the
/// type must be placed here before the crate compiles.
macro_rules! hash_fields {
    ($h:expr, $value:expr, $ty:ident { $($field:ident),* $(,)? } skip { $($skip:ident),* $(,)? }) => {{
        let $ty { $($field,)* $($skip: _,)* } = $value;
        $( postcard::to_io($field, &mut $h).ok()?; )*
    }};
}

/// A hash of everything of a document another page may read: all but its body's HTML
/// and prose, and of the prose its first sentence.
fn face(d: &Document) -> Option<u128> {
    let mut h = Hashing(xxhash_rust::xxh3::Xxh3::new());
    hash_fields!(h, d, Document {
        file, path, rel, url, url_span, is_section, dir, lang, aliases, id, id_explicit,
        kind, title, owner, reviewed, review_every, status, weight, description, tags,
        audience, channels, allow, messages, claims, persona, positioning, competitor,
        playbook, glossary, front_matter,
    } skip { body, key });
    // The body: what links and references point at, not its HTML or prose.
    hash_fields!(h, &d.body, Body {
        headings, links, refs, title, title_id, anchors,
    } skip { parts, prose });
    postcard::to_io(&super::typed::first_sentence(d), &mut h).ok()?;
    Some(h.0.digest128())
}
