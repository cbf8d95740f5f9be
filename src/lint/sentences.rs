//! The sentence comparisons shared by `message/drift`, `message/copy` (against message
//! sentences) and `claim/mismatch` (against masked claim sentences). Each is computed
//! once per run, in parallel over the texts, whichever rule asks first.

use super::Ctx;
use super::prose::Origin;
use super::similar::{self, Index};
use crate::model::Status;
use crate::source::Span;
use rayon::prelude::*;

/// A reference sentence: part of a message or a claim.
#[derive(Debug, Clone)]
pub struct Reference {
    /// `DOCID.MSGID` or the claim id.
    pub id: String,
    pub tokens: Vec<String>,
    /// Where the whole message or claim text is written.
    pub span: Span,
}

/// A sentence of the handbook close to a reference sentence.
#[derive(Debug, Clone)]
pub struct Hit {
    pub span: Span,
    pub tokens: Vec<String>,
    pub reference: usize,
    pub similarity: f64,
}

pub struct Comparison {
    pub references: Vec<Reference>,
    pub hits: Vec<Hit>,
}

fn words(s: &str) -> Vec<String> {
    similar::tokens(s).into_iter().map(|t| t.text).collect()
}

/// Every sentence of every text, with its file span and tokens, that passes `keep`.
fn scan<F>(ctx: &Ctx, index: &Index, keep_text: F, masked: bool) -> Vec<Hit>
where
    F: Fn(&Origin) -> bool + Sync,
{
    let t = ctx.hb.config.lint.drift_threshold;
    let min = ctx.hb.config.lint.min_sentence_words;
    ctx.texts
        .par_iter()
        .filter(|text| keep_text(&text.origin))
        .flat_map_iter(|text| {
            let mut hits = Vec::new();
            let body = text.text();
            for s in similar::sentences(body) {
                let Some(sentence) = body.get(s.start..s.end) else {
                    continue;
                };
                let toks = words(sentence);
                if toks.len() < min {
                    continue;
                }
                if masked && !toks.iter().any(|w| similar::is_numeric(w)) {
                    continue;
                }
                let query = if masked {
                    similar::mask(&toks)
                } else {
                    toks.clone()
                };
                if let Some(m) = index.best(&query, t) {
                    let start = text.file_offset(s.start);
                    let end = text.file_offset(s.end.saturating_sub(1)) + 1;
                    hits.push(Hit {
                        span: Span::new(text.file, start, end),
                        tokens: toks,
                        reference: m.entry,
                        similarity: m.similarity,
                    });
                }
            }
            hits
        })
        .collect()
}

/// Sentences compared with the approved messages.
pub fn messages(ctx: &Ctx) -> Comparison {
    let min = ctx.hb.config.lint.min_sentence_words;
    let mut references = Vec::new();
    let mut index = Index::default();
    for d in &ctx.hb.docs {
        if d.status.value == Status::Retired {
            continue;
        }
        for m in &d.messages {
            if m.status == Status::Retired {
                continue;
            }
            for s in similar::sentences(&m.text.value) {
                let toks = words(m.text.value.get(s.start..s.end).unwrap_or(""));
                if toks.len() < min {
                    continue;
                }
                index.add(toks.clone());
                references.push(Reference {
                    id: m.full.clone(),
                    tokens: toks,
                    span: m.text.span,
                });
            }
        }
    }
    let hits = if index.is_empty() {
        Vec::new()
    } else {
        // Canonical texts themselves (messages, responses, claims) are not compared.
        scan(
            ctx,
            &index,
            |o| matches!(o, Origin::Body | Origin::Field(_)) && *o != Origin::Field("response"),
            false,
        )
    };
    Comparison { references, hits }
}

/// Sentences with numbers compared with the claims, numbers masked.
pub fn claims(ctx: &Ctx) -> Comparison {
    let min = ctx.hb.config.lint.min_sentence_words;
    let mut references = Vec::new();
    let mut index = Index::default();
    for d in &ctx.hb.docs {
        for c in &d.claims {
            for s in similar::sentences(&c.text.value) {
                let toks = words(c.text.value.get(s.start..s.end).unwrap_or(""));
                if toks.len() < min || !toks.iter().any(|w| similar::is_numeric(w)) {
                    continue;
                }
                index.add(similar::mask(&toks));
                references.push(Reference {
                    id: c.id.value.clone(),
                    tokens: toks,
                    span: c.text.span,
                });
            }
        }
    }
    let hits = if index.is_empty() {
        Vec::new()
    } else {
        scan(ctx, &index, |o| !matches!(o, Origin::Claim(_)), true)
    };
    Comparison { references, hits }
}
