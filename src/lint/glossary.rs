//! One scan of every text for the glossary's phrases (avoided words, banned phrases,
//! case-sensitive terms), shared by the three `term/*` rules.

use super::Ctx;
use super::terms::{Hit, PhraseSet};
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
    pub fn place<'c>(&self, ctx: &'c Ctx) -> Option<(crate::source::Span, &'c str)> {
        let text = ctx.text(self.text)?;
        let at = text.file_offset(self.hit.start);
        let len = self.hit.end - self.hit.start;
        let words = text.text().get(self.hit.start..self.hit.end)?;
        Some((crate::source::Span::new(text.file, at, at + len), words))
    }
}

/// Every glossary phrase found in every text, in text order.
pub fn scan<'a>(ctx: &Ctx<'a>) -> Vec<Found<'a>> {
    let mut set = PhraseSet::default();
    let mut entries: Vec<Entry<'a>> = Vec::new();
    for d in &ctx.hb.docs {
        let Some(g) = &d.glossary else { continue };
        for t in &g.terms {
            for a in &t.avoid {
                set.add(&a.value, entries.len());
                entries.push(Entry::Avoid {
                    avoid: a,
                    term: &t.term,
                });
            }
            if t.term.value.chars().any(char::is_uppercase) {
                set.add(&t.term.value, entries.len());
                entries.push(Entry::Case { term: &t.term });
            }
        }
        for b in &g.banned {
            set.add(&b.phrase.value, entries.len());
            entries.push(Entry::Banned {
                phrase: &b.phrase,
                reason: b.reason.as_ref(),
            });
        }
    }
    if set.is_empty() {
        return Vec::new();
    }
    ctx.par_texts(|id, text, out| {
        let words = super::terms::words(text.text());
        out.extend(set.find(text.text(), &words).into_iter().filter_map(|hit| {
            entries.get(hit.id).map(|entry| Found {
                text: id,
                hit,
                entry: *entry,
            })
        }));
    })
}
