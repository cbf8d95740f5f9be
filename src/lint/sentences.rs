//! The sentence comparisons shared by `message/drift`, `message/copy` (against message
//! sentences) and `claim/mismatch` (against masked claim sentences). One parallel pass
//! splits every text into sentences once and asks both indexes.

use super::prose::{Origin, TextId};
use super::similar::{self, Index};
use super::texts::Texts;
use crate::model::Status;
use crate::source::Span;

/// A reference sentence: part of a message or a claim.
#[derive(Debug, Clone)]
pub struct Reference {
    /// `DOCID.MSGID` or the claim id.
    pub id: String,
    pub tokens: Vec<String>,
    /// The sentence as written.
    pub text: String,
    /// Where the whole message or claim text is written.
    pub span: Span,
    /// The sentence is the whole message or claim text (a reference renders just it).
    pub whole: bool,
}

/// A sentence of the handbook close to a reference sentence.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Hit {
    pub span: Span,
    pub tokens: Vec<String>,
    /// The sentence as written.
    pub text: String,
    pub reference: usize,
    pub similarity: f64,
    /// The text the sentence is in, and its byte range there (what a fix edits).
    pub at: TextId,
    pub range: (usize, usize),
    /// Only part of a longer sentence (a claim's words inside it).
    pub window: bool,
}

#[derive(Default)]
pub struct Comparison {
    pub references: Vec<Reference>,
    pub hits: Vec<Hit>,
}

/// Both comparisons of a run.
#[derive(Default)]
pub struct Comparisons {
    pub messages: Comparison,
    pub claims: Comparison,
}

fn words(s: &str) -> Vec<String> {
    similar::tokens(s).into_iter().map(|t| t.text).collect()
}

fn message_index(ctx: &Texts) -> (Index, Vec<Reference>) {
    let min = ctx.hb.config.lint.min_sentence_words;
    let mut references = Vec::new();
    let mut index = Index::new(ctx.hb.config.lint.drift_threshold);
    for d in &ctx.hb.docs {
        if d.status.value == Status::Retired {
            continue;
        }
        for m in d.messages.iter().filter(|m| m.status != Status::Retired) {
            let all = similar::sentences(&m.text.value);
            let whole = all.len() == 1;
            for s in all {
                let text = m.text.value.get(s.start..s.end).unwrap_or("");
                let toks = words(text);
                if toks.len() < min {
                    continue;
                }
                index.add(toks.clone());
                references.push(Reference {
                    id: m.full.clone(),
                    tokens: toks,
                    text: text.to_string(),
                    span: m.text.span,
                    whole,
                });
            }
        }
    }
    (index, references)
}

fn claim_index(ctx: &Texts) -> (Index, Vec<Reference>) {
    let min = ctx.hb.config.lint.min_sentence_words;
    let mut references = Vec::new();
    let mut index = Index::new(ctx.hb.config.lint.drift_threshold);
    for d in &ctx.hb.docs {
        for c in &d.claims {
            let all = similar::sentences(&c.text.value);
            let whole = all.len() == 1;
            for s in all {
                let text = c.text.value.get(s.start..s.end).unwrap_or("");
                let reading = similar::read(text);
                if reading.masked.len() < min || reading.numbers.is_empty() {
                    continue;
                }
                index.add(reading.masked.clone());
                references.push(Reference {
                    id: c.id.value.clone(),
                    tokens: reading.masked,
                    text: text.to_string(),
                    span: c.text.span,
                    whole,
                });
            }
        }
    }
    (index, references)
}

/// The message and claim indexes of a run, with a fingerprint of everything a
/// document's comparisons read from them (settings and reference words, in order).
pub struct Indexes {
    min: usize,
    messages: Index,
    message_refs: Vec<Reference>,
    claims: Index,
    claim_refs: Vec<Reference>,
    /// Equal fingerprints: every document's hits are the same (see `lint::cache`).
    pub fingerprint: u64,
}

impl Indexes {
    pub fn new(ctx: &Texts) -> Indexes {
        use std::hash::{Hash, Hasher};
        let min = ctx.hb.config.lint.min_sentence_words;
        let (messages, message_refs) = message_index(ctx);
        let (claims, claim_refs) = claim_index(ctx);
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        min.hash(&mut h);
        ctx.hb.config.lint.drift_threshold.to_bits().hash(&mut h);
        for refs in [&message_refs, &claim_refs] {
            refs.len().hash(&mut h);
            for r in refs {
                r.tokens.hash(&mut h);
            }
        }
        Indexes {
            min,
            messages,
            message_refs,
            claims,
            claim_refs,
            fingerprint: h.finish(),
        }
    }

