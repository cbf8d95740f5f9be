//! The client-side search index (docs/themes.md, "Search index"), made to be fetched
//! piece by piece: a small manifest (`search/index.json`), the terms in sorted chunks of
//! bounded size (`search/terms-<n>.json`), and the documents — title, URL, section and a
//! short text to cut the snippet from — in chunks of a fixed number
//! (`search/docs-<n>.json`). A query fetches the manifest, the term chunks its words fall
//! in and the document chunks of its top results: never a page.
//!
//! Each document's terms are counted in parallel (or taken from the last build's, kept
//! by a hash of the words they came from: `kept.rs`), numbered in one table, merged in
//! document order, sorted and written out in parallel, then cut into chunks; the
//! document chunks are written in parallel too.

use crate::model::{Document, Handbook, Sp};
use crate::site::OutFile;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::cmp::Ordering;

mod kept;
use kept::DocTerms;
pub use kept::{Kept, Memo};

/// The format of the files, in the manifest: a reader checks it.
pub const VERSION: u32 = 2;
/// A term chunk is closed once it holds this many bytes (one term's postings may be more).
pub const TERM_CHUNK_BYTES: usize = 16 * 1024;
/// Documents per document chunk: `search/docs-<n>.json` holds documents
/// `n * DOC_CHUNK ..`.
pub const DOC_CHUNK: usize = 16;
/// The text of a document for its snippet: at most this many characters.
pub const TEXT_CHARS: usize = 200;
/// What each document record holds, in order (more may be added at the end).
pub const DOC_FIELDS: [&str; 4] = ["title", "url", "section", "text"];
/// What each posting holds, in order: the document's number as the difference from the
/// previous posting's (the first as it is), then the term's score in it.
pub const POSTING_FIELDS: [&str; 2] = ["doc_delta", "score"];

const TITLE: u32 = 10;
const HEADING: u32 = 4;
const BODY: u32 = 1;
/// A word counts at most this often from the body, so long pages do not drown short ones.
const BODY_CAP: u32 = 8;

/// A document's terms while they are counted: each word (lowercase) with its packed
/// score (see [`BODY_BITS`]).
type Counts<'a> = FxHashMap<Cow<'a, str>, u32>;

/// The order the browser compares strings in (UTF-16 code units), so that the manifest's
/// chunk boundaries mean the same on both sides. ASCII strings compare as bytes.
fn js_order(a: &str, b: &str) -> Ordering {
    if a.is_ascii() && b.is_ascii() {
        return a.cmp(b);
    }
    a.encode_utf16().cmp(b.encode_utf16())
}

/// The words of `text` as written (not lowercased yet).
fn raw_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 2 && w.len() <= 40 && w.chars().nth(1).is_some())
}

/// `w` lowercased, borrowed when it is lowercase already (most words of prose).
fn lower(w: &str) -> Cow<'_, str> {
    if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(w)
    } else {
        Cow::Owned(w.to_lowercase())
    }
}

/// A term's score in one document while it is counted: the title, heading and glossary
/// points above [`BODY_BITS`], the body's (at most [`BODY_CAP`]) below.
const BODY_BITS: u32 = 4;
const BODY_MASK: u32 = (1 << BODY_BITS) - 1;

fn score(packed: u32) -> u32 {
    (packed >> BODY_BITS) + (packed & BODY_MASK)
}

/// `w` (as written) counted into `counts`: `fixed` points, or one body point.
fn add<'a>(counts: &mut Counts<'a>, w: &'a str, fixed: u32) {
    let w = lower(w);
    // Looked up before a key is made: most words of a body repeat.
    let packed = match counts.get_mut(&*w) {
        Some(p) => p,
        None => counts.entry(w).or_default(),
    };
    if fixed > 0 {
        *packed += fixed << BODY_BITS;
    } else if *packed & BODY_MASK < BODY_CAP {
        *packed += BODY;
    }
}

/// The texts of a document that its terms come from, each with the points a word of it
/// scores (0: a body word). Both counting and the key of the counted terms read them here.
fn weighted_texts(d: &Document) -> impl Iterator<Item = (&str, u32)> {
    let title = std::iter::once((d.title.value.as_str(), TITLE));
    let description = d.description.iter().map(|s| (s.value.as_str(), HEADING));
    let headings = d.body.headings.iter().map(|h| (h.title.as_str(), HEADING));
    // A glossary term ranks its page like a heading does.
    let terms = d
        .glossary
        .iter()
        .flat_map(|g| &g.terms)
        .map(|t| (t.term.value.as_str(), HEADING));
    title
        .chain(description)
        .chain(headings)
        .chain(terms)
        .chain(body_texts(d).map(|t| (t, 0)))
}

