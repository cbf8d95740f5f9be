//! Every text of the handbook the rules read, by [`TextId`]: the body prose the model
//! holds, then the front-matter prose copied out once per document.

use super::prose::{self, Field, Text, TextId};
use crate::model::Handbook;
use rayon::prelude::*;

/// The texts of a handbook: body blocks in place in the model, front-matter values here.
pub struct Texts<'a> {
    pub hb: &'a Handbook,
    /// The front-matter prose of each document (SPEC 6.1); body prose is read from the
    /// model in place, never copied.
    fields: Vec<Vec<Field>>,
}

impl<'a> Texts<'a> {
    pub fn new(hb: &'a Handbook) -> Self {
        let fields = hb
            .docs
            .par_iter()
            .map(|d| {
                let source = hb.sources.text(d.file);
                prose::fields_of(d, source)
            })
            .collect();
        Texts { hb, fields }
    }

    /// One text of the handbook.
    pub fn text(&self, id: TextId) -> Option<Text<'_>> {
        let d = self.hb.docs.get(id.doc as usize)?;
        let n = id.n as usize;
        let blocks = d.body.prose.len();
        if n < blocks {
            return Some(Text {
                file: d.file,
                origin: prose::Origin::Body,
                prose: d.body.prose.get(n)?,
                scalar: None,
            });
        }
        let f = self.fields.get(id.doc as usize)?.get(n - blocks)?;
        Some(Text {
            file: d.file,
            origin: f.origin,
            prose: f.prose.as_ref(),
            scalar: f.scalar,
        })
    }

    /// The texts of document `doc`: body blocks, then front-matter values.
    pub fn texts_of(&self, doc: usize) -> impl Iterator<Item = (TextId, Text<'_>)> {
        let count = self.hb.docs.get(doc).map_or(0, |d| d.body.prose.len())
            + self.fields.get(doc).map_or(0, Vec::len);
        let doc = u32::try_from(doc).unwrap_or(u32::MAX);
        (0..u32::try_from(count).unwrap_or(u32::MAX)).filter_map(move |n| {
            let id = TextId { doc, n };
            self.text(id).map(|t| (id, t))
        })
    }

    /// Call `f` on every text of the handbook, documents in parallel; what it pushes
    /// comes back in text order.
    pub fn par_texts<T: Send>(
        &self,
        f: impl Fn(TextId, Text<'_>, &mut Vec<T>) + Sync + Send,
    ) -> Vec<T> {
        (0..self.hb.docs.len())
            .into_par_iter()
            .flat_map_iter(|doc| {
                let mut out = Vec::new();
                for (id, text) in self.texts_of(doc) {
                    f(id, text, &mut out);
                }
                out
            })
            .collect()
    }
}
