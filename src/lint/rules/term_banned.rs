//! `term/banned`: a banned phrase; says the reason.

use crate::diagnostics::Diagnostic;
use crate::lint::ctx::Ctx;
use crate::lint::glossary::Entry;
use crate::rules::TERM_BANNED;

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for found in ctx.term_hits() {
        let Entry::Banned { phrase, reason } = found.entry else {
            continue;
        };
        if found.is_mention(&ctx.texts) {
            continue;
        }
        let Some((span, word)) = found.place(&ctx.texts) else {
            continue;
        };
        let reason = reason
            .map(|r| r.value.clone())
            .unwrap_or_else(|| "it is on the glossary's banned list".into());
        out.push(
            Diagnostic::new(&TERM_BANNED, span, format!("`{word}` is banned: {reason}"))
                .related(phrase.span, "banned here")
                .help("rewrite the sentence without it"),
        );
    }
}