/// The terms of one document with their packed scores.
fn count(d: &Document) -> Counts<'_> {
    let mut counts = Counts::default();
    for (text, fixed) in weighted_texts(d) {
        for w in raw_words(text) {
            add(&mut counts, w, fixed);
        }
    }
    counts
}

/// What a document's terms are counted from, hashed: the same key, the same terms.
fn words_key(d: &Document) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for (text, fixed) in weighted_texts(d) {
        h.update(&fixed.to_le_bytes());
        h.update(&(text.len() as u64).to_le_bytes());
        h.update(text.as_bytes());
    }
    h.digest128()
}

/// The words a reader searches for on a page: its prose, and the structured fields the
/// typed layouts show (message and claim texts, a persona's role, trigger, pain, stakes
/// and decision process, positioning, a competitor's differentiators and landmines,
/// glossary terms with their definitions and banned phrases).
fn body_texts(d: &Document) -> impl Iterator<Item = &str> {
    let mut fields: Vec<&str> = Vec::new();
    fields.extend(d.messages.iter().map(|m| m.text.value.as_str()));
    fields.extend(d.claims.iter().map(|c| c.text.value.as_str()));
    if let Some(p) = &d.persona {
        for f in [&p.role, &p.trigger, &p.pain, &p.stakes, &p.decision_process] {
            fields.extend(one(f));
        }
    }
    if let Some(p) = &d.positioning {
        fields.extend(one(&p.product));
        fields.extend(one(&p.category));
        fields.extend(many(&p.for_));
        fields.extend(one(&p.problem));
        fields.extend(many(&p.differentiators));
    }
    if let Some(c) = &d.competitor {
        fields.extend(many(&c.differentiators));
        fields.extend(many(&c.landmines));
    }
    if let Some(g) = &d.glossary {
        for t in &g.terms {
            fields.push(t.term.value.as_str());
            fields.extend(one(&t.definition));
        }
        fields.extend(g.banned.iter().map(|b| b.phrase.value.as_str()));
    }
    d.body.prose.iter().map(|p| p.text).chain(fields)
}

fn one(v: &Option<Sp<String>>) -> impl Iterator<Item = &str> {
    v.iter().map(|s| s.value.as_str())
}

fn many(v: &[Sp<String>]) -> impl Iterator<Item = &str> {
    v.iter().map(|s| s.value.as_str())
}

/// Words of a snippet: a `{{kind:id}}` reference is not shown as written.
fn shown(w: &str) -> bool {
    !w.contains("{{") && !w.contains("}}")
}

/// The text a result's snippet is cut from: the description, then the body's prose, in
/// one line of at most [`TEXT_CHARS`] characters ending at a word, `…` when cut.
pub fn snippet_text(d: &Document) -> String {
    let mut out = String::new();
    let mut chars = 0;
    let texts = d
        .description
        .iter()
        .map(|s| s.value.as_str())
        .chain(body_texts(d));
    for w in texts.flat_map(str::split_whitespace).filter(|w| shown(w)) {
        let n = w.chars().count();
        if chars + n + usize::from(chars > 0) > TEXT_CHARS {
            out.push('…');
            return out;
        }
        if chars > 0 {
            out.push(' ');
            chars += 1;
        }
        out.push_str(w);
        chars += n;
    }
    out
}

fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// A term's JSON entry: `"term":[postings]`, each posting its document's number as the
/// difference from the previous one's, then the term's score.
fn entry(term: &str, postings: &[(u32, u32)]) -> String {
    let mut s = String::with_capacity(term.len() + 4 + postings.len() * 5);
    s.push_str(&json_str(term));
    s.push_str(":[");
    let mut num = itoa::Buffer::new();
    let mut last = 0;
    for (j, (d, packed)) in postings.iter().enumerate() {
        if j > 0 {
            s.push(',');
        }
        s.push_str(num.format(d - last));
        s.push(',');
        s.push_str(num.format(score(*packed)));
        last = *d;
    }
    s.push(']');
    s
}

/// Documents counted together before their terms are numbered.
const COUNT_BATCH: usize = 256;

