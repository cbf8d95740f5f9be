//! `Ctx`, what every rule reads: the handbook, its texts, and the glossary scan and
//! sentence comparisons computed once for the rules that share them.

use super::glossary::{self, Found};
use super::sentences::{self, Comparison, Comparisons};
use super::texts::Texts;
use crate::model::Handbook;
use std::sync::OnceLock;

/// What every rule reads.
pub struct Ctx<'a> {
    pub hb: &'a Handbook,
    /// The texts the prose rules read.
    pub texts: Texts<'a>,
    sentences: OnceLock<Comparisons>,
    terms: OnceLock<Vec<Found<'a>>>,
    anchors: OnceLock<rustc_hash::FxHashSet<&'a str>>,
}

impl<'a> Ctx<'a> {
    pub fn new(hb: &'a Handbook) -> Self {
        Ctx {
            hb,
            texts: Texts::new(hb),
            sentences: OnceLock::new(),
            terms: OnceLock::new(),
            anchors: OnceLock::new(),
        }
    }

    /// A context whose sentence comparisons and glossary hits are already computed
    /// (by [`super::Cache`]).
    pub fn with_parts(
        hb: &'a Handbook,
        texts: Texts<'a>,
        sentences: Comparisons,
        terms: Vec<Found<'a>>,
    ) -> Self {
        Ctx {
            hb,
            texts,
            sentences: OnceLock::from(sentences),
            terms: OnceLock::from(terms),
            anchors: OnceLock::new(),
        }
    }

    /// Glossary phrases found in the texts (computed once for the three term rules).
    pub fn term_hits(&self) -> &[Found<'a>] {
        self.terms.get_or_init(|| glossary::scan(&self.texts))
    }

    /// Every `#anchor` a link of the book points at (computed when first asked): a fix
    /// does not change the words of a heading whose id one of them is.
    pub fn linked_anchors(&self) -> &rustc_hash::FxHashSet<&'a str> {
        self.anchors.get_or_init(|| {
            self.hb
                .docs
                .iter()
                .flat_map(|d| d.body.links.iter())
                .filter_map(|l| l.anchor.as_deref())
                .collect()
        })
    }

    /// Sentences close to message sentences (computed once).
    pub fn message_matches(&self) -> &Comparison {
        &self
            .sentences
            .get_or_init(|| sentences::compare(&self.texts))
            .messages
    }

    /// Sentences close to claim sentences, numbers masked (computed once).
    pub fn claim_matches(&self) -> &Comparison {
        &self
            .sentences
            .get_or_init(|| sentences::compare(&self.texts))
            .claims
    }
}
