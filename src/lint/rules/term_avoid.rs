//! `term/avoid`: an avoided word; says the preferred term.

use crate::diagnostics::Diagnostic;
use crate::lint::ctx::Ctx;
use crate::lint::glossary::Entry;
use crate::rules::TERM_AVOID;

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for found in ctx.term_hits() {
        let Entry::Avoid { avoid, term } = found.entry else {
            continue;
        };
        if found.is_mention(&ctx.texts) {
            continue;
        }
        let Some((span, word)) = found.place(&ctx.texts) else {
            continue;
        };
        out.push(
            Diagnostic::new(
                &TERM_AVOID,
                span,
                format!("say `{}` instead of `{word}`", term.value),
            )
            .related(
                avoid.span,
                format!("`{}` is listed under avoid here", avoid.value),
            )
            .help(format!("replace `{word}` with `{}`", term.value)),
        );
    }
}
