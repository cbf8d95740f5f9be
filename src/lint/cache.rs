//! `Cache`: the per-document results of the two expensive passes (the sentence
//! comparisons against the message and claim sentences, the glossary scan) kept between
//! runs, so a run after one edit recomputes only the documents whose texts changed.
//!
//! A document's results are keyed by a hash of everything its pass reads from it (each
//! text's words and origin, and the document's language); where the texts are in the
//! file is read again from the current model, so an edit above them moves them. The whole
//! set of one pass is kept only while the book-wide inputs it reads are the same: the
//! fingerprint of [`Indexes`] (the reference sentences' words, in order, and the lint
//! settings) or of [`Phrases`] (the glossary's phrases, kinds and languages). When a
//! message or claim text changes, every document is compared again; when only a page
//! changes, only that page is. Cross-document rules run over the combined results as
//! before. No file, clock or environment is read here.

use super::glossary::{Found, Phrases};
use super::prose::{Origin, TextId};
use super::sentences::{Comparisons, Hit, Indexes};
use super::terms;
use super::texts::Texts;
use crate::source::Span;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// What the last run reused and recomputed, by pass (for timings and tests).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Documents whose sentence comparisons were reused / computed.
    pub sentences_reused: usize,
    pub sentences_computed: usize,
    /// Documents whose glossary hits were reused / computed.
    pub terms_reused: usize,
    pub terms_computed: usize,
}

/// One pass's results by document key, valid for one fingerprint of its book-wide inputs.
#[derive(serde::Serialize, serde::Deserialize)]
struct Pass<T> {
    fingerprint: Option<u64>,
    docs: FxHashMap<u64, Arc<Vec<T>>>,
}

impl<T> Default for Pass<T> {
    fn default() -> Self {
        Pass {
            fingerprint: None,
            docs: FxHashMap::default(),
        }
    }
}

impl<T: Send + Sync> Pass<T> {
    /// The results of every document (in document order): kept ones where the key and
    /// the fingerprint match, `compute` for the rest. Only the current documents'
    /// results are kept afterwards. Returns how many documents were reused.
    fn fill(
        &mut self,
        fingerprint: u64,
        keys: &[u64],
        compute: impl Fn(usize) -> Vec<T> + Sync,
    ) -> (Vec<Arc<Vec<T>>>, usize) {
        if self.fingerprint != Some(fingerprint) {
            self.docs.clear();
            self.fingerprint = Some(fingerprint);
        }
        let old = &self.docs;
        let per_doc: Vec<(Arc<Vec<T>>, bool)> = keys
            .par_iter()
            .enumerate()
            .map(|(doc, key)| match old.get(key) {
                Some(kept) => (Arc::clone(kept), true),
                None => (Arc::new(compute(doc)), false),
            })
            .collect();
        let reused = per_doc.iter().filter(|(_, r)| *r).count();
        self.docs = keys
            .iter()
            .zip(&per_doc)
            .map(|(k, (v, _))| (*k, Arc::clone(v)))
            .collect();
        (per_doc.into_iter().map(|(v, _)| v).collect(), reused)
    }
}

/// The per-document results kept between runs of [`super::run_with`]; serialisable, so
/// `check` and `build` keep it on disk (the keys are hashes of the texts, valid for one
/// build of the binary).
#[derive(Default, serde::Serialize, serde::Deserialize)]
pub struct Cache {
    sentences: Pass<(bool, Hit)>,
    terms: Pass<(u32, terms::Hit)>,
    #[serde(skip)]
    last: Stats,
}

impl Cache {
    /// What the last run reused and recomputed.
    pub fn stats(&self) -> Stats {
        self.last
    }

    /// The sentence comparisons of the handbook, reusing kept documents.
    pub fn sentences(&mut self, texts: &Texts, keys: &[u64]) -> Comparisons {
        let idx = Indexes::new(texts);
        if idx.is_empty() {
            self.sentences = Pass::default();
            self.last.sentences_reused = 0;
            self.last.sentences_computed = 0;
            return Comparisons::default();
        }
        let (per_doc, reused) = self
            .sentences
            .fill(idx.fingerprint, keys, |doc| idx.compare_doc(texts, doc));
        self.last.sentences_reused = reused;
        self.last.sentences_computed = keys.len() - reused;
        let found = per_doc.iter().enumerate().flat_map(|(doc, hits)| {
            hits.iter().map(move |(is_message, hit)| {
                // A kept hit may come from another run, where the document had another
                // number and file id, and its texts other places in the file: the same
                // words, placed again from the current texts.
                let mut hit = hit.clone();
                hit.at.doc = u32::try_from(doc).unwrap_or(u32::MAX);
                if let Some(text) = texts.text(hit.at) {
                    hit.span = Span::new(
                        text.file,
                        text.file_offset(hit.range.0),
                        text.file_offset(hit.range.1.saturating_sub(1)) + 1,
                    );
                }
                (*is_message, hit)
            })
        });
        idx.assemble(found)
    }

    /// The glossary hits of the handbook, reusing kept documents.
    pub fn terms<'a>(&mut self, texts: &Texts<'a>, keys: &[u64]) -> Vec<Found<'a>> {
        let phrases = Phrases::new(texts);
        let (per_doc, reused) = self.terms.fill(phrases.fingerprint, keys, |doc| {
            phrases
                .scan_doc(texts, doc)
                .into_iter()
                .map(|(id, hit)| (id.n, hit))
                .collect()
        });
        self.last.terms_reused = reused;
        self.last.terms_computed = keys.len() - reused;
        per_doc
            .iter()
            .enumerate()
            .flat_map(|(doc, hits)| {
                let doc = u32::try_from(doc).unwrap_or(u32::MAX);
                hits.iter()
                    .map(move |(n, hit)| (TextId { doc, n: *n }, *hit))
            })
            .filter_map(|(id, hit)| phrases.found(id, hit))
            .collect()
    }
}

/// The key of each document: a hash of everything the cached passes read from it.
pub fn doc_keys(texts: &Texts) -> Vec<u64> {
    (0..texts.hb.docs.len())
        .into_par_iter()
        .map(|doc| {
            let mut h = xxhash_rust::xxh3::Xxh3::new();
            if let Some(d) = texts.hb.docs.get(doc) {
                d.lang.hash(&mut h);
            }
            for (id, text) in texts.texts_of(doc) {
                id.n.hash(&mut h);
                match text.origin {
                    Origin::Body => 0u8.hash(&mut h),
                    Origin::Field(name) => (1u8, name).hash(&mut h),
                    Origin::Message => 2u8.hash(&mut h),
                    Origin::Claim => 3u8.hash(&mut h),
                }
                text.prose.text.hash(&mut h);
            }
            h.finish()
        })
        .collect()
}