/// A document's terms: as the last build counted them, or counted now.
enum Found<'a> {
    Kept(u128, &'a DocTerms),
    Counted(u128, Counts<'a>),
}

/// The term chunks of `docs` (`(first term, JSON)`), counting only documents whose words
/// `memo` does not hold; what was counted is left in `memo` for the next build.
fn term_chunks<'a>(docs: &[&'a Document], memo: &'a Memo) -> Vec<(Cow<'a, str>, String)> {
    let kept = &memo.kept;
    // The kept terms keep their numbers; new ones are numbered after them.
    let mut table: Vec<Cow<'a, str>> = kept
        .terms
        .iter()
        .map(|t| Cow::Borrowed(t.as_str()))
        .collect();
    let mut ids: FxHashMap<Cow<'a, str>, u32> = FxHashMap::default();
    let mut counted = 0;
    let mut lists: Vec<(u128, Cow<DocTerms>)> = Vec::with_capacity(docs.len());
    // Counted in parallel a batch at a time, and numbered in order: the counts of a
    // batch are held in maps, only its numbered terms are held beyond it.
    for batch in docs.chunks(COUNT_BATCH) {
        let found: Vec<Found> = batch
            .par_iter()
            .map(|d| {
                let key = words_key(d);
                match kept.docs.get(&key) {
                    Some(list) => Found::Kept(key, list),
                    None => Found::Counted(key, count(d)),
                }
            })
            .collect();
        for f in found {
            let (key, counts) = match f {
                Found::Kept(key, list) => {
                    lists.push((key, Cow::Borrowed(list)));
                    continue;
                }
                Found::Counted(key, counts) => (key, counts),
            };
            if counted == 0 {
                ids.extend(table.iter().enumerate().map(|(i, t)| (t.clone(), i as u32)));
            }
            counted += 1;
            let list = counts
                .into_iter()
                .map(|(w, packed)| {
                    let id = match ids.get(&w) {
                        Some(&id) => id,
                        None => {
                            let id = table.len() as u32;
                            ids.insert(w.clone(), id);
                            table.push(w);
                            id
                        }
                    };
                    (id, packed)
                })
                .collect();
            lists.push((key, Cow::Owned(list)));
        }
    }
    // Every term's postings in one array, in document order: `start[t]..start[t + 1]`.
    let mut start = vec![0usize; table.len() + 1];
    for (t, _) in lists.iter().flat_map(|(_, l)| l.iter()) {
        if let Some(n) = start.get_mut(*t as usize + 1) {
            *n += 1;
        }
    }
    let mut sum = 0;
    for n in &mut start {
        sum += *n;
        *n = sum;
    }
    let mut fill: Vec<usize> = start.clone();
    let mut postings = vec![(0u32, 0u32); start.last().copied().unwrap_or(0)];
    for (n, (_, list)) in lists.iter().enumerate() {
        for &(t, packed) in list.iter() {
            if let Some(at) = fill.get_mut(t as usize)
                && let Some(p) = postings.get_mut(*at)
            {
                *p = (n as u32, packed);
                *at += 1;
            }
        }
    }
    let of = |t: usize| -> &[(u32, u32)] {
        match (start.get(t), start.get(t + 1)) {
            (Some(&a), Some(&b)) => postings.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    };
    let term = |t: usize| table.get(t).map_or("", |w| &**w);
    let mut used: Vec<usize> = (0..table.len()).filter(|&t| !of(t).is_empty()).collect();
    used.sort_unstable_by(|&a, &b| js_order(term(a), term(b)));
    let written: Vec<String> = used
        .par_iter()
        .with_min_len(256)
        .map(|&t| entry(term(t), of(t)))
        .collect();
    drop(postings);
    // Kept for the next build when anything differs: a document counted now, or one
    // counted last time that is gone. Terms no document holds any more are dropped.
    let keys: rustc_hash::FxHashSet<u128> = lists.iter().map(|(k, _)| *k).collect();
    if counted > 0 || keys.len() != kept.docs.len() {
        let mut renumber = vec![u32::MAX; table.len()];
        for (new, &t) in used.iter().enumerate() {
            if let Some(r) = renumber.get_mut(t) {
                *r = new as u32;
            }
        }
        let terms = used.iter().map(|&t| term(t).to_string()).collect();
        let docs = lists
            .into_iter()
            .map(|(key, list)| {
                let mut list = list.into_owned();
                for (t, _) in &mut list {
                    *t = renumber.get(*t as usize).copied().unwrap_or(u32::MAX);
                }
                (key, list)
            })
            .collect();
        if let Ok(mut next) = memo.next.lock() {
            *next = Some(Kept { terms, docs });
        }
    }
    let firsts: Vec<Cow<'a, str>> = used
        .iter()
        .map(|&t| table.get(t).cloned().unwrap_or_default())
        .collect();
    chunks(firsts.into_iter().zip(written))
}

/// Sorted entries cut into chunks of about [`TERM_CHUNK_BYTES`]: `(first term, JSON)`.
fn chunks<'a>(
    entries: impl IntoIterator<Item = (Cow<'a, str>, String)>,
) -> Vec<(Cow<'a, str>, String)> {
    let mut out = Vec::new();
    let mut first = Cow::Borrowed("");
    let mut s = String::new();
    for (term, entry) in entries {
        if s.is_empty() {
            first = term;
            s.reserve(TERM_CHUNK_BYTES + entry.len());
            s.push('{');
        } else {
            s.push(',');
        }
        s.push_str(&entry);
        if s.len() >= TERM_CHUNK_BYTES {
            s.push('}');
            out.push((std::mem::take(&mut first), std::mem::take(&mut s)));
        }
    }
    if !s.is_empty() {
        s.push('}');
        out.push((first, s));
    }
    out
}

/// The files of the search index of the `built` documents; `memo` holds the terms the
/// last build counted, and is given this build's.
pub fn files(hb: &Handbook, built: &[usize], memo: &Memo) -> Vec<OutFile> {
    let docs: Vec<&Document> = built.iter().filter_map(|&i| hb.docs.get(i)).collect();
    let term_chunks = term_chunks(&docs, memo);
    let doc_chunks: Vec<OutFile> = docs
        .par_chunks(DOC_CHUNK)
        .enumerate()
        .map(|(n, chunk)| {
            let records: Vec<serde_json::Value> = chunk
                .iter()
                .map(|d| {
                    let section = hb
                        .nav
                        .sections
                        .get(d.folder())
                        .map(|s| s.title.as_str())
                        .unwrap_or("");
                    serde_json::json!([d.title.value, hb.url(d), section, snippet_text(d)])
                })
                .collect();
            OutFile {
                path: format!("search/docs-{n}.json"),
                bytes: serde_json::to_vec(&records).unwrap_or_default(),
            }
        })
        .collect();
    let manifest = serde_json::json!({
        "version": VERSION,
        "docs": docs.len(),
        "doc_chunk": DOC_CHUNK,
        "doc_fields": DOC_FIELDS,
        "posting_fields": POSTING_FIELDS,
        "terms": term_chunks.iter().map(|(first, _)| &**first).collect::<Vec<_>>(),
    });
    let mut out = vec![OutFile {
        path: "search/index.json".into(),
        bytes: serde_json::to_vec(&manifest).unwrap_or_default(),
    }];
    out.extend(
        term_chunks
            .into_iter()
            .enumerate()
            .map(|(n, (_, text))| OutFile {
                path: format!("search/terms-{n}.json"),
                bytes: text.into_bytes(),
            }),
    );
    out.extend(doc_chunks);
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn terms_sort_in_the_browsers_order() {
        let mut terms = vec![
            "zeta",
            "9lives",
            "alpha",
            "émile",
            "ab",
            "b2b",
            "00",
            "\u{1F600}x",
            "\u{FF41}x",
        ];
        terms.sort_by(|a, b| js_order(a, b));
        let mut utf16 = terms.clone();
        utf16.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
        assert_eq!(terms, utf16);
        // A character beyond U+FFFF is two surrogates in UTF-16, below U+FF41.
        assert_eq!(&terms[terms.len() - 2..], ["\u{1F600}x", "\u{FF41}x"]);
        assert_eq!(&terms[..3], ["00", "9lives", "ab"]);
    }

    #[test]
    fn scores_add_fixed_points_and_cap_the_body() {
        let mut c = Counts::default();
        add(&mut c, "Alpha", TITLE);
        add(&mut c, "ALPHA", HEADING);
        for _ in 0..20 {
            add(&mut c, "alpha", 0);
        }
        add(&mut c, "Émile", 0);
        assert_eq!(score(c["alpha"]), TITLE + HEADING + BODY_CAP);
        assert_eq!(score(c["émile"]), BODY);
        assert_eq!(c.len(), 2);
    }

    #[test]
    fn chunks_are_bounded_and_delta_coded() {
        let terms: Vec<String> = (0..3000u32).map(|i| format!("a{i:05}")).collect();
        let written = terms.iter().enumerate().map(|(i, t)| {
            (
                Cow::Borrowed(t.as_str()),
                entry(t, &[(i as u32, 2), (i as u32 + 5, 1)]),
            )
        });
        let out = chunks(written);
        assert!(out.len() > 1);
        let mut all = 0;
        for (first, text) in &out {
            assert!(text.len() < TERM_CHUNK_BYTES + 100);
            let v: serde_json::Value = serde_json::from_str(text).unwrap();
            assert!(v.get(&**first).is_some());
            all += v.as_object().unwrap().len();
        }
        assert_eq!(all, 3000);
        let v: serde_json::Value = serde_json::from_str(&out[0].1).unwrap();
        // Sorted by document, the second as a difference: a00007 is in 7 and 12.
        assert_eq!(v["a00007"], serde_json::json!([7, 2, 5, 1]));
    }
}