    /// Nothing to compare with.
    pub fn is_empty(&self) -> bool {
        self.messages.is_empty() && self.claims.is_empty()
    }

    /// The comparisons of the texts of document `doc`, in text order (`true`: against
    /// a message sentence).
    pub fn compare_doc(&self, ctx: &Texts, doc: usize) -> Vec<(bool, Hit)> {
        let mut hits = Vec::new();
        if self.is_empty() {
            return hits;
        }
        for (id, text) in ctx.texts_of(doc) {
            self.compare_text(id, text, &mut hits);
        }
        hits
    }

    /// Combine the hits of every document (in document order) into the comparisons.
    pub fn assemble(self, found: impl IntoIterator<Item = (bool, Hit)>) -> Comparisons {
        let mut out = Comparisons {
            messages: Comparison {
                references: self.message_refs,
                hits: Vec::new(),
            },
            claims: Comparison {
                references: self.claim_refs,
                hits: Vec::new(),
            },
        };
        for (is_message, hit) in found {
            if is_message {
                out.messages.hits.push(hit);
            } else {
                out.claims.hits.push(hit);
            }
        }
        out
    }

    fn compare_text(&self, id: TextId, text: super::prose::Text<'_>, hits: &mut Vec<(bool, Hit)>) {
        let (min, messages, claims) = (self.min, &self.messages, &self.claims);
        // Canonical texts (messages, responses) are not compared with messages;
        // claim texts are not compared with claims.
        let vs_messages = !messages.is_empty()
            && matches!(text.origin, Origin::Body | Origin::Field(_))
            && text.origin != Origin::Field("response");
        let vs_claims = !claims.is_empty() && !matches!(text.origin, Origin::Claim);
        let body = text.text();
        // Word numbers of the current sentence; one buffer for the whole text.
        let mut q = Vec::new();
        let mut spans = Vec::new();
        for s in similar::sentences(body) {
            let Some(sentence) = body.get(s.start..s.end) else {
                continue;
            };
            let hit = |m: similar::Match| Hit {
                span: Span::new(
                    text.file,
                    text.file_offset(s.start),
                    text.file_offset(s.end.saturating_sub(1)) + 1,
                ),
                tokens: words(sentence),
                text: sentence.to_string(),
                reference: m.entry,
                similarity: m.similarity,
                at: id,
                range: (s.start, s.end),
                window: false,
            };
            // Whether the sentence may hold a number, from the message pass when it ran.
            let mut numberish = None;
            if vs_messages {
                numberish = Some(messages.ids(sentence, false, &mut q));
                if q.len() >= min
                    && let Some(m) = messages.best_ids(&q)
                {
                    hits.push((true, hit(m)));
                }
            }
            // Only sentences with a digit or a number word can state a claim's numbers.
            if vs_claims
                && numberish.unwrap_or_else(|| {
                    sentence.bytes().any(|b| b.is_ascii_digit())
                        || super::numbers::has_number_word(sentence)
                })
            {
                let has_number = claims.masked_ids(sentence, &mut q, &mut spans);
                if !has_number || q.len() < min {
                    continue;
                }
                if let Some(m) = claims.best_ids(&q) {
                    hits.push((false, hit(m)));
                } else if let Some((m, a, b)) = claims.best_window(&q)
                    && b - a >= min
                    && let (Some(first), Some(last)) = (spans.get(a), spans.get(b - 1))
                    && let Some(window) = sentence.get(first.0..last.1)
                {
                    // The claim's words inside a longer sentence: the window is the hit.
                    hits.push((
                        false,
                        Hit {
                            span: Span::new(
                                text.file,
                                text.file_offset(s.start + first.0),
                                text.file_offset(s.start + last.1 - 1) + 1,
                            ),
                            tokens: words(window),
                            text: window.to_string(),
                            reference: m.entry,
                            similarity: m.similarity,
                            at: id,
                            range: (s.start + first.0, s.start + last.1),
                            window: true,
                        },
                    ));
                }
            }
        }
    }
}

/// Compare every sentence of the handbook with the message and claim sentences.
pub fn compare(ctx: &Texts) -> Comparisons {
    use rayon::prelude::*;
    let idx = Indexes::new(ctx);
    if idx.is_empty() {
        return Comparisons::default();
    }
    let found: Vec<(bool, Hit)> = (0..ctx.hb.docs.len())
        .into_par_iter()
        .flat_map_iter(|doc| idx.compare_doc(ctx, doc))
        .collect();
    idx.assemble(found)
}
