//! The client-side search index (docs/themes.md, "Search index"): a document list and
//! an inverted index sharded by the first character of each term, so the browser loads
//! only the shards of the words it is looking for. Terms are counted per document in
//! parallel, then merged in document order.

use crate::model::Handbook;
use crate::site::OutFile;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

const TITLE: u32 = 10;
const HEADING: u32 = 4;
const BODY: u32 = 1;
/// A word counts at most this often from the body, so long pages do not drown short ones.
const BODY_CAP: u32 = 8;

/// Documents holding a term, with the term's score in each.
type Postings = Vec<(u32, u32)>;

fn merge(
    mut into: FxHashMap<String, Postings>,
    from: FxHashMap<String, Postings>,
) -> FxHashMap<String, Postings> {
    for (k, mut v) in from {
        into.entry(k).or_default().append(&mut v);
    }
    into
}

fn shard_key(term: &str) -> char {
    match term.chars().next() {
        Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit() => c,
        _ => '_',
    }
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 2 && w.len() <= 40 && w.chars().nth(1).is_some())
        .map(str::to_lowercase)
}

/// Scores of the terms of one document.
fn doc_terms(d: &crate::model::Document) -> Vec<(String, u32)> {
    let mut scores: HashMap<String, (u32, u32)> = HashMap::new(); // (fixed, body)
    for w in words(&d.title.value) {
        scores.entry(w).or_default().0 += TITLE;
    }
    if let Some(desc) = &d.description {
        for w in words(&desc.value) {
            scores.entry(w).or_default().0 += HEADING;
        }
    }
    for h in &d.body.headings {
        for w in words(&h.title) {
            scores.entry(w).or_default().0 += HEADING;
        }
    }
    let body = d
        .body
        .prose
        .iter()
        .map(|p| p.text)
        .chain(d.messages.iter().map(|m| m.text.value.as_str()));
    for text in body {
        for w in words(text) {
            let e = scores.entry(w).or_default();
            e.1 = (e.1 + BODY).min(BODY_CAP);
        }
    }
    scores.into_iter().map(|(w, (f, b))| (w, f + b)).collect()
}

pub fn files(hb: &Handbook, built: &[usize]) -> Vec<OutFile> {
    // Each thread folds its documents into one map, and the maps are merged: the terms of
    // all documents never sit in memory at once.
    let index: FxHashMap<String, Postings> = built
        .par_iter()
        .enumerate()
        .fold(
            FxHashMap::default,
            |mut map: FxHashMap<String, Postings>, (n, &i)| {
                if let Some(d) = hb.docs.get(i) {
                    for (term, score) in doc_terms(d) {
                        map.entry(term).or_default().push((n as u32, score));
                    }
                }
                map
            },
        )
        .reduce(FxHashMap::default, |a, b| {
            if a.len() < b.len() {
                return merge(b, a);
            }
            merge(a, b)
        });
    let mut shards: BTreeMap<char, Vec<(String, Postings)>> = BTreeMap::new();
    for (term, postings) in index {
        shards
            .entry(shard_key(&term))
            .or_default()
            .push((term, postings));
    }
    let docs: Vec<serde_json::Value> = built
        .iter()
        .filter_map(|&i| hb.docs.get(i))
        .map(|d| {
            let section = hb
                .nav
                .sections
                .get(d.folder())
                .map(|s| s.title.as_str())
                .unwrap_or("");
            serde_json::json!([d.title.value, hb.url(d), section])
        })
        .collect();
    let mut out = vec![OutFile {
        path: "search/docs.json".into(),
        bytes: serde_json::to_vec(&docs).unwrap_or_default(),
    }];
    let shard_files: Vec<OutFile> = shards
        .into_par_iter()
        .map(|(k, mut terms)| {
            terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            for (_, postings) in terms.iter_mut() {
                postings.sort_unstable();
            }
            let mut s = String::with_capacity(terms.len() * 24);
            s.push('{');
            for (i, (term, postings)) in terms.iter().enumerate() {
                if i > 0 {
                    s.push(',');
                }
                s.push_str(&serde_json::to_string(term).unwrap_or_default());
                s.push_str(":[");
                for (j, (d, score)) in postings.iter().enumerate() {
                    if j > 0 {
                        s.push(',');
                    }
                    let _ = write!(s, "[{d},{score}]");
                }
                s.push(']');
            }
            s.push('}');
            OutFile {
                path: format!("search/terms-{k}.json"),
                bytes: s.into_bytes(),
            }
        })
        .collect();
    out.extend(shard_files);
    out
}
