//! One scan of every text for the glossary's phrases (avoided words, banned phrases,
//! case-sensitive terms), shared by the three `term/*` rules.

use super::terms::{Hit, PhraseSet};
use super::texts::Texts;
use crate::model::Sp;

/// What a phrase of the set stands for.
#[derive(Debug, Clone, Copy)]
pub enum Entry<'a> {
    /// An `avoid` word and the term to use instead.
    Avoid {
        avoid: &'a Sp<String>,
        term: &'a Sp<String>,
    },
    Banned {
        phrase: &'a Sp<String>,
        reason: Option<&'a Sp<String>>,
    },
    /// A term with an upper-case letter: found in any case.
    Case { term: &'a Sp<String> },
}

pub struct Found<'a> {
    pub text: super::prose::TextId,
    pub hit: Hit,
    pub entry: Entry<'a>,
}

impl Found<'_> {
    /// Where the phrase was found in its file, and the words as written.
    pub fn place<'c>(&self, ctx: &'c Texts) -> Option<(crate::source::Span, &'c str)> {
        let text = ctx.text(self.text)?;
        let at = text.file_offset(self.hit.start);
        let len = self.hit.end - self.hit.start;
        let words = text.text().get(self.hit.start..self.hit.end)?;
        Some((crate::source::Span::new(text.file, at, at + len), words))
    }

    /// Is the phrase part of a slug such as `acme/server` or `docs/acme` (a `/` right
    /// before or after it)?
    pub fn in_slug(&self, ctx: &Texts) -> bool {
        ctx.text(self.text).is_some_and(|t| {
            let b = t.text().as_bytes();
            self.hit.start.checked_sub(1).and_then(|i| b.get(i)) == Some(&b'/')
                || b.get(self.hit.end) == Some(&b'/')
        })
    }

    /// Is the phrase mentioned rather than used: in quotes (`"K8s"`, `“K8s”`, `'K8s'`),
    /// or named after "abbreviated as", "also called", "known as", "formerly"…?
    pub fn is_mention(&self, ctx: &Texts) -> bool {
        ctx.text(self.text)
            .is_some_and(|t| is_mention(t.text(), self.hit.start, self.hit.end))
    }
}

/// Words that introduce another name for a thing: what follows them is mentioned.
const MENTION_AFTER: &[&str] = &[
    "abbreviated as",
    "abbreviated to",
    "abbreviation",
    "also called",
    "also known as",
    "known as",
    "aka",
    "a.k.a.",
    "formerly",
    "formerly called",
    "previously called",
    "also spelled",
    "also written",
    "sometimes called",
    "often called",
    "the term",
    "the word",
    "the phrase",
];

/// See [`Found::is_mention`]: `start..end` is the phrase in `text`.
pub fn is_mention(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).unwrap_or("");
    let after = text.get(end..).unwrap_or("");
    let open = before.chars().next_back();
    let close = after
        .trim_start_matches([',', '.', ';', ':', '!', '?'])
        .chars()
        .next();
    let quoted = matches!(
        (open, close),
        (Some('"'), Some('"'))
            | (Some('“'), Some('”'))
            | (Some('‘' | '\''), Some('’' | '\''))
            | (Some('«'), Some('»'))
    ) || matches!(
        (open, after.chars().next()),
        (Some('“' | '"'), Some('”' | '"'))
    );
    if quoted {
        return true;
    }
    // The words just before, up to the start of the sentence or a bracket.
    let lead = before.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '(' | ',' | ':' | '"' | '“' | '‘' | '\'')
    });
    let lead = lead.get(lead.len().saturating_sub(24)..).unwrap_or(lead);
    let lead = super::terms::norm_lower(lead);
    MENTION_AFTER.iter().any(|m| {
        lead.strip_suffix(m)
            .is_some_and(|rest| rest.is_empty() || rest.ends_with(|c: char| !c.is_alphanumeric()))
    })
}

