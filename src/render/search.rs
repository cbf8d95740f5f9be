//! The client-side search index (docs/themes.md, "Search index"), made to be fetched
//! piece by piece: a small manifest (`search/index.json`), the terms in sorted chunks of
//! bounded size (`search/terms-<n>.json`), and the documents — title, URL, section and a
//! short text to cut the snippet from — in chunks of a fixed number
//! (`search/docs-<n>.json`). A query fetches the manifest, the term chunks its words fall
//! in and the document chunks of its top results: never a page.
//!
//! Terms are counted per document in parallel into groups by their first character;
//! each group is then merged, sorted and cut into chunks in parallel, and the document
//! chunks are written in parallel too.

use crate::model::{Document, Handbook, Sp};
use crate::site::OutFile;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt::Write;

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

/// Documents holding a term, with the term's score in each.
type Postings = Vec<(u32, u32)>;
/// Terms as written in the documents when already lowercase (most words of prose).
type Terms<'a> = FxHashMap<Cow<'a, str>, Postings>;

/// The groups terms are counted in: digits, `a`-`z`, anything else. Their order is the
/// order of the terms in them.
const GROUPS: usize = 37;

fn group(term: &str) -> usize {
    match term.bytes().next() {
        Some(c @ b'0'..=b'9') => usize::from(c - b'0'),
        Some(c @ b'a'..=b'z') => 10 + usize::from(c - b'a'),
        _ => 36,
    }
}

/// The order the browser compares strings in (UTF-16 code units), so that the manifest's
/// chunk boundaries mean the same on both sides.
fn js_order(a: &str, b: &str) -> Ordering {
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

/// Counts the terms of documents into one map per group, each posting's score packed
/// (see [`BODY_BITS`]). Documents are counted one after the other, so a term's last
/// posting is the current document's when it has one.
struct Counter<'a> {
    maps: Vec<Terms<'a>>,
}

impl<'a> Counter<'a> {
    fn new() -> Counter<'a> {
        Counter {
            maps: (0..GROUPS).map(|_| Terms::default()).collect(),
        }
    }

    /// `w` (as written) counted for document `n`: `fixed` points, or one body point.
    fn add(&mut self, n: u32, w: &'a str, fixed: u32) {
        let w = lower(w);
        let Some(map) = self.maps.get_mut(group(&w)) else {
            return;
        };
        // Looked up before a key is made: most words of a body repeat.
        let postings = match map.get_mut(&*w) {
            Some(p) => p,
            None => map.entry(w).or_default(),
        };
        if postings.last().is_none_or(|p| p.0 != n) {
            postings.push((n, 0));
        }
        let Some(p) = postings.last_mut() else {
            return;
        };
        if fixed > 0 {
            p.1 += fixed << BODY_BITS;
        } else if p.1 & BODY_MASK < BODY_CAP {
            p.1 += BODY;
        }
    }

    /// The terms of document `n`.
    fn doc(&mut self, n: u32, d: &'a Document) {
        for w in raw_words(&d.title.value) {
            self.add(n, w, TITLE);
        }
        if let Some(desc) = &d.description {
            for w in raw_words(&desc.value) {
                self.add(n, w, HEADING);
            }
        }
        for h in &d.body.headings {
            for w in raw_words(&h.title) {
                self.add(n, w, HEADING);
            }
        }
        // A glossary term ranks its page like a heading does.
        for t in d.glossary.iter().flat_map(|g| &g.terms) {
            for w in raw_words(&t.term.value) {
                self.add(n, w, HEADING);
            }
        }
        for text in body_texts(d) {
            for w in raw_words(text) {
                self.add(n, w, 0);
            }
        }
    }
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

