//! The client-side search index (docs/themes.md, "Search index"): a document list and
//! an inverted index sharded by the first character of each term, so the browser loads
//! only the shards of the words it is looking for.

use super::OutFile;
use crate::model::Handbook;
use std::collections::BTreeMap;

const TITLE: u32 = 10;
const HEADING: u32 = 4;
const BODY: u32 = 1;
/// A word counts at most this often from the body, so long pages do not drown short ones.
const BODY_CAP: u32 = 8;

fn shard_key(term: &str) -> char {
    match term.chars().next() {
        Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit() => c,
        _ => '_',
    }
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2 && w.len() <= 40)
        .map(str::to_lowercase)
}

pub fn files(hb: &Handbook, built: &[usize]) -> Vec<OutFile> {
    let mut docs = Vec::with_capacity(built.len());
    // term -> doc number -> score
    let mut index: BTreeMap<String, BTreeMap<u32, u32>> = BTreeMap::new();
    for (n, &i) in built.iter().enumerate() {
        let Some(d) = hb.docs.get(i) else { continue };
        let n = n as u32;
        let section = hb
            .nav
            .sections
            .get(d.folder())
            .map(|s| s.title.clone())
            .unwrap_or_default();
        docs.push(serde_json::json!([d.title.value, hb.url(d), section]));
        let mut scores: BTreeMap<String, (u32, u32)> = BTreeMap::new(); // (fixed, body)
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
        for p in &d.body.prose {
            for w in words(&p.text) {
                let e = scores.entry(w).or_default();
                e.1 = (e.1 + BODY).min(BODY_CAP);
            }
        }
        for m in &d.messages {
            for w in words(&m.text.value) {
                let e = scores.entry(w).or_default();
                e.1 = (e.1 + BODY).min(BODY_CAP);
            }
        }
        for (w, (fixed, body)) in scores {
            index.entry(w).or_default().insert(n, fixed + body);
        }
    }
    let mut shards: BTreeMap<char, serde_json::Map<String, serde_json::Value>> = BTreeMap::new();
    for (term, postings) in index {
        let list: Vec<[u32; 2]> = postings.into_iter().map(|(d, s)| [d, s]).collect();
        shards
            .entry(shard_key(&term))
            .or_default()
            .insert(term, serde_json::json!(list));
    }
    let mut out = vec![OutFile {
        path: "search/docs.json".into(),
        bytes: serde_json::to_vec(&docs).unwrap_or_default(),
    }];
    for (k, map) in shards {
        out.push(OutFile {
            path: format!("search/terms-{k}.json"),
            bytes: serde_json::to_vec(&map).unwrap_or_default(),
        });
    }
    out
}
