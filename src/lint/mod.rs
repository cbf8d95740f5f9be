//! Runs the rules over a loaded handbook, then applies configured severities,
//! front-matter `lint.allow`, `<!-- gtmbook-ignore RULE -->` comments, and sorts.

pub mod glossary;
pub mod numbers;
pub mod prose;
pub mod rules;
pub mod sentences;
pub mod similar;
pub mod terms;

use crate::diagnostics::{self, Diagnostic};
use crate::model::Handbook;
use crate::source::FileId;
use rayon::prelude::*;
use std::collections::HashMap;

/// What every rule reads.
pub struct Ctx<'a> {
    pub hb: &'a Handbook,
    /// The front-matter prose of each document (SPEC 6.1); body prose is read from the
    /// model in place, never copied.
    fields: Vec<Vec<prose::Field>>,
    sentences: std::sync::OnceLock<sentences::Comparisons>,
    terms: std::sync::OnceLock<Vec<glossary::Found<'a>>>,
}

impl<'a> Ctx<'a> {
    pub fn new(hb: &'a Handbook) -> Self {
        let fields = hb
            .docs
            .par_iter()
            .map(|d| {
                let source = hb.sources.text(d.file);
                prose::fields_of(d, source)
            })
            .collect();
        Ctx {
            hb,
            fields,
            sentences: std::sync::OnceLock::new(),
            terms: std::sync::OnceLock::new(),
        }
    }

    /// One text of the handbook.
    pub fn text(&self, id: prose::TextId) -> Option<prose::Text<'_>> {
        let d = self.hb.docs.get(id.doc as usize)?;
        let n = id.n as usize;
        let blocks = d.body.prose.len();
        if n < blocks {
            return Some(prose::Text {
                file: d.file,
                origin: prose::Origin::Body,
                prose: d.body.prose.get(n)?,
            });
        }
        let f = self.fields.get(id.doc as usize)?.get(n - blocks)?;
        Some(prose::Text {
            file: d.file,
            origin: f.origin,
            prose: f.prose.as_ref(),
        })
    }

    /// The texts of document `doc`: body blocks, then front-matter values.
    pub fn texts_of(&self, doc: usize) -> impl Iterator<Item = (prose::TextId, prose::Text<'_>)> {
        let count = self.hb.docs.get(doc).map_or(0, |d| d.body.prose.len())
            + self.fields.get(doc).map_or(0, Vec::len);
        let doc = u32::try_from(doc).unwrap_or(u32::MAX);
        (0..u32::try_from(count).unwrap_or(u32::MAX)).filter_map(move |n| {
            let id = prose::TextId { doc, n };
            self.text(id).map(|t| (id, t))
        })
    }

    /// Call `f` on every text of the handbook, documents in parallel; what it pushes
    /// comes back in text order.
    pub fn par_texts<T: Send>(
        &self,
        f: impl Fn(prose::TextId, prose::Text<'_>, &mut Vec<T>) + Sync + Send,
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

    /// Glossary phrases found in the texts (computed once for the three term rules).
    pub fn term_hits(&self) -> &[glossary::Found<'a>] {
        self.terms.get_or_init(|| glossary::scan(self))
    }

    /// Sentences close to message sentences (computed once).
    pub fn message_matches(&self) -> &sentences::Comparison {
        &self
            .sentences
            .get_or_init(|| sentences::compare(self))
            .messages
    }

    /// Sentences close to claim sentences, numbers masked (computed once).
    pub fn claim_matches(&self) -> &sentences::Comparison {
        &self
            .sentences
            .get_or_init(|| sentences::compare(self))
            .claims
    }
}

/// Run every rule and merge with the load diagnostics; the result is final and sorted.
/// `phase` is called with the name of each phase as it ends (the caller times them:
/// lint reads no clock).
pub fn run(
    hb: &Handbook,
    mut diags: Vec<Diagnostic>,
    phase: &mut dyn FnMut(&str),
) -> Vec<Diagnostic> {
    let ctx = Ctx::new(hb);
    phase("prose");
    // Compute the shared sentence comparisons before the rules run in parallel: doing it
    // lazily inside a rule could re-enter the same OnceLock through rayon work stealing.
    ctx.message_matches();
    phase("sentences");
    ctx.term_hits();
    phase("glossary");
    let found: Vec<Diagnostic> = rules::CHECKS
        .par_iter()
        .flat_map_iter(|check| {
            let mut out = Vec::new();
            check(&ctx, &mut out);
            out
        })
        .collect();
    diags.extend(found);
    phase("rules");
    let out = finish(hb, diags);
    phase("suppression and sorting");
    out
}

/// Severities from `[lint.rules]`, suppression, sorting.
pub fn finish(hb: &Handbook, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let by_file: HashMap<FileId, usize> = hb
        .docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.file, i))
        .collect();
    let mut out: Vec<Diagnostic> = diags
        .into_iter()
        .filter_map(|mut d| {
            let sev = hb.config.severity_of(d.rule.id, d.severity)?;
            d.severity = sev;
            if let Some(doc) = by_file.get(&d.span.file).and_then(|i| hb.docs.get(*i))
                && doc.allows(d.rule.id)
            {
                return None;
            }
            if ignored_by_comment(hb, &d) {
                return None;
            }
            Some(d)
        })
        .collect();
    diagnostics::sort(&mut out, &hb.sources);
    out
}

/// `<!-- gtmbook-ignore RULE -->` on the line before the finding (or the same line)
/// switches the rule off there; without a rule id it switches off every rule.
fn ignored_by_comment(hb: &Handbook, d: &Diagnostic) -> bool {
    let Some(file) = hb.sources.get(d.span.file) else {
        return false;
    };
    let (line, _) = file.line_col(d.span.start);
    let check = |l: usize| {
        let text = file.line_text(l);
        let Some(start) = text.find("<!-- gtmbook-ignore") else {
            return false;
        };
        let rest = text
            .get(start + "<!-- gtmbook-ignore".len()..)
            .unwrap_or("");
        let inner = rest.split("-->").next().unwrap_or("");
        let rules: Vec<&str> = inner
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|s| !s.is_empty())
            .collect();
        rules.is_empty() || rules.contains(&d.rule.id)
    };
    check(line) || (line > 1 && check(line - 1))
}