/// The glossary's phrases of a run, with a fingerprint of everything a document's hits
/// read from them (each phrase, its kind and language, in order).
pub struct Phrases<'a> {
    set: PhraseSet,
    entries: Vec<Entry<'a>>,
    /// The language of the glossary each entry comes from: a glossary applies to the
    /// pages of its own language only (an English glossary does not lint French pages).
    entry_lang: Vec<&'a str>,
    /// Only a book with pages in more than one language needs the language of each text.
    multilingual: bool,
    /// Equal fingerprints: every document's hits are the same (see `lint::cache`).
    pub fingerprint: u64,
}

impl<'a> Phrases<'a> {
    pub fn new(ctx: &Texts<'a>) -> Phrases<'a> {
        use std::hash::{Hash, Hasher};
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        let mut set = PhraseSet::default();
        let mut entries: Vec<Entry<'a>> = Vec::new();
        let mut entry_lang: Vec<&'a str> = Vec::new();
        for d in &ctx.hb.docs {
            let Some(g) = &d.glossary else { continue };
            for t in &g.terms {
                for a in &t.avoid {
                    set.add_forms(&a.value, entries.len());
                    (0u8, &a.value, &t.term.value).hash(&mut h);
                    entries.push(Entry::Avoid {
                        avoid: a,
                        term: &t.term,
                    });
                }
                if t.term.value.chars().any(char::is_uppercase) {
                    set.add(&t.term.value, entries.len());
                    (1u8, &t.term.value).hash(&mut h);
                    entries.push(Entry::Case { term: &t.term });
                }
            }
            for b in &g.banned {
                set.add_forms(&b.phrase.value, entries.len());
                (2u8, &b.phrase.value).hash(&mut h);
                entries.push(Entry::Banned {
                    phrase: &b.phrase,
                    reason: b.reason.as_ref(),
                });
            }
            (3u8, entries.len(), d.lang.as_str()).hash(&mut h);
            entry_lang.resize(entries.len(), d.lang.as_str());
        }
        let multilingual = ctx
            .hb
            .docs
            .first()
            .is_some_and(|first| ctx.hb.docs.iter().any(|d| d.lang != first.lang));
        multilingual.hash(&mut h);
        Phrases {
            set,
            entries,
            entry_lang,
            multilingual,
            fingerprint: h.finish(),
        }
    }

    /// The phrases found in the texts of document `doc`, in text order.
    pub fn scan_doc(&self, ctx: &Texts, doc: usize) -> Vec<(super::prose::TextId, Hit)> {
        let mut out = Vec::new();
        if self.set.is_empty() {
            return out;
        }
        let lang = self
            .multilingual
            .then(|| ctx.hb.docs.get(doc).map(|d| d.lang.as_str()))
            .flatten();
        for (id, text) in ctx.texts_of(doc) {
            let words = super::terms::words(text.text());
            out.extend(
                self.set
                    .find(text.text(), &words)
                    .into_iter()
                    .filter(|hit| {
                        lang.is_none_or(|lang| {
                            self.entry_lang.get(hit.id).is_none_or(|l| *l == lang)
                        })
                    })
                    .map(|hit| (id, hit)),
            );
        }
        out
    }

    /// A found phrase with what it stands for.
    pub fn found(&self, text: super::prose::TextId, hit: Hit) -> Option<Found<'a>> {
        self.entries.get(hit.id).map(|entry| Found {
            text,
            hit,
            entry: *entry,
        })
    }
}

/// Every glossary phrase found in every text, in text order.
pub fn scan<'a>(ctx: &Texts<'a>) -> Vec<Found<'a>> {
    use rayon::prelude::*;
    let phrases = Phrases::new(ctx);
    if phrases.set.is_empty() {
        return Vec::new();
    }
    (0..ctx.hb.docs.len())
        .into_par_iter()
        .flat_map_iter(|doc| {
            phrases
                .scan_doc(ctx, doc)
                .into_iter()
                .filter_map(|(id, hit)| phrases.found(id, hit))
                .collect::<Vec<_>>()
        })
        .collect()
}
