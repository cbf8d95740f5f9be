//! `term/banned`: a banned phrase; says the reason.

use crate::diagnostics::{Diagnostic, Severity};
use crate::lint::Ctx;
use crate::lint::glossary::Entry;
use crate::lint::registry::Rule;

pub const RULE: Rule = Rule {
    id: "term/banned",
    default: Severity::Error,
    summary: "A phrase the glossary bans.",
    explain: "Finds, by whole words and in any case, a phrase listed under the glossary's `banned`, and gives the reason it is banned.\n\nWhy it matters: banned phrases are the ones legal, brand or the facts rule out: superlatives nobody can prove, a competitor's trademark, a promise the product does not keep.\n\nExample:\n\n    banned:\n      - phrase: best-in-class\n        reason: A superlative we cannot prove.\n\nThe sentence \"A best-in-class planner\" is an error: say what makes it better instead.\n\nForms recognised: any case; a hyphen or a space between the parts written either way (`best-in-class` finds `best in class` and `Best in Class`; `bestinclass` only when it is listed too); the regular plurals and possessives of the last word; typographic and ASCII apostrophes and dashes alike. A phrase never spans two sentences. Code, handles, e-mail addresses, paths, URLs and identifiers are not prose here.\n\nUse and mention: a phrase in quotes (`We never write \"best-in-class\"`, typographic quotes too) or named after \"also called\", \"known as\", \"abbreviated as\", \"formerly\", \"the phrase\" and the like is mentioned, not used, and is not reported. The test is kept narrow: the quote marks must be right around the phrase, and the naming words right before it.",
};

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for found in ctx.term_hits() {
        let Entry::Banned { phrase, reason } = found.entry else {
            continue;
        };
        if found.is_mention(ctx) {
            continue;
        }
        let Some((span, word)) = found.place(ctx) else {
            continue;
        };
        let reason = reason
            .map(|r| r.value.clone())
            .unwrap_or_else(|| "it is on the glossary's banned list".into());
        out.push(
            Diagnostic::new(RULE.id, span, format!("`{word}` is banned: {reason}"))
                .related(phrase.span, "banned here")
                .help("rewrite the sentence without it"),
        );
    }
}
