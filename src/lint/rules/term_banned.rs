//! `term/banned`: a banned phrase; says the reason.

use crate::diagnostics::{Diagnostic, Severity};
use crate::lint::Ctx;
use crate::lint::registry::Rule;
use crate::lint::terms::PhraseSet;
use crate::source::Span;

pub const RULE: Rule = Rule {
    id: "term/banned",
    default: Severity::Error,
    summary: "A phrase the glossary bans.",
    explain: "Finds, by whole words and in any case, a phrase listed under the glossary's `banned`, and gives the reason it is banned.\n\nWhy it matters: banned phrases are the ones legal, brand or the facts rule out: superlatives nobody can prove, a competitor's trademark, a promise the product does not keep.\n\nExample:\n\n    banned:\n      - phrase: best-in-class\n        reason: A superlative we cannot prove.\n\nThe sentence \"A best-in-class planner\" is an error: say what makes it better instead.",
};

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let mut set = PhraseSet::default();
    let mut entries = Vec::new();
    for d in &ctx.hb.docs {
        if let Some(g) = &d.glossary {
            for b in &g.banned {
                set.add(&b.phrase.value, entries.len());
                entries.push(b);
            }
        }
    }
    if set.is_empty() {
        return;
    }
    for text in ctx.texts() {
        for hit in set.find(text.text(), &text.words) {
            let Some(b) = entries.get(hit.id) else {
                continue;
            };
            let found = text.text().get(hit.start..hit.end).unwrap_or("");
            let reason = b
                .reason
                .as_ref()
                .map(|r| r.value.clone())
                .unwrap_or_else(|| "it is on the glossary's banned list".into());
            out.push(
                Diagnostic::new(
                    RULE.id,
                    Span::new(
                        text.file,
                        text.file_offset(hit.start),
                        text.file_offset(hit.start) + (hit.end - hit.start),
                    ),
                    format!("`{found}` is banned: {reason}"),
                )
                .related(b.phrase.span, "banned here")
                .help("rewrite the sentence without it"),
            );
        }
    }
}