/// One group's terms, sorted, each with its JSON entry (`"term":[postings]`).
fn entries(maps: Vec<Terms<'_>>) -> Vec<(Cow<'_, str>, String)> {
    // Merged into the largest map; postings are sorted below, so the order does not matter.
    let mut maps = maps;
    maps.sort_by_key(|m| std::cmp::Reverse(m.len()));
    let mut it = maps.into_iter();
    let mut all = it.next().unwrap_or_default();
    for m in it {
        for (k, mut v) in m {
            all.entry(k).or_default().append(&mut v);
        }
    }
    let mut terms: Vec<(Cow<'_, str>, Postings)> = all.into_iter().collect();
    terms.sort_unstable_by(|a, b| js_order(&a.0, &b.0));
    terms
        .into_iter()
        .map(|(term, mut postings)| {
            postings.sort_unstable();
            let mut s = String::with_capacity(term.len() + 4 + postings.len() * 5);
            s.push_str(&json_str(&term));
            s.push_str(":[");
            let mut last = 0;
            for (j, (d, packed)) in postings.iter().enumerate() {
                if j > 0 {
                    s.push(',');
                }
                let _ = write!(s, "{},{}", d - last, score(*packed));
                last = *d;
            }
            s.push(']');
            (term, s)
        })
        .collect()
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

pub fn files(hb: &Handbook, built: &[usize]) -> Vec<OutFile> {
    // Each thread folds a run of documents into one map per group; the maps of a group
    // are then merged together, apart from the other groups. Runs are long, so that few
    // maps repeat the same terms.
    let run = (built.len() / (4 * rayon::current_num_threads().max(1))).max(64);
    let pieces: Vec<Vec<Terms>> = built
        .par_iter()
        .enumerate()
        .with_min_len(run)
        .fold(Counter::new, |mut counter, (n, &i)| {
            if let Some(d) = hb.docs.get(i) {
                counter.doc(n as u32, d);
            }
            counter
        })
        .map(|c| c.maps)
        .collect();
    let mut groups: Vec<Vec<Terms>> = (0..GROUPS).map(|_| Vec::new()).collect();
    for piece in pieces {
        for (g, m) in groups.iter_mut().zip(piece) {
            if !m.is_empty() {
                g.push(m);
            }
        }
    }
    // Merged, sorted and written out per group in parallel; only the cutting into chunks
    // (copying the text) is done in one pass.
    let per_group: Vec<Vec<(Cow<str>, String)>> = groups.into_par_iter().map(entries).collect();
    let term_chunks = chunks(per_group.into_iter().flatten());
    let docs: Vec<&Document> = built.iter().filter_map(|&i| hb.docs.get(i)).collect();
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
    fn groups_follow_the_order_of_terms() {
        let mut terms = vec!["zeta", "9lives", "alpha", "émile", "ab", "b2b", "00"];
        terms.sort_by(|a, b| js_order(a, b));
        let groups: Vec<usize> = terms.iter().map(|t| group(t)).collect();
        assert!(
            groups.windows(2).all(|w| w[0] <= w[1]),
            "{terms:?} {groups:?}"
        );
    }

    #[test]
    fn scores_add_fixed_points_and_cap_the_body() {
        let mut c = Counter::new();
        c.add(0, "Alpha", TITLE);
        c.add(0, "ALPHA", HEADING);
        for _ in 0..20 {
            c.add(0, "alpha", 0);
        }
        c.add(1, "alpha", 0);
        c.add(1, "Émile", 0);
        let alpha = &c.maps[group("alpha")][&Cow::Borrowed("alpha")];
        let scores: Vec<(u32, u32)> = alpha.iter().map(|(d, p)| (*d, score(*p))).collect();
        assert_eq!(scores, [(0, TITLE + HEADING + BODY_CAP), (1, BODY)]);
        assert!(c.maps[36].contains_key(&Cow::Borrowed("émile")));
    }

    #[test]
    fn chunks_are_bounded_and_delta_coded() {
        let mut m = Terms::default();
        for i in 0..3000u32 {
            m.insert(Cow::Owned(format!("a{i:05}")), vec![(i + 5, 1), (i, 2)]);
        }
        let out = chunks(entries(vec![m]));
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
